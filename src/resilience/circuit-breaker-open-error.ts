import { DequestError } from '../errors';
import type { BreakerStateName } from '../events/dequest-event';

/**
 * The circuit breaker refused the call: it is OPEN (the server failed often enough) or
 * HALF_OPEN with its probe already on the way. Nothing was sent. The message names the method,
 * the URL (without query string or user:password) and the state.
 *
 * @example
 * ```ts
 * catch (e) { if (isCircuitBreakerOpenError(e)) res.setHeader('retry-after', Math.ceil(e.retryAfterMs / 1000)); }
 * ```
 */
export class CircuitBreakerOpenError extends DequestError {
  override readonly name = 'CircuitBreakerOpenError';
  readonly isCircuitBreakerOpenError = true;
  /** The breaker's state when it refused: `OPEN` or `HALF_OPEN`. */
  readonly state: BreakerStateName;
  /**
   * Milliseconds until the breaker lets a probe through (0 while HALF_OPEN: a probe is on
   * its way, and its outcome decides).
   */
  readonly retryAfterMs: number;

  constructor(
    target: string,
    state: BreakerStateName,
    retryAfterMs: number,
    options?: { cause?: unknown },
  ) {
    super(
      state === 'HALF_OPEN'
        ? `Circuit breaker is HALF_OPEN: ${target} blocked while a probe request decides whether the server is back.`
        : `Circuit breaker is OPEN: ${target} blocked, retry in ${Math.ceil(retryAfterMs / 1000)} s.`,
      options,
    );
    this.state = state;
    this.retryAfterMs = retryAfterMs;
  }
}

/**
 * True for a {@link CircuitBreakerOpenError}, from either module format.
 *
 * @example
 * ```ts
 * if (isCircuitBreakerOpenError(error)) return cachedFallback();
 * ```
 */
export const isCircuitBreakerOpenError = (e: unknown): e is CircuitBreakerOpenError =>
  e instanceof Error &&
  (e as unknown as Record<string, unknown>)['isCircuitBreakerOpenError'] === true;
