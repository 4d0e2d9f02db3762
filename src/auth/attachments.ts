import type { AxiosInstance } from 'axios';
import { ConfigurationError } from '../errors';
import type { AuthPlan } from './auth-plan';
import { overlaps } from './origins';

// One record for every copy of this package in the process (ESM and CJS side by side), so
// attaching twice is caught, and a detach is seen, whichever copy did the other.
const shared = <T>(name: string, make: () => T): T => {
  const key = Symbol.for(name);
  const global = globalThis as Record<symbol, unknown>;
  return (global[key] ??= make()) as T;
};
const attached = shared(
  'axios-dequest.attachments',
  () => new WeakMap<AxiosInstance, Set<AuthPlan>>(),
);
const detached = shared('axios-dequest.detached', () => new WeakSet<AuthPlan>());

/**
 * Records `plan` as attached to `instance`. Throws a {@link ConfigurationError} when a plan
 * attached there already could send to the same origin: two sets of credentials would compete.
 */
export function recordAttachment(instance: AxiosInstance, plan: AuthPlan): void {
  let plans = attached.get(instance);
  for (const other of plans ?? []) {
    if (overlaps(other.origins, plan.origins)) {
      throw new ConfigurationError(
        'attachAuth was already called on this instance for an overlapping origin, so two sets of credentials ' +
          'would compete for the same requests. Call the detach function it returned first, or give each its own ' +
          "instance: axios.create() per API; in Nest, HttpModule.register({…}) in each provider's own module " +
          '(one HttpService, and one axiosRef, per registration).',
      );
    }
  }
  if (!plans) attached.set(instance, (plans = new Set()));
  plans.add(plan);
}

/** Forgets `plan`: from now on it sends nothing, even for a config marked before. */
export function recordDetachment(instance: AxiosInstance, plan: AuthPlan): void {
  detached.add(plan);
  attached.get(instance)?.delete(plan);
}

/** True once `detach()` was called for the plan. */
export const isDetached = (plan: AuthPlan): boolean => detached.has(plan);
