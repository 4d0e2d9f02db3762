// The contract every BreakerStateStore must keep, as a reusable suite: the in-memory store runs
// it in memory-breaker-store.test.ts; a shared store (Redis) runs the same with its factory:
//
//   describeBreakerStoreContract('redisBreakerStore', async () => ({
//     store: redisBreakerStore({ client, namespace: `test:${randomUUID()}:` }),
//     advance: (ms) => new Promise((r) => setTimeout(r, ms)),   // real time: keep `ms` small
//     dispose: () => deleteMyKeys(),
//   }));
import type { BreakerStateStore } from '../../../src/resilience';

/** A store under test, and how to let `ms` pass on the store's own clock. */
export interface BreakerStoreFixture {
  readonly store: BreakerStateStore;
  advance(ms: number): Promise<void>;
  dispose?(): Promise<void>;
}

/**
 * Durations the suite uses. A store on real time passes short ones (the suite waits `open` +
 * a margin for an expiry); the in-memory store passes any.
 */
export interface ContractTimes {
  /** How long the breaker stays open in the tests. @default 1_000 */
  readonly open: number;
  /** Added to a wait to be sure it has passed. @default 1 */
  readonly margin: number;
}

export function describeBreakerStoreContract(
  name: string,
  fixture: () => Promise<BreakerStoreFixture>,
  times: ContractTimes = { open: 1_000, margin: 1 },
): void {
  describe(`${name} keeps the BreakerStateStore contract`, () => {
    let f: BreakerStoreFixture;
    const { open, margin } = times;
    const tripped = async (breaker: string) => {
      for (let i = 0; i < 3; i++) await f.store.recordFailure(breaker, 3, open);
    };
    const halfOpen = async (breaker: string) => {
      await tripped(breaker);
      await f.advance(open + margin);
    };

    beforeEach(async () => {
      f = await fixture();
    });
    afterEach(async () => {
      await f.dispose?.();
    });

    test('a breaker it never heard of is CLOSED with 0 failures', async () => {
      expect(await f.store.read('never-seen')).toEqual({
        failures: 0,
        tripped: false,
        openRemainingMs: 0,
      });
    });

    test('failures count up and trip the breaker at the threshold, for the open time', async () => {
      expect(await f.store.recordFailure('b', 3, open)).toMatchObject({
        failures: 1,
        tripped: false,
      });
      expect(await f.store.recordFailure('b', 3, open)).toMatchObject({
        failures: 2,
        tripped: false,
      });
      const after = await f.store.recordFailure('b', 3, open);
      expect(after).toMatchObject({ failures: 3, tripped: true });
      expect(after.openRemainingMs).toBeGreaterThan(0);
      expect(after.openRemainingMs).toBeLessThanOrEqual(open);
    });

    test('a success while CLOSED sets failures back to 0', async () => {
      await f.store.recordFailure('b', 3, open);
      await f.store.recordFailure('b', 3, open);
      expect(await f.store.recordSuccess('b')).toEqual({
        failures: 0,
        tripped: false,
        openRemainingMs: 0,
      });
      expect(await f.store.recordFailure('b', 3, open)).toMatchObject({
        failures: 1,
        tripped: false,
      });
    });

    test('while OPEN, neither a failure nor a success changes anything (calls admitted before it opened)', async () => {
      await tripped('b');
      const before = await f.store.read('b');
      await f.store.recordFailure('b', 3, open * 10);
      await f.store.recordSuccess('b');
      const after = await f.store.read('b');
      expect(after.tripped).toBe(true);
      expect(after.failures).toBe(before.failures);
      expect(after.openRemainingMs).toBeLessThanOrEqual(before.openRemainingMs);
    });

    test('after the open time it is HALF_OPEN: maxProbes slots, then none', async () => {
      await tripped('b');
      expect(await f.store.acquireProbe('b', 2, 60_000)).toBe(false);
      await f.advance(open + margin);
      expect(await f.store.read('b')).toMatchObject({ tripped: true, openRemainingMs: 0 });
      expect(await f.store.acquireProbe('b', 2, 60_000)).toBe(true);
      expect(await f.store.acquireProbe('b', 2, 60_000)).toBe(true);
      expect(await f.store.acquireProbe('b', 2, 60_000)).toBe(false);
    });

    test('no probe slot while CLOSED', async () => {
      expect(await f.store.acquireProbe('b', 1, 60_000)).toBe(false);
      await f.store.recordFailure('b', 3, open);
      expect(await f.store.acquireProbe('b', 1, 60_000)).toBe(false);
    });

    test('a released slot can be taken again; an unreleased one frees itself after its lease', async () => {
      await halfOpen('b');
      expect(await f.store.acquireProbe('b', 1, open)).toBe(true);
      await f.store.releaseProbe('b');
      expect(await f.store.acquireProbe('b', 1, open)).toBe(true);
      expect(await f.store.acquireProbe('b', 1, open)).toBe(false);
      await f.advance(open + margin);
      expect(await f.store.acquireProbe('b', 1, open)).toBe(true);
    });

    test("a probe's failure opens it again with a fresh timer, slots released", async () => {
      await halfOpen('b');
      await f.store.acquireProbe('b', 1, 60_000);
      const after = await f.store.recordFailure('b', 3, open);
      expect(after.tripped).toBe(true);
      expect(after.openRemainingMs).toBeGreaterThan(0);
      await f.advance(open + margin);
      expect(await f.store.acquireProbe('b', 1, 60_000)).toBe(true);
    });

    test("a probe's success closes it: 0 failures, not tripped", async () => {
      await halfOpen('b');
      await f.store.acquireProbe('b', 1, 60_000);
      expect(await f.store.recordSuccess('b')).toEqual({
        failures: 0,
        tripped: false,
        openRemainingMs: 0,
      });
      expect(await f.store.read('b')).toEqual({ failures: 0, tripped: false, openRemainingMs: 0 });
    });

    test('reset closes it from any state', async () => {
      await tripped('b');
      await f.store.reset('b');
      expect(await f.store.read('b')).toEqual({ failures: 0, tripped: false, openRemainingMs: 0 });
    });

    test('breakers of different names never share state', async () => {
      await tripped('a');
      expect(await f.store.read('b')).toEqual({ failures: 0, tripped: false, openRemainingMs: 0 });
      expect((await f.store.read('a')).tripped).toBe(true);
    });

    test('a cool-down keeps the later end, counts down, and ends', async () => {
      const origin = 'https://api.example.com';
      expect(await f.store.coolDownRemaining(origin)).toBe(0);
      await f.store.coolDown(origin, open);
      await f.store.coolDown(origin, open / 2);
      const left = await f.store.coolDownRemaining(origin);
      expect(left).toBeGreaterThan(open / 2);
      expect(left).toBeLessThanOrEqual(open);
      expect(await f.store.coolDownRemaining('https://other.example.com')).toBe(0);
      await f.advance(open + margin);
      expect(await f.store.coolDownRemaining(origin)).toBe(0);
    });
  });
}
