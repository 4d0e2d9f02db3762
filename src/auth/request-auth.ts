// The per-request side of auth, for the interceptor and for declared calls that send through
// a client they do not own: a request carries its plans, and dispatchWithAuth sends it.
import type { AxiosInstance, AxiosRequestConfig, InternalAxiosRequestConfig } from 'axios';
import { compileAuthPlan, type AuthPlan } from './auth-plan';
import { dispatchWithAuth } from './dispatch';
import type { AuthOptions } from './options';
import { wantsAuth } from './owned-headers';
import { PendingAuth, isPendingAuth } from './pending-auth';

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
      config.__axiosDequestAuth = new PendingAuth(pending.adapter, [...pending.plans, plan]);
  } else {
    config.__axiosDequestAuth = new PendingAuth(config.adapter, [plan]);
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

/**
 * A request config that sends one request through `instance` with `plan`'s credentials,
 * without attaching anything to the instance. Its own interceptors run as usual.
 */
export function withAuthPlan(
  instance: AxiosInstance,
  config: AxiosRequestConfig,
  plan: AuthPlan,
): AxiosRequestConfig {
  return {
    ...config,
    adapter: dispatchWithAuth,
    __axiosDequestAuth: new PendingAuth(config.adapter ?? instance.defaults.adapter, [plan]),
  };
}
