// Where a circuit breaker keeps its state, so that several processes can share one breaker.
// The in-memory store is the default; a shared store (Redis) implements the same contract, and
// __tests__/resilience/helpers/breaker-store-contract.ts holds the tests every store must pass.

import type { EventListener } from '../events/dequest-event';

/** A value, or a promise of it: the in-memory store answers synchronously, a shared one not. */
export type Awaitable<T> = T | Promise<T>;

/**
 * One breaker's state as the store last knew it.
 *
 * @example
 * ```ts
 * const { failures, tripped, openRemainingMs } = await store.read('payments-api');
 * ```
 */
export interface BreakerSnapshot {
  /** Calls that failed in a row since the last success (or reset). */
  readonly failures: number;
  /** True from the moment the breaker opened until a call succeeds after the wait, or reset(). */
  readonly tripped: boolean;
  /**
   * While tripped: milliseconds before probes may go (0: the wait is over, HALF_OPEN).
   * Counted by the store on its own clock, so replicas with skewed clocks agree.
   */
  readonly openRemainingMs: number;
}

/**
 * The state of circuit breakers, by breaker name, plus a cool-down per origin. Every method is
 * atomic for one name (a shared store uses a transaction or a script). Durations are passed,
 * not instants: the store measures them on its own clock.
 *
 * The breaker waits for every answer, before each call and each attempt: a shared store bounds
 * its own calls (a timeout of its own), and a throw or a rejection lets the call through.
 *
 * States, for a snapshot: not `tripped` → CLOSED; `tripped` and `openRemainingMs > 0` → OPEN;
 * `tripped` and `openRemainingMs === 0` → HALF_OPEN.
 *
 * @example
 * ```ts
 * const breaker = new CircuitBreaker({ name: 'payments-api', store: memoryBreakerStore() });
 * ```
 */
export interface BreakerStateStore {
  /** The state of breaker `name` (CLOSED with 0 failures when the store has never heard of it). */
  read(name: string): Awaitable<BreakerSnapshot>;
  /**
   * One call failed. CLOSED: adds 1 to `failures`, and at `threshold` trips the breaker for
   * `openMs`. HALF_OPEN (a probe failed): opens it again for `openMs`, probes released. OPEN:
   * changes nothing (a call admitted before the breaker opened). Returns the state after.
   */
  recordFailure(name: string, threshold: number, openMs: number): Awaitable<BreakerSnapshot>;
  /**
   * One call succeeded. CLOSED or HALF_OPEN: `failures` back to 0, not tripped, probes
   * released. OPEN: changes nothing (a straggler proves little while the wait runs).
   * Returns the state after.
   */
  recordSuccess(name: string): Awaitable<BreakerSnapshot>;
  /**
   * Takes one of `maxProbes` probe slots, only while HALF_OPEN: true when taken. A slot not
   * released within `leaseMs` frees itself (the process holding it may have died).
   */
  acquireProbe(name: string, maxProbes: number, leaseMs: number): Awaitable<boolean>;
  /** Gives back one probe slot (a probe whose outcome was neither success nor failure). */
  releaseProbe(name: string): Awaitable<void>;
  /** Back to CLOSED with 0 failures and no probes. */
  reset(name: string): Awaitable<void>;
  /**
   * The server at `origin` asked every client to wait `ms` (Retry-After on a 429 or 503):
   * keeps the later of the current cool-down and this one.
   */
  coolDown(origin: string, ms: number): Awaitable<void>;
  /** Milliseconds left of `origin`'s cool-down (0 when none). */
  coolDownRemaining(origin: string): Awaitable<number>;
  /**
   * Optional: called once by each client that uses a breaker on this store, with the client's
   * `onEvent`, so the store's own events (a Redis store's `store-unavailable`,
   * `store-recovered`) reach that listener too. Hold it weakly (a client may be dropped).
   */
  watch?(listener: EventListener): void;
}
