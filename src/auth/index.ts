// The auth layer's surface for the layers above it (client, declare). Not public: only
// attachAuth and the option types are re-exported from the package entry.
import type { AxiosInstance, AxiosRequestConfig } from 'axios';
import { PENDING_AUTH, PendingAuth, dispatchWithAuth } from './dispatch';
import type { AuthOptions } from './options';
import { AuthPlan } from './plan';
import { wantsAuth } from './owned-headers';

export { attachAuth } from './attach-auth';
export { AUTH_OPTION_KEYS } from './options';
export { ownedHeaderNames, wantsAuth } from './owned-headers';
export type { AuthOptions, OriginPattern } from './options';
export type { AuthPlan } from './plan';

/**
 * Checks credential options once, for a declared call that sends through a client it does not
 * own. `undefined` when the options ask for no credential at all.
 */
export function compileAuthPlan(
  options: AuthOptions,
  baseURL: string | undefined,
): AuthPlan | undefined {
  // Options that ask for nothing need no origin; refreshOn alone is checked (and refused) by AuthPlan.
  return wantsAuth(options) ? new AuthPlan(options, baseURL) : undefined;
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
    [PENDING_AUTH]: new PendingAuth(config.adapter ?? instance.defaults.adapter, [plan]),
  } as AxiosRequestConfig;
}
