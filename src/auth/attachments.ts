import type { AxiosInstance } from 'axios';
import { ConfigurationError } from '../errors';
import type { ResiliencePlan } from '../resilience';
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
const detached = shared('axios-dequest.detached', () => new WeakSet<AuthPlan | ResiliencePlan>());
const resilient = shared(
  'axios-dequest.resilience-attachments',
  () => new WeakMap<AxiosInstance, ResiliencePlan>(),
);

/** Throws a {@link ConfigurationError} unless `instance` is an axios instance to attach to. */
export function assertAxiosInstance(owner: string, instance: unknown): void {
  if (
    (typeof instance !== 'function' && typeof instance !== 'object') ||
    instance === null ||
    typeof (instance as Partial<AxiosInstance>).interceptors?.request?.use !== 'function'
  ) {
    throw new ConfigurationError(
      `${owner} needs an axios instance (axios, axios.create(...), or HttpService.axiosRef) as its first argument.`,
    );
  }
}

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
export const isDetached = (plan: AuthPlan | ResiliencePlan): boolean => detached.has(plan);

/**
 * Records the resilience plan of `instance`. Throws a {@link ConfigurationError} when it has
 * one already: two retry loops, breakers or caches around one request would multiply each other.
 */
export function recordResilience(instance: AxiosInstance, plan: ResiliencePlan): void {
  if (resilient.has(instance)) {
    throw new ConfigurationError(
      'attachResilience was already called on this instance (or createClient was given resilience options): ' +
        'two retry loops, breakers or caches around one request would multiply each other. ' +
        'Call the detach function it returned first, or give each its own instance.',
    );
  }
  resilient.set(instance, plan);
}

/** Forgets the resilience plan of `instance`: from now on it is skipped, even for a config marked before. */
export function recordResilienceDetachment(instance: AxiosInstance, plan: ResiliencePlan): void {
  detached.add(plan);
  if (resilient.get(instance) === plan) resilient.delete(instance);
}
