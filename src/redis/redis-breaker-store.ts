import { randomUUID } from 'node:crypto';
import type { BreakerSnapshot, BreakerStateStore } from '../resilience/breaker-state-store';
import { memoryBreakerStore } from '../resilience/memory-breaker-store';
import { ACQUIRE_PROBE, COOL_DOWN, READ, RECORD_FAILURE, RECORD_SUCCESS } from './breaker-scripts';
import { BreakerView, coolDownName, readSnapshot, readWhole } from './breaker-view';
import type { RedisBreakerStoreOptions } from './breaker-store-options';
import { readBreakerStoreOptions } from './breaker-store-options';
import { isRedisUnavailableError } from './redis-unavailable-error';

// After a failed command, this process decides alone for this long before it asks Redis
// again: a frozen Redis costs one timeoutMs per second, not one per call.
const PAUSE_AFTER_FAILURE_MS = 1_000;
// A breaker's hash outlives its last failure by a day (plus its open time): a failure count
// nobody added to for a day is forgotten. A healthy breaker has no key at all.
const KEEP_MS = 24 * 60 * 60_000;
// A server may ask for any Retry-After; Redis keeps a cool-down a day at most.
const MAX_COOL_DOWN_MS = 24 * 60 * 60_000;

/**
 * A {@link BreakerStateStore} in Redis: circuit breakers and Retry-After cool-downs shared by
 * every process that uses the same namespace, so one replica's detected outage opens the
 * breaker for all, one probe runs across all of them, and a 429's Retry-After makes them all wait.
 *
 * - Keys: `<namespace>:breaker:<name>` (a hash: `failures`, `openUntil`; deleted when the
 *   breaker closes), `<namespace>:breaker-probes:<name>` (a sorted set of probe leases) and
 *   `<namespace>:cool-down:<origin>` (its expiry is the cool-down's end). Every change is one
 *   Lua script, timed by Redis's clock.
 * - Each process keeps the state it last saw for `maxStalenessMs` (answers are then
 *   synchronous, as the in-memory store's are).
 * - Every command is bounded by `timeoutMs`; a Redis that fails, is slow or not ready is
 *   logged at most once a minute, and this process then runs an in-memory breaker of its own
 *   (starting CLOSED) for a second before it asks Redis again. It never rejects.
 *
 * @example
 * ```ts
 * import { CircuitBreaker } from 'axios-dequest';
 * import { createRedisBreakerStore } from 'axios-dequest/redis';
 *
 * const store = createRedisBreakerStore({ client: redis });
 * const breaker = new CircuitBreaker({ name: 'payments-api', store, failureThreshold: 5 });
 * ```
 */
export function createRedisBreakerStore(options: RedisBreakerStoreOptions): BreakerStateStore {
  const { setup, clock, maxStalenessMs } = readBreakerStoreOptions(options);
  const view = new BreakerView(clock, maxStalenessMs);
  // This process alone, while Redis is unavailable (kept through the outage, however long);
  // a fresh one once Redis answers again.
  let local = memoryBreakerStore({ clock });
  let down = false;
  let pausedUntil = -Infinity;
  const available = (): boolean => !down || clock() >= pausedUntil;
  const send = (args: string[], onLate?: (reply: unknown) => void): Promise<unknown> =>
    setup.send(args, onLate).then(
      (reply) => {
        if (down) [down, local] = [false, memoryBreakerStore({ clock })];
        return reply;
      },
      (error: unknown) => {
        [down, pausedUntil] = [true, clock() + PAUSE_AFTER_FAILURE_MS];
        throw error;
      },
    );
  // Redis's answer, parsed; or, when Redis failed or answered nonsense, this process's own.
  const ask = <T>(
    args: string[],
    parse: (reply: unknown) => T,
    fallback: () => T,
    onLate?: (reply: unknown) => void,
  ): Promise<T> =>
    send(args, onLate)
      .then(parse)
      .catch((error: unknown) => {
        if (isRedisUnavailableError(error) && error.reason === 'bad-reply') setup.fail(error);
        return fallback();
      });
  const keys = (name: string): string[] => [
    setup.prefix + name,
    setup.keyOf('breaker-probes', name),
  ];
  // A script about breaker `name`: its answer (a snapshot after it) is learnt by the view.
  const step = <T>(
    name: string,
    lua: string,
    args: readonly (string | number)[],
    learn: (reply: unknown, seq: number) => T,
    fallback: () => T,
    onLate?: (reply: unknown) => void,
  ): Promise<T> => {
    view.states.wrote(name);
    const seq = view.states.next();
    const command = ['EVAL', lua, '2', ...keys(name), ...args.map(String)];
    return ask(command, (reply) => learn(reply, seq), fallback, onLate);
  };
  // The probe slots this process holds, per breaker: it gives back only its own.
  const held = new Map<string, string[]>();
  const giveBack = (name: string, member: string): Promise<void> =>
    ask(['ZREM', setup.keyOf('breaker-probes', name), member], noop, noop);
  const learnSnapshot = (name: string) => (reply: unknown, seq: number) =>
    view.learnState(name, seq, readSnapshot(reply, 0));
  const coolDownKey = (origin: string) => setup.keyOf('cool-down', coolDownName(origin));

  return {
    read(name) {
      if (!available()) return local.read(name);
      const known = view.state(name);
      if (known !== undefined) return known;
      return view.states.read(name, (seq) =>
        ask(
          ['EVAL', READ, '2', ...keys(name)],
          (reply) => learnSnapshot(name)(reply, seq),
          () => local.read(name) as BreakerSnapshot,
        ),
      );
    },
    watch: (listener) => setup.log.watch(listener),
    recordFailure(name, threshold, openMs) {
      const fallback = () => local.recordFailure(name, threshold, openMs) as BreakerSnapshot;
      if (!available()) return fallback();
      const args = [threshold, Math.ceil(openMs), KEEP_MS];
      held.delete(name); // the script frees every slot when a probe fails
      return step(name, RECORD_FAILURE, args, learnSnapshot(name), fallback);
    },
    recordSuccess(name) {
      const fallback = () => local.recordSuccess(name) as BreakerSnapshot;
      if (!available()) return fallback();
      // CLOSED with no failures, or OPEN (where a success changes nothing), as far as this
      // process knows: no write on the hot path.
      const known = view.state(name);
      if (known !== undefined && (known.tripped || known.failures === 0)) return known;
      held.delete(name);
      return step(name, RECORD_SUCCESS, [], learnSnapshot(name), fallback);
    },
    acquireProbe(name, maxProbes, leaseMs) {
      if (!available()) return local.acquireProbe(name, maxProbes, leaseMs);
      const member = randomUUID();
      const args = [maxProbes, Math.ceil(leaseMs), member];
      const taken = (reply: unknown) => readWhole(reply, 0) === 1;
      const learn = (reply: unknown, seq: number) => {
        view.learnState(name, seq, readSnapshot(reply, 1));
        if (taken(reply)) held.set(name, [...(held.get(name) ?? []), member]);
        return taken(reply);
      };
      // A stalled Redis may grant the slot after this call gave up waiting and went on: give
      // it back when that late answer comes, or every replica would wait out its lease.
      const late = (reply: unknown) => {
        if (Array.isArray(reply) && reply[0] === 1) void giveBack(name, member);
      };
      // Redis went away mid-HALF_OPEN: this call probes; the next ones run on the local store.
      return step(name, ACQUIRE_PROBE, args, learn, () => true, late);
    },
    async releaseProbe(name) {
      if (!available()) return local.releaseProbe(name);
      const mine = held.get(name);
      const member = mine?.pop();
      if (mine?.length === 0) held.delete(name);
      if (member !== undefined) await giveBack(name, member);
    },
    async reset(name) {
      void local.reset(name); // the memory store answers at once
      if (!available()) return;
      view.states.wrote(name);
      const seq = view.states.next();
      const closed = { failures: 0, tripped: false, openRemainingMs: 0 };
      await ask(['DEL', ...keys(name)], () => void view.learnState(name, seq, closed), noop);
    },
    coolDown(origin, ms) {
      if (!(ms > 0)) return;
      const capped = Math.ceil(Math.min(ms, MAX_COOL_DOWN_MS));
      void local.coolDown(origin, capped); // kept here too: an outage of Redis forgets nothing
      if (!available()) return;
      view.coolDowns.wrote(origin);
      const seq = view.coolDowns.next();
      const command = ['EVAL', COOL_DOWN, '1', coolDownKey(origin), String(capped)];
      return ask(command, (reply) => void view.learnCoolDown(origin, seq, readWhole(reply)), noop);
    },
    coolDownRemaining(origin) {
      if (!available()) return local.coolDownRemaining(origin);
      const known = view.coolDown(origin);
      if (known !== undefined) return known;
      return view.coolDowns.read(origin, (seq) =>
        ask(
          ['PTTL', coolDownKey(origin)],
          (reply) => view.learnCoolDown(origin, seq, readWhole(reply)),
          () => local.coolDownRemaining(origin) as number,
        ),
      );
    },
  };
}

const noop = (): void => {};
