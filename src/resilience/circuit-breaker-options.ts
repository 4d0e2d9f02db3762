import { ConfigurationError } from '../errors';
import type { BreakerStateStore } from './breaker-state-store';
import type { BreakerStateChange } from './breaker-admission';
import { isServerFailure } from './failure';

// dequest's defaults: 5 failures, 30 s (recovery_timeout=30, in seconds there).
const DEFAULT_FAILURE_THRESHOLD = 5;
const DEFAULT_RECOVERY_TIMEOUT_MS = 30_000;

/**
 * Options of {@link CircuitBreaker}.
 *
 * @example
 * ```ts
 * const options: CircuitBreakerOptions = { failureThreshold: 3, recoveryTimeout: 10_000 };
 * ```
 */
export interface CircuitBreakerOptions {
  /** Failed calls in a row that open the breaker (dequest `failure_threshold`). @default 5 */
  failureThreshold?: number;
  /** Milliseconds the breaker stays OPEN before a probe (dequest `recovery_timeout`, seconds). @default 30_000 */
  recoveryTimeout?: number;
  /**
   * The result of a call the breaker refuses, instead of a {@link CircuitBreakerOpenError}
   * (dequest `fallback_function`). Declared calls pass it their arguments; on an instance it
   * gets `(config, error)` and its value becomes the response's `data`.
   * @default undefined (reject with CircuitBreakerOpenError)
   */
  fallback?: (...args: any[]) => unknown;
  /**
   * Which failed calls count. @default network errors, timeouts, 5xx and 429; never 4xx, a
   * credential or mapping error, or the caller's abort
   */
  isFailure?: (error: unknown) => boolean;
  /** Probe calls let through at once while HALF_OPEN; the others are refused at once. @default 1 */
  halfOpenMaxCalls?: number;
  /** Monotonic milliseconds, for the default store and `state`. Inject one in tests. @default performance.now */
  clock?: () => number;
  /** Where the state lives; a shared store lets replicas share one breaker. @default memoryBreakerStore() */
  store?: BreakerStateStore;
  /** The breaker's name in its store and in events. Required with `store`. @default a unique name */
  name?: string;
  /** Called on every change of state this process sees. @default undefined */
  onStateChange?: (change: BreakerStateChange) => void;
}

const STORE_METHODS = [
  'read',
  'recordFailure',
  'recordSuccess',
  'acquireProbe',
  'releaseProbe',
  'reset',
  'coolDown',
  'coolDownRemaining',
] as const;

let unnamed = 0;

const fail = (message: string): never => {
  throw new ConfigurationError(message);
};

const wholeAtLeastOne = (name: string, value: unknown, fallback: number): number => {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || (value as number) < 1)
    fail(
      `CircuitBreaker ${name} must be a whole number, at least 1 (default ${fallback}), got ${String(value)}.`,
    );
  return value as number;
};

const functionOrUndefined = <T>(name: string, value: T | undefined): T | undefined => {
  if (value !== undefined && typeof value !== 'function')
    fail(`CircuitBreaker ${name} must be a function, got ${typeof value}.`);
  return value;
};

/** Checks a breaker's options once, in its constructor. */
export function compileBreakerOptions(options: CircuitBreakerOptions) {
  if (typeof options !== 'object' || options === null)
    fail(
      'CircuitBreaker takes an options object such as { failureThreshold: 5, recoveryTimeout: 30_000 }.',
    );
  const recovery = options.recoveryTimeout ?? DEFAULT_RECOVERY_TIMEOUT_MS;
  if (typeof recovery !== 'number' || !Number.isFinite(recovery) || recovery < 0)
    fail(
      `CircuitBreaker recoveryTimeout must be milliseconds ≥ 0 (dequest's 30 s is 30_000), got ${String(recovery)}.`,
    );
  const store = options.store;
  if (store !== undefined) {
    for (const method of STORE_METHODS)
      if (typeof (store as unknown as Record<string, unknown>)[method] !== 'function')
        fail(
          `CircuitBreaker store must implement the BreakerStateStore interface; ${method} is missing.`,
        );
    if (options.name === undefined)
      fail(
        "CircuitBreaker with a store needs a name, the same in every process that shares it: new CircuitBreaker({ name: 'payments-api', store }).",
      );
  }
  if (options.name !== undefined && (typeof options.name !== 'string' || options.name === ''))
    fail('CircuitBreaker name must be a non-empty string.');
  return {
    name: options.name ?? `circuit-breaker-${++unnamed}`,
    failureThreshold: wholeAtLeastOne(
      'failureThreshold',
      options.failureThreshold,
      DEFAULT_FAILURE_THRESHOLD,
    ),
    recoveryTimeout: recovery,
    halfOpenMaxCalls: wholeAtLeastOne('halfOpenMaxCalls', options.halfOpenMaxCalls, 1),
    fallback: functionOrUndefined('fallback', options.fallback),
    isFailure: functionOrUndefined('isFailure', options.isFailure) ?? isServerFailure,
    clock: functionOrUndefined('clock', options.clock) ?? (() => performance.now()),
    store,
    onStateChange: functionOrUndefined('onStateChange', options.onStateChange),
  };
}
