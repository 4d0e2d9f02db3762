// The per-request side of auth and resilience, for the interceptors and for declared calls that
// send through a client they do not own: a request carries its plans, and dispatchWithAuth sends it.
import type { AxiosInstance, AxiosRequestConfig, InternalAxiosRequestConfig } from 'axios';
import { isDetached } from './attachments';
import { compileAuthPlan, type AuthPlan } from './auth-plan';
import { dispatchWithAuth } from './dispatch';
import type { AuthOptions } from './options';
import { wantsAuth } from './owned-headers';
import { PendingAuth, isPendingAuth } from './pending-auth';
import type { CallResilience } from './send-resilient';

/**
 * Marks a request to be sent with `plan`'s credentials. Called by the interceptor, whatever
 * its place in the chain: the work happens in the adapter, after every request interceptor
 * has run, on the URL and headers that will really be sent.
 */
export function markForAuth(
  config: InternalAxiosRequestConfig,
  plan: AuthPlan,
): InternalAxiosRequestConfig {
  const pending = config.__axiosDequestAuth;
  if (isPendingAuth(pending)) {
    if (!pending.plans.includes(plan))
      config.__axiosDequestAuth = new PendingAuth(
        pending.adapter,
        [...pending.plans, plan],
        pending.resilience,
      );
  } else {
    config.__axiosDequestAuth = new PendingAuth(config.adapter, [plan]);
  }
  config.adapter = dispatchWithAuth;
  return config;
}

/**
 * Marks a request to be sent under `plan` (retries, breaker, cache), inside its credentials.
 * The first live plan marked stays: a declared call's own (put on before the instance's
 * interceptors run) wins over the instance's, as its credentials do.
 */
export function markForResilience(
  config: InternalAxiosRequestConfig,
  resilience: CallResilience,
): InternalAxiosRequestConfig {
  const pending = config.__axiosDequestAuth;
  if (isPendingAuth(pending)) {
    const current = pending.resilience?.plan;
    if (current === undefined || isDetached(current))
      config.__axiosDequestAuth = new PendingAuth(pending.adapter, pending.plans, resilience);
  } else {
    config.__axiosDequestAuth = new PendingAuth(config.adapter, [], resilience);
  }
  config.adapter = dispatchWithAuth;
  return config;
}

/**
 * Checks credential options once, for a declared call that sends through a client it does not
 * own. `undefined` when the options ask for no credential at all.
 */
export function compileAuthPlanIfWanted(
  options: AuthOptions,
  baseURL: string | undefined,
): AuthPlan | undefined {
  // Options that ask for nothing need no origin; refreshOn alone is checked (and refused) there.
  return wantsAuth(options) ? compileAuthPlan(options, baseURL) : undefined;
}

/** What one request is sent with, besides what its instance attaches. */
export interface RequestPlans {
  readonly auth?: AuthPlan | undefined;
  readonly resilience?: CallResilience | undefined;
}

/**
 * A request config that sends one request through `instance` with `plans.auth`'s credentials
 * and under `plans.resilience` (which wins over a plan the instance has), without attaching
 * anything to the instance. Its own interceptors run as usual.
 */
export function withPlans(
  instance: AxiosInstance,
  config: AxiosRequestConfig,
  plans: RequestPlans,
): AxiosRequestConfig {
  const { auth, resilience } = plans;
  if (auth === undefined && resilience === undefined) return config;
  return {
    ...config,
    adapter: dispatchWithAuth,
    __axiosDequestAuth: new PendingAuth(
      config.adapter ?? instance.defaults.adapter,
      auth === undefined ? [] : [auth],
      resilience,
    ),
  };
}
