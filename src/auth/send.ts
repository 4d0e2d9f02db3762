import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import type { PickedAdapter } from './adapter';
import { applyTo, removeFrom } from './apply';
import type { AuthPlan } from './auth-plan';
import type { CredentialWait } from './credential-wait';
import { sendFollowingRedirects } from './fetch-redirects';
import { guardRedirects } from './http-redirects';
import { redactError, redactResponse } from './redact';
import { generationOf, refreshStateOf } from './refresh';
import {
  resolvePlanCredentials,
  reuseRefreshed,
  type RequestCredentials,
} from './request-credentials';

/** An empty list to return without allocating one. */
export const NONE: readonly never[] = [];

/**
 * Resolves the credentials of every plan for this request, then sends it with them: the one
 * path every authenticated request takes. `refreshed` names the plans whose rejected
 * credential was just refreshed: they send what the refresh returned. `sent` learns which
 * credentials went out, for a caller that must judge the response by them. `wait` bounds the
 * wait for credentials by the request's cancel and timeout, and gives the send what is left.
 */
export function resolveAndSend(
  config: InternalAxiosRequestConfig,
  plans: readonly AuthPlan[],
  adapter: PickedAdapter,
  wait: CredentialWait,
  refreshed: readonly RequestCredentials[] = NONE,
  sent?: (resolved: readonly RequestCredentials[], left: ReadonlySet<AuthPlan>) => void,
): Promise<AxiosResponse> {
  const send = (resolved: readonly RequestCredentials[]): Promise<AxiosResponse> =>
    wait.send(() => {
      // Most requests are never redirected: the set is made only for a caller that asks.
      let left: Set<AuthPlan> | undefined;
      if (sent !== undefined) sent(resolved, (left = new Set()));
      return sendWith(config, resolved, adapter, left);
    });
  try {
    const resolved = resolveRequestCredentials(config, plans, refreshed, wait);
    return resolved instanceof Promise ? resolved.then(send) : send(resolved);
  } catch (error) {
    return Promise.reject(error);
  }
}

function resolveRequestCredentials(
  config: InternalAxiosRequestConfig,
  plans: readonly AuthPlan[],
  refreshed: readonly RequestCredentials[],
  wait: CredentialWait,
): RequestCredentials[] | Promise<RequestCredentials[]> {
  if (plans.length === 1 && refreshed.length === 0) {
    const plan = plans[0]!;
    const resolved = resolvePlanCredentials(
      plan,
      config,
      false,
      generationOf(plan),
      undefined,
      wait,
    );
    return resolved instanceof Promise ? resolved.then((r) => [r]) : [resolved];
  }
  // Several plans on one request (a declared call's, then the instance's): the first to claim
  // a header fills it, so the declaration's credentials win and the other provider is not asked.
  const claimed = new Set<string>();
  return Promise.all(
    // eslint-disable-next-line @typescript-eslint/await-thenable -- static and sync credentials are plain values
    plans.map((plan) => {
      const latest = refreshed.some((r) => r.plan === plan)
        ? refreshStateOf(plan).latest
        : undefined;
      return latest !== undefined
        ? reuseRefreshed(config, latest)
        : resolvePlanCredentials(plan, config, false, generationOf(plan), claimed, wait);
    }),
  );
}

/**
 * Sends the request with the credentials on, and takes them off again when it settles. The
 * response or error that comes back is redacted: it holds the caller's config, which no
 * longer has them, and hides the request object that still does.
 */
function sendWith(
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
    return Promise.reject(redactError(error, config));
  }
  return sent.then(
    (response) => {
      takeOff();
      return redactResponse(response, config);
    },
    (error: unknown) => {
      takeOff();
      throw redactError(error, config);
    },
  );
}
