import type { BreakerStateName, EventListener } from '../events/dequest-event';
import { emit, isWatched } from '../events/emit';
import { isThenable } from '../http/syntax';
import type { BreakerSnapshot, BreakerStateStore } from './breaker-state-store';
import { compileBreakerOptions, type CircuitBreakerOptions } from './circuit-breaker-options';
import { memoryBreakerStore } from './memory-breaker-store';
import { CLOSED, PASS, stateOf } from './breaker-admission';
import type { BreakerAdmission, BreakerOutcome, BreakerStateChange } from './breaker-admission';

/**
 * dequest's `CircuitBreaker`, shareable between calls and clients: after `failureThreshold`
 * failed calls in a row it opens, and calls fail at once (with the fallback's value or a
 * {@link CircuitBreakerOpenError}) for `recoveryTimeout` ms; then `halfOpenMaxCalls` probe
 * calls go through while everyone else is still refused at once; a probe's success closes it,
 * its failure opens it again. One record per call, after its retries.
 *
 * @example
 * ```ts
 * const breaker = new CircuitBreaker({ failureThreshold: 3, recoveryTimeout: 10_000, fallback: () => [] });
 * const client = createClient({ baseURL, retries: 2, circuitBreaker: breaker });
 * ```
 */
export class CircuitBreaker {
  readonly name: string;
  readonly failureThreshold: number;
  readonly recoveryTimeout: number;
  readonly halfOpenMaxCalls: number;
  readonly fallback: ((...args: any[]) => unknown) | undefined;
  readonly isFailure: (error: unknown) => boolean;
  readonly store: BreakerStateStore;
  /** Marks instances from either module format (an ESM and a CJS copy in one process). */
  readonly isCircuitBreaker = true;
  readonly #clock: () => number;
  readonly #listeners = new Set<(change: BreakerStateChange) => void>();
  #last: { snapshot: BreakerSnapshot; at: number } = { snapshot: CLOSED, at: 0 };
  #lastState: BreakerStateName = 'CLOSED';

  constructor(options: CircuitBreakerOptions = {}) {
    const checked = compileBreakerOptions(options);
    this.name = checked.name;
    this.failureThreshold = checked.failureThreshold;
    this.recoveryTimeout = checked.recoveryTimeout;
    this.halfOpenMaxCalls = checked.halfOpenMaxCalls;
    this.fallback = checked.fallback;
    this.isFailure = checked.isFailure;
    this.#clock = checked.clock;
    this.store = checked.store ?? memoryBreakerStore({ clock: checked.clock });
    if (checked.onStateChange) this.#listeners.add(checked.onStateChange);
  }

  /**
   * The state as last known: exact for the in-memory store; for a shared store, as of this
   * process's last call to it (OPEN turns HALF_OPEN here when the wait runs out).
   */
  get state(): BreakerStateName {
    const answer = this.store.read(this.name);
    if (isThenable(answer))
      (answer as Promise<BreakerSnapshot>).then((s) => this.#observe(s), noop);
    else this.#observe(answer);
    return stateOf(this.#last.snapshot, this.#clock() - this.#last.at);
  }

  /** Back to CLOSED, 0 failures, for every process sharing the store. */
  async reset(): Promise<void> {
    await this.store.reset(this.name);
    this.#observe(CLOSED);
  }

  /** Calls `listener` on every change of state this process sees. Returns the unsubscribe. */
  onStateChange(listener: (change: BreakerStateChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Asks to let one call through. Called once per call, before its first attempt. */
  async admit(listener?: EventListener): Promise<BreakerAdmission> {
    return this.admitNow(listener);
  }

  /**
   * {@link admit}, answered synchronously when the store is (the in-memory store, CLOSED): a
   * call through a closed breaker then costs no promise. Used by the request pipeline.
   */
  admitNow(listener?: EventListener): BreakerAdmission | Promise<BreakerAdmission> {
    let read: BreakerSnapshot | Promise<BreakerSnapshot>;
    try {
      read = this.store.read(this.name);
    } catch {
      return PASS;
    }
    if (!isThenable(read)) {
      if (this.#observe(read, listener) === 'CLOSED') return PASS;
      return this.#admit(read, listener).catch(() => PASS);
    }
    // A store that fails says nothing about the server: let the call through (fail open).
    return (read as Promise<BreakerSnapshot>)
      .then((snapshot) => this.#admit(snapshot, listener))
      .catch(() => PASS);
  }

  async #admit(snapshot: BreakerSnapshot, listener?: EventListener): Promise<BreakerAdmission> {
    const state = this.#observe(snapshot, listener);
    if (state === 'CLOSED') return PASS;
    if (state === 'OPEN') return { allowed: false, state, retryAfterMs: snapshot.openRemainingMs };
    const leaseMs = Math.max(this.recoveryTimeout, MIN_PROBE_LEASE_MS);
    if (await this.store.acquireProbe(this.name, this.halfOpenMaxCalls, leaseMs))
      return { allowed: true, probe: true };
    return { allowed: false, state: 'HALF_OPEN', retryAfterMs: 0 };
  }

  /**
   * Before a retry: the call may go on unless the breaker opened meanwhile (another call
   * tripped it). A probe always goes on: its outcome is what HALF_OPEN waits for.
   */
  async recheck(admission: BreakerAdmission, listener?: EventListener): Promise<BreakerAdmission> {
    if (!admission.allowed || admission.probe) return admission;
    let snapshot: BreakerSnapshot;
    try {
      snapshot = await this.store.read(this.name);
    } catch {
      return admission;
    }
    const state = this.#observe(snapshot, listener);
    if (state === 'CLOSED') return admission;
    return { allowed: false, state, retryAfterMs: state === 'OPEN' ? snapshot.openRemainingMs : 0 };
  }

  /** Records how an admitted call ended: once per call, after its retries. */
  async record(
    admission: BreakerAdmission,
    outcome: BreakerOutcome,
    listener?: EventListener,
  ): Promise<void> {
    return this.recordNow(admission, outcome, listener);
  }

  /** {@link record}, synchronous when the store is. Never rejects: a store failure loses the record only. */
  recordNow(
    admission: BreakerAdmission,
    outcome: BreakerOutcome,
    listener?: EventListener,
  ): void | Promise<void> {
    if (!admission.allowed) return;
    if (outcome === 'success' && !admission.probe) {
      let after: BreakerSnapshot | Promise<BreakerSnapshot>;
      try {
        after = this.store.recordSuccess(this.name);
      } catch {
        return;
      }
      if (!isThenable(after)) {
        this.#observe(after, listener);
        return;
      }
      return (after as Promise<BreakerSnapshot>).then((s) => void this.#observe(s, listener), noop);
    }
    return this.#record(admission.probe, outcome, listener).catch(noop);
  }

  async #record(probe: boolean, outcome: BreakerOutcome, listener?: EventListener): Promise<void> {
    if (outcome === 'failure') {
      const after = this.store.recordFailure(
        this.name,
        this.failureThreshold,
        this.recoveryTimeout,
      );
      this.#observe(await after, listener);
    } else if (outcome === 'success') {
      this.#observe(await this.store.recordSuccess(this.name), listener);
    } else if (probe) {
      await this.store.releaseProbe(this.name);
    }
  }

  #observe(snapshot: BreakerSnapshot, listener?: EventListener): BreakerStateName {
    this.#last = { snapshot, at: this.#clock() };
    const to = stateOf(snapshot);
    const from = this.#lastState;
    if (to === from) return to;
    this.#lastState = to;
    if (isWatched(listener))
      emit(listener, { type: 'breaker-state-change', breaker: this.name, from, to });
    for (const notify of this.#listeners) {
      try {
        notify({ name: this.name, from, to });
      } catch {
        // A listener is for watching; its failure is not the call's.
      }
    }
    return to;
  }
}

// A probe whose process died frees its slot after this long at the least.
const MIN_PROBE_LEASE_MS = 1_000;
const noop = (): void => {};
