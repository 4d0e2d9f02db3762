import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import type { PickedAdapter } from './adapter';
import type { AuthPlan } from './auth-plan';
import type { CredentialWait } from './credential-wait';
import { generationOf, refreshStateOf } from './refresh';
import {
  resolvePlanCredentials,
  reuseRefreshed,
  type RequestCredentials,
} from './request-credentials';
import {
  isResilient,
  sendResilientWith,
  type CallResilience,
  type SentListener,
} from './send-resilient';
import { sendWith } from './send-with';

/** An empty list to return without allocating one. */
export const NONE: readonly never[] = [];

/**
 * Resolves the credentials of every plan for this request, then sends it with them: the one
 * path every authenticated request takes, under `resilience` when it has something to do.
 * `refreshed` names the plans whose rejected credential was just refreshed: they send what the
 * refresh returned. `sent` learns which credentials went out (on each attempt), for a caller
 * that must judge the response by them. `wait` bounds the wait for credentials by the
 * request's cancel and timeout, and gives the send what is left.
 */
export function resolveAndSend(
  config: InternalAxiosRequestConfig,
  plans: readonly AuthPlan[],
  adapter: PickedAdapter,
  wait: CredentialWait,
  resilience: CallResilience | undefined,
  refreshed: readonly RequestCredentials[] = NONE,
  sent?: SentListener,
): Promise<AxiosResponse> {
  const send = (resolved: readonly RequestCredentials[]): Promise<AxiosResponse> => {
    if (isResilient(config, resilience)) {
      const fresh = (c: InternalAxiosRequestConfig, w: CredentialWait) =>
        resolveRequestCredentials(c, plans, NONE, w);
      return sendResilientWith(config, plans, resolved, adapter, wait, resilience, fresh, sent);
    }
    return wait.send(() => {
      // Most requests are never redirected: the set is made only for a caller that asks.
      let left: Set<AuthPlan> | undefined;
      if (sent !== undefined) sent(resolved, (left = new Set()));
      return sendWith(config, resolved, adapter, left);
    });
  };
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
