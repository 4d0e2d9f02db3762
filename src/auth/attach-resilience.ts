// Here, beside attachAuth, because what it installs is this layer's adapter wrapper: one
// adapter puts credentials on, then runs the resilience layer inside them.
import type { AxiosInstance } from 'axios';
import { ConfigurationError } from '../errors';
import type { EventListener } from '../events/dequest-event';
import { unknownOptionsProblem } from '../http/option-names';
import {
  compileResilience,
  RESILIENCE_OPTION_KEYS,
  type ResilienceOptions,
  type ResiliencePlan,
} from '../resilience';
import {
  assertAxiosInstance,
  isDetached,
  recordResilience,
  recordResilienceDetachment,
} from './attachments';
import { markForResilience } from './request-auth';

/**
 * The options of {@link attachResilience}: the resilience options and an event listener.
 *
 * @example
 * ```ts
 * const options: AttachResilienceOptions = { retries: 3, cache: { ttl: 60_000 }, onEvent: log };
 * ```
 */
export interface AttachResilienceOptions extends ResilienceOptions {
  /** Gets `retry-scheduled`, `retry-gave-up`, `breaker-state-change`, `cache-*` events. @default undefined */
  onEvent?: EventListener;
}

const KNOWN: readonly string[] = [...RESILIENCE_OPTION_KEYS, 'onEvent'];

/**
 * Adds dequest's resilience to an axios instance you already have: retries, a circuit breaker
 * and a response cache for GET and HEAD, around every request it sends, after every request
 * interceptor (whatever their order) and inside the credentials of {@link attachAuth}, if
 * attached too. Returns `detach`, which removes them again. Once per instance: a second call
 * is a {@link ConfigurationError} until the first is detached.
 *
 * @example
 * ```ts
 * const api = axios.create({ baseURL: 'https://api.example.com' });
 * const detach = attachResilience(api, { retries: 3, cache: { ttl: 60_000 } });
 * await api.get('/users/1'); // retried on 503; a second call within a minute is served from the cache
 * detach();
 * ```
 */
export function attachResilience(
  instance: AxiosInstance,
  options: AttachResilienceOptions,
): () => void {
  assertAxiosInstance('attachResilience', instance);
  if (options === null || typeof options !== 'object') {
    throw new ConfigurationError(
      'attachResilience takes an options object, e.g. attachResilience(api, { retries: 3 }).',
    );
  }
  const problem = unknownOptionsProblem(options, { known: KNOWN, closed: true });
  if (problem !== undefined) throw new ConfigurationError(`attachResilience: ${problem}`);
  const { onEvent, ...resilience } = options;
  return installResilience(instance, resilience, onEvent);
}

/**
 * Compiles resilience options for `instance` and installs them: the one way a plan gets onto
 * an instance (attachResilience, createClient). The options' names are checked by the caller.
 * Without any option the plan is idle: requests go straight to the adapter, and only a
 * request's own `config.resilience` asks for the layer.
 */
export function installResilience(
  instance: AxiosInstance,
  options: ResilienceOptions,
  onEvent?: EventListener,
): () => void {
  const method = instance.defaults?.method;
  const context = {
    ...(typeof method === 'string' ? { method } : {}),
    ...(typeof onEvent === 'function' ? { onEvent } : {}),
  };
  const plan: ResiliencePlan =
    compileResilience(options, context) ?? compileResilience({ retries: 0 }, context)!;
  recordResilience(instance, plan);
  const resilience = { plan };
  const id = instance.interceptors.request.use(
    (config) => markForResilience(config, resilience),
    undefined,
    { synchronous: true },
  );
  return function detach(): void {
    if (isDetached(plan)) return;
    instance.interceptors.request.eject(id);
    recordResilienceDetachment(instance, plan);
  };
}
