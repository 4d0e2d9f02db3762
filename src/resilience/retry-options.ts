import { ConfigurationError } from '../errors';
import type { GiveUpReason } from '../events/dequest-event';
import { compileDelay, type DelaySchedule, type RetryDelay } from './retry-delay';
import { compileRetryOn, type RetryCondition } from './retry-on';

// What the server says to wait is honoured up to a minute; beyond, waiting is worse than failing.
const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;
// RFC 9110's idempotent methods (TRACE aside): sending them twice does what sending once does.
const DEFAULT_RETRY_METHODS = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'];

/**
 * What `onRetry` gets before each retry.
 *
 * @example
 * ```ts
 * onRetry: ({ attempt, delayMs, error }: RetryEvent) => log.warn({ attempt, delayMs }, String(error));
 * ```
 */
export interface RetryEvent {
  /** The attempt that failed (1 for the first); the retry is attempt `attempt + 1`. */
  readonly attempt: number;
  readonly delayMs: number;
  readonly error: unknown;
}

/**
 * What `onGiveUp` gets when a call stops retrying, on every path.
 *
 * @example
 * ```ts
 * onGiveUp: ({ attempts, reason }: GiveUpEvent) => metrics.increment(`api.give_up.${reason}`, { attempts });
 * ```
 */
export interface GiveUpEvent {
  readonly attempts: number;
  readonly error: unknown;
  readonly reason: GiveUpReason;
}

/**
 * dequest's retry options, in milliseconds.
 *
 * @example
 * ```ts
 * const options: RetryOptions = { retries: 3, retryDelay: [100, 500, 2_000], totalTimeout: 10_000 };
 * ```
 */
export interface RetryOptions {
  /** Extra attempts after the first (dequest `retries`); attempts = retries + 1. @default 0 */
  retries?: number;
  /**
   * What is retried (dequest `retry_on_exceptions`): statuses, error codes, error classes or
   * predicates. @default network errors, timeouts, 408, 429, 500, 502, 503, 504
   */
  retryOn?: RetryCondition | readonly RetryCondition[];
  /** Milliseconds before each retry (dequest `retry_delay`, seconds). @default exponential 1 s → 30 s, equal jitter */
  retryDelay?: RetryDelay;
  /** A longer Retry-After than this (ms) gives up at once instead of waiting. @default 60_000 */
  maxRetryAfter?: number;
  /**
   * Methods retried. Others (POST, PATCH) only with an `Idempotency-Key` header, or when the
   * request never reached the server. @default ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']
   */
  retryMethods?: readonly string[];
  /** Asked for each error `retryOn` matched: true stops (dequest `giveup`). A throw stops too. @default undefined */
  giveup?: (error: unknown, attempt: number) => boolean;
  /** Milliseconds for all attempts and delays together. @default undefined (no limit) */
  totalTimeout?: number;
  /** Called before each retry; not awaited, and what it throws is ignored. @default undefined */
  onRetry?: (event: RetryEvent) => void;
  /** Called when a call stops retrying, whatever the reason. @default undefined */
  onGiveUp?: (event: GiveUpEvent) => void;
}

/** The checked retry options. */
export interface RetryPlan {
  readonly retries: number;
  readonly matches: (error: unknown) => boolean;
  readonly schedule: () => DelaySchedule;
  readonly maxRetryAfter: number;
  readonly methods: ReadonlySet<string>;
  readonly giveup: ((error: unknown, attempt: number) => boolean) | undefined;
  readonly totalTimeout: number | undefined;
  readonly onRetry: ((event: RetryEvent) => void) | undefined;
  readonly onGiveUp: ((event: GiveUpEvent) => void) | undefined;
}

const fail = (message: string): never => {
  throw new ConfigurationError(message);
};

const callback = <T>(name: string, value: T | undefined): T | undefined => {
  if (value !== undefined && typeof value !== 'function')
    fail(`${name} must be a function, got ${typeof value}.`);
  return value;
};

/** Checks the retry options once, at setup. `random` is the jitter's source. */
export function compileRetry(options: RetryOptions, random: () => number = Math.random): RetryPlan {
  const retries = options.retries ?? 0;
  if (!Number.isInteger(retries) || retries < 0)
    fail(
      `retries must be a whole number ≥ 0 (retries: 3 makes 4 attempts), got ${String(retries)}.`,
    );
  const maxRetryAfter = options.maxRetryAfter ?? DEFAULT_MAX_RETRY_AFTER_MS;
  if (typeof maxRetryAfter !== 'number' || Number.isNaN(maxRetryAfter) || maxRetryAfter < 0)
    fail(`maxRetryAfter must be milliseconds ≥ 0 (or Infinity), got ${String(maxRetryAfter)}.`);
  const total = options.totalTimeout;
  if (total !== undefined && (typeof total !== 'number' || !(total > 0) || !Number.isFinite(total)))
    fail(
      `totalTimeout must be milliseconds > 0 for all attempts and delays together, got ${String(total)}.`,
    );
  const methods = options.retryMethods ?? DEFAULT_RETRY_METHODS;
  if (
    !Array.isArray(methods) ||
    !methods.every((m) => typeof m === 'string' && /^[A-Za-z]+$/.test(m))
  )
    fail("retryMethods takes HTTP method names, such as ['GET', 'PUT', 'POST'].");
  return {
    retries,
    matches: compileRetryOn(options.retryOn),
    schedule: compileDelay(options.retryDelay, random),
    maxRetryAfter,
    methods: new Set(methods.map((m: string) => m.toUpperCase())),
    giveup: callback('giveup', options.giveup),
    totalTimeout: total,
    onRetry: callback('onRetry', options.onRetry),
    onGiveUp: callback('onGiveUp', options.onGiveUp),
  };
}

/** The option names of {@link RetryOptions}, to tell them from other options. */
export const RETRY_OPTION_KEYS: readonly (keyof RetryOptions)[] = [
  'retries',
  'retryOn',
  'retryDelay',
  'maxRetryAfter',
  'retryMethods',
  'giveup',
  'totalTimeout',
  'onRetry',
  'onGiveUp',
];
