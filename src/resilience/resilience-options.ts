import { ConfigurationError } from '../errors';
import type { EventListener } from '../events/dequest-event';
import { warnOfSeconds } from '../events/seconds-warning';
import type { BreakerStateStore } from './breaker-state-store';
import { compileCache, type CacheOptions } from './cache-options';
import type { CircuitBreaker } from './circuit-breaker';
import { systemTimers, type Timers } from './clock';
import { memoryBreakerStore } from './memory-breaker-store';
import { ResponseCache } from './response-cache';
import {
  compileRetry,
  RETRY_OPTION_KEYS,
  type RetryOptions,
  type RetryPlan,
} from './retry-options';

/**
 * dequest's resilience options, in milliseconds: retries, a circuit breaker, a response cache.
 * Accepted by `createClient`, declared calls and `attachResilience`, beside the credential options.
 *
 * @example
 * ```ts
 * const options: ResilienceOptions = { retries: 3, circuitBreaker: new CircuitBreaker(), cache: { ttl: 60_000 } };
 * ```
 */
export interface ResilienceOptions extends RetryOptions {
  /** A {@link CircuitBreaker}, shareable between calls and clients (dequest `circuit_breaker`). @default undefined */
  circuitBreaker?: CircuitBreaker;
  /** The response cache for GET and HEAD (dequest `enable_cache` / `cache_ttl`). @default false */
  cache?: boolean | CacheOptions;
}

/**
 * One request's own settings (`config.resilience`): retry options over the client's, and
 * `cache: false` / `circuitBreaker: false` to leave those out for it.
 *
 * @example
 * ```ts
 * await client.post('/payments', body, { resilience: { retries: 2, retryMethods: ['POST'] } });
 * ```
 */
export interface ResilienceOverrides extends RetryOptions {
  /** `false`: neither read nor write the cache for this request. @default the client's cache */
  cache?: false;
  /** `false`: this request bypasses the breaker. @default the client's breaker */
  circuitBreaker?: false;
}

/** Everything the seam needs for one client or declaration, checked once. */
export interface ResiliencePlan {
  readonly retry: RetryPlan;
  readonly breaker: CircuitBreaker | undefined;
  readonly cache: ResponseCache | undefined;
  /** Where Retry-After cool-downs are shared: the breaker's store, or one of this plan's own. */
  readonly coolDowns: BreakerStateStore | undefined;
  readonly listener: EventListener | undefined;
  readonly timers: Timers;
  /** True when nothing would happen: the seam then sends the one attempt directly. */
  readonly idle: boolean;
  /** The retry options as given, to merge a request's overrides over. */
  readonly retryOptions: RetryOptions;
}

/** Where a plan is made, and what it reports to. */
export interface PlanContext {
  /** The method of a declaration, when fixed: a cache on another method than GET/HEAD is refused. */
  readonly method?: string;
  readonly onEvent?: EventListener;
  /** Replaces the runtime's timers (tests). */
  readonly timers?: Timers;
  /** The jitter's source of randomness (tests). */
  readonly random?: () => number;
}

/** Every option name of {@link ResilienceOptions}: what to take out of a client's options. */
export const RESILIENCE_OPTION_KEYS: readonly (keyof ResilienceOptions)[] = [
  ...RETRY_OPTION_KEYS,
  'circuitBreaker',
  'cache',
];

const isCircuitBreaker = (value: unknown): value is CircuitBreaker =>
  typeof value === 'object' &&
  value !== null &&
  (value as CircuitBreaker).isCircuitBreaker === true;

/**
 * Checks the resilience options once, at setup (createClient, a declaration, attach), and
 * returns the plan to pass to {@link runResilient}; `undefined` when none is set.
 */
export function compileResilience(
  options: ResilienceOptions,
  context: PlanContext = {},
): ResiliencePlan | undefined {
  if (RESILIENCE_OPTION_KEYS.every((key) => options[key] === undefined)) return undefined;
  const breaker = options.circuitBreaker;
  if (breaker !== undefined && !isCircuitBreaker(breaker)) {
    throw new ConfigurationError(
      'circuitBreaker takes a CircuitBreaker instance: circuitBreaker: new CircuitBreaker({ failureThreshold: 5, recoveryTimeout: 30_000 }).',
    );
  }
  const method = context.method?.toUpperCase();
  if (options.cache && method !== undefined && method !== 'GET' && method !== 'HEAD') {
    throw new ConfigurationError(
      `cache applies to GET and HEAD only, and this call is ${method}: remove cache from it (a ${method} changes data; its response must not be served again).`,
    );
  }
  const timers = context.timers ?? systemTimers;
  const retry = compileRetry(options, context.random);
  const cachePlan = compileCache(options.cache);
  warnOfSecondsIn(context.onEvent, options);
  if (context.onEvent !== undefined) {
    watch(cachePlan?.store, context.onEvent);
    watch(breaker?.store, context.onEvent);
  }
  const coolDowns =
    breaker?.store ??
    (retry.retries > 0 ? memoryBreakerStore({ clock: () => timers.now() }) : undefined);
  return {
    retry,
    breaker,
    cache: cachePlan && new ResponseCache(cachePlan, timers, context.onEvent),
    coolDowns,
    listener: context.onEvent,
    timers,
    idle:
      breaker === undefined &&
      cachePlan === undefined &&
      retry.retries === 0 &&
      retry.totalTimeout === undefined &&
      retry.onGiveUp === undefined,
    retryOptions: pickRetryOptions(options),
  };
}

export const pickRetryOptions = (options: RetryOptions): RetryOptions =>
  Object.fromEntries(
    RETRY_OPTION_KEYS.filter((key) => options[key] !== undefined).map((key) => [key, options[key]]),
  ) as RetryOptions;

// A store's own events (Redis down, Redis back) go to the clients that use it as well.
function watch(store: Pick<BreakerStateStore, 'watch'> | undefined, listener: EventListener): void {
  if (typeof store?.watch !== 'function') return;
  try {
    store.watch(listener);
  } catch {
    // Watching is optional; a store that cannot be watched still stores.
  }
}

function warnOfSecondsIn(listener: EventListener | undefined, options: ResilienceOptions): void {
  warnOfSeconds(listener, 'retryDelay', options.retryDelay);
  if (typeof options.cache === 'object') warnOfSeconds(listener, 'cache.ttl', options.cache.ttl);
}
