import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import type { ResolvedAdapter } from './adapter';
import { applyTo, removeFrom, resolveFor, reuseFor, type ResolvedCredentials } from './apply';
import { sendFollowingRedirects } from './fetch-redirects';
import { guardRedirects } from './http-redirects';
import type { AuthPlan } from './plan';
import { redactError, redactResponse } from './redact';

/** An empty list to return without allocating one. */
export const NONE: readonly never[] = [];

/**
 * The credentials of every plan for one request. `refreshed` names the plans whose rejected
 * credential was just refreshed: they send what the refresh returned.
 */
export function resolveAll(
  config: InternalAxiosRequestConfig,
  plans: readonly AuthPlan[],
  refresh: boolean,
  refreshed: readonly ResolvedCredentials[] = NONE,
): ResolvedCredentials[] | Promise<ResolvedCredentials[]> {
  if (plans.length === 1 && refreshed.length === 0) {
    const plan = plans[0]!;
    const resolved = resolveFor(plan, config, refresh, plan.refreshState.generation);
    return resolved instanceof Promise ? resolved.then((r) => [r]) : [resolved];
  }
  // Several plans on one request (a declared call's, then the instance's): the first to claim
  // a header fills it, so the declaration's credentials win and the other provider is not asked.
  const claimed = new Set<string>();
  return Promise.all(
    plans.map((plan) => {
      const latest = plan.refreshState.latest;
      return latest !== undefined && refreshed.some((r) => r.plan === plan)
        ? reuseFor(config, latest)
        : resolveFor(plan, config, refresh, plan.refreshState.generation, claimed);
    }),
  );
}

export /**
 * Sends the request with the credentials on, and takes them off again when it settles. The
 * response or error that comes back is redacted: it holds the caller's config, which no
 * longer has them, and hides the request object that still does.
 */
function sendWith(
  config: InternalAxiosRequestConfig,
  resolved: readonly ResolvedCredentials[],
  adapter: ResolvedAdapter,
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
    if (adapter.isFetch) {
      sent = sendFollowingRedirects(adapter.send, config, resolved);
    } else {
      config.beforeRedirect = guardRedirects(resolved, userHook as never) as never;
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
