import type { BreakerStateName } from '../events/dequest-event';
import type { BreakerSnapshot } from './breaker-state-store';

/**
 * What `CircuitBreaker.admit` decided for one call: let it through (as a probe while
 * HALF_OPEN), or refuse it.
 */
export type BreakerAdmission =
  | { readonly allowed: true; readonly probe: boolean }
  | {
      readonly allowed: false;
      readonly state: 'OPEN' | 'HALF_OPEN';
      readonly retryAfterMs: number;
    };

/** How a call ended for the breaker: `neutral` says nothing about the server (an abort). */
export type BreakerOutcome = 'success' | 'failure' | 'neutral';

/** A change of state, as `onStateChange` listeners get it. */
export interface BreakerStateChange {
  readonly name: string;
  readonly from: BreakerStateName;
  readonly to: BreakerStateName;
}

/** The admission of a call through a closed breaker: one object for all of them. */
export const PASS: BreakerAdmission = { allowed: true, probe: false };

/** A breaker that never failed. */
export const CLOSED: BreakerSnapshot = { failures: 0, tripped: false, openRemainingMs: 0 };

/** The state a snapshot stands for, `elapsed` ms after it was read. */
export const stateOf = (snapshot: BreakerSnapshot, elapsed = 0): BreakerStateName =>
  !snapshot.tripped ? 'CLOSED' : snapshot.openRemainingMs - elapsed > 0 ? 'OPEN' : 'HALF_OPEN';
