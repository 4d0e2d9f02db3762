import type { AxiosInstance } from 'axios';
import { ConfigurationError } from '../errors';
import { markForAuth } from './dispatch';
import type { AuthOptions } from './options';
import { AuthPlan } from './plan';

// One registry for every copy of this package in the process (ESM and CJS side by side),
// so attaching twice is caught whichever copy did the first attach.
const REGISTRY_KEY = Symbol.for('axios-dequest.attachments');
type Registry = WeakMap<AxiosInstance, Set<AuthPlan>>;
const registry: Registry =
  ((globalThis as Record<symbol, unknown>)[REGISTRY_KEY] as Registry | undefined) ??
  (((globalThis as Record<symbol, unknown>)[REGISTRY_KEY] = new WeakMap<
    AxiosInstance,
    Set<AuthPlan>
  >()) as Registry);

/**
 * Adds credentials to every request of an axios instance you already have: the global
 * `axios`, one from `axios.create`, or Nest's `HttpService.axiosRef`. Returns `detach`,
 * which removes them again.
 *
 * Credentials go only to the origin of the instance's `baseURL` and to `allowedOrigins`;
 * with neither, this throws a {@link ConfigurationError}. The instance's defaults are never
 * changed; a header the request already has wins; `skipAuth: true` sends none.
 *
 * @example
 * ```ts
 * const api = axios.create({ baseURL: 'https://api.example.com' });
 * const detach = attachAuth(api, { authToken: () => tokens.current(), apiKey: process.env.API_KEY });
 * await api.get('/me'); // Authorization: Bearer …, x-api-key: …
 * detach();
 * ```
 */
export function attachAuth(instance: AxiosInstance, options: AuthOptions): () => void {
  if (
    (typeof instance !== 'function' && typeof instance !== 'object') ||
    instance === null ||
    typeof instance.interceptors?.request?.use !== 'function'
  ) {
    throw new ConfigurationError(
      'attachAuth needs an axios instance (axios, axios.create(...), or HttpService.axiosRef) as its first argument.',
    );
  }
  const plan = new AuthPlan(options, instance.defaults?.baseURL);
  let plans = registry.get(instance);
  for (const other of plans ?? []) {
    if (other.origins.overlaps(plan.origins)) {
      throw new ConfigurationError(
        'attachAuth was already called on this instance for an overlapping origin, so two sets of credentials ' +
          'would compete for the same requests. Call the detach function it returned first, or attach to a ' +
          'separate instance (axios.create) per API.',
      );
    }
  }
  if (!plans) registry.set(instance, (plans = new Set()));
  plans.add(plan);

  const id = instance.interceptors.request.use((config) => markForAuth(config, plan), undefined, {
    synchronous: true,
  });
  return function detach(): void {
    if (!plan.active) return;
    plan.active = false;
    instance.interceptors.request.eject(id);
    registry.get(instance)?.delete(plan);
  };
}
