import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import type { PickedAdapter } from './adapter';
import { applyTo, removeFrom } from './apply';
import type { AuthPlan } from './auth-plan';
import { sendFollowingRedirects } from './fetch-redirects';
import { guardRedirects } from './http-redirects';
import { redactError, redactResponse } from './redact';
import type { RequestCredentials } from './request-credentials';

/**
 * Sends the request with the credentials on, and takes them off again when it settles. The
 * response or error that comes back is redacted: it holds the caller's config, which no
 * longer has them, and hides the request object that still does.
 */
export function sendWith(
  config: InternalAxiosRequestConfig,
  resolved: readonly RequestCredentials[],
  adapter: PickedAdapter,
  left?: Set<AuthPlan>,
): Promise<AxiosResponse> {
  const params: unknown = config.params;
  const userHook = config.beforeRedirect;
  for (const credentials of resolved) applyTo(config, credentials);
  const takeOff = (): void => {
    config.beforeRedirect = userHook;
    for (const credentials of resolved) removeFrom(config, credentials, params);
  };
  let sent: Promise<AxiosResponse>;
  try {
    if (!adapter.isHttp) {
      sent = sendFollowingRedirects(adapter.send, config, resolved, left ?? new Set());
    } else {
      config.beforeRedirect = guardRedirects(resolved, userHook as never, left) as never;
      sent = adapter.send(config);
    }
  } catch (error) {
    takeOff();
    return Promise.reject(redactError(error, config, resolved));
  }
  return sent.then(
    (response) => {
      takeOff();
      return redactResponse(response, config);
    },
    (error: unknown) => {
      takeOff();
      throw redactError(error, config, resolved);
    },
  );
}
