import { ConfigurationError } from '../errors';
import type { BreakerSnapshot, BreakerStateStore } from './breaker-state-store';

/**
 * Options of {@link memoryBreakerStore}.
 *
 * @example
 * ```ts
 * const options: MemoryBreakerStoreOptions = { clock: () => performance.now() };
 * ```
 */
export interface MemoryBreakerStoreOptions {
  /**
   * Monotonic milliseconds. Inject one in tests so they never wait.
   * @default performance.now
   */
  clock?: () => number;
}

interface State {
  failures: number;
  /** Clock time until which the breaker stays OPEN; undefined when not tripped. */
  openUntil: number | undefined;
  /** Clock times at which the probes' leases run out. */
  probes: number[];
}

const CLOSED: BreakerSnapshot = { failures: 0, tripped: false, openRemainingMs: 0 };

/**
 * The default {@link BreakerStateStore}: this process's memory. Every method answers
 * synchronously.
 *
 * @example
 * ```ts
 * const store = memoryBreakerStore();
 * const a = new CircuitBreaker({ name: 'a', store });
 * const b = new CircuitBreaker({ name: 'b', store });
 * ```
 */
export function memoryBreakerStore(options: MemoryBreakerStoreOptions = {}): BreakerStateStore {
  if (options.clock !== undefined && typeof options.clock !== 'function') {
    throw new ConfigurationError('memoryBreakerStore clock must be a function returning ms.');
  }
  const clock = options.clock ?? (() => performance.now());
  const states = new Map<string, State>();
  const coolDowns = new Map<string, number>();

  const snapshot = (state: State | undefined): BreakerSnapshot =>
    state === undefined || (state.openUntil === undefined && state.failures === 0)
      ? CLOSED
      : {
          failures: state.failures,
          tripped: state.openUntil !== undefined,
          openRemainingMs:
            state.openUntil === undefined ? 0 : Math.max(0, state.openUntil - clock()),
        };
  const stateOf = (name: string): State => {
    let state = states.get(name);
    if (state === undefined)
      states.set(name, (state = { failures: 0, openUntil: undefined, probes: [] }));
    return state;
  };
  const isOpen = (state: State | undefined): boolean =>
    state?.openUntil !== undefined && state.openUntil > clock();

  return {
    read: (name) => snapshot(states.get(name)),
    recordFailure(name, threshold, openMs) {
      const state = stateOf(name);
      if (isOpen(state)) return snapshot(state);
      state.failures++;
      if (state.openUntil !== undefined || state.failures >= threshold) {
        state.openUntil = clock() + openMs;
        state.probes = [];
      }
      return snapshot(state);
    },
    recordSuccess(name) {
      const state = states.get(name);
      if (state === undefined || isOpen(state)) return snapshot(state);
      states.delete(name);
      return CLOSED;
    },
    acquireProbe(name, maxProbes, leaseMs) {
      const state = states.get(name);
      if (state === undefined || state.openUntil === undefined || isOpen(state)) return false;
      const now = clock();
      state.probes = state.probes.filter((until) => until > now);
      if (state.probes.length >= maxProbes) return false;
      state.probes.push(now + leaseMs);
      return true;
    },
    releaseProbe(name) {
      states.get(name)?.probes.shift();
    },
    reset(name) {
      states.delete(name);
    },
    coolDown(origin, ms) {
      const until = clock() + ms;
      if (until > (coolDowns.get(origin) ?? -Infinity)) coolDowns.set(origin, until);
    },
    coolDownRemaining(origin) {
      const until = coolDowns.get(origin);
      if (until === undefined) return 0;
      const left = until - clock();
      if (left > 0) return left;
      coolDowns.delete(origin);
      return 0;
    },
  };
}
