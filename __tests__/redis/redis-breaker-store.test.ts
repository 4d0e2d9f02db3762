import { isConfigurationError } from '../../src/errors';
import { isThenable } from '../../src/http/syntax';
import { createRedisBreakerStore } from '../../src/redis';
import type { DequestEvent } from '../../src/events/dequest-event';
import type { NodeRedisClient } from '../../src/redis';
import { describeBreakerStoreContract } from '../resilience/helpers/breaker-store-contract';
import {
  connectIoRedis,
  connectNodeRedis,
  deleteKeys,
  describeWithRedis,
  dumpKeys,
  uniqueNamespace,
  type NodeRedis,
} from './redis-env';
import type IORedis from 'ioredis';

jest.setTimeout(60_000);

const CLOSED = { failures: 0, tripped: false, openRemainingMs: 0 };

describeWithRedis('createRedisBreakerStore on the real Redis', () => {
  let redis: NodeRedis;
  let io: IORedis;
  let namespace: string;

  beforeAll(async () => {
    [redis, io] = await Promise.all([connectNodeRedis(), connectIoRedis()]);
  });
  afterAll(() => {
    redis.destroy();
    io.disconnect();
  });
  beforeEach(() => {
    namespace = uniqueNamespace();
  });
  afterEach(() => deleteKeys(redis, `${namespace}:*`));

  // Redis counts open times on its own clock: the suite waits for real, two seconds at a time
  // (a few round trips must fit in one open time, even on a busy machine).
  const realTime = { open: 2_000, margin: 50 };
  const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  describeBreakerStoreContract(
    'createRedisBreakerStore (node-redis, a local view of 100 ms)',
    async () => ({
      store: createRedisBreakerStore({ client: redis, namespace, logger: null }),
      advance: wait,
    }),
    realTime,
  );
  describeBreakerStoreContract(
    'createRedisBreakerStore (ioredis, every call asks Redis)',
    async () => ({
      store: createRedisBreakerStore({ client: io, namespace, maxStalenessMs: 0, logger: null }),
      advance: wait,
    }),
    realTime,
  );

  /** A node-redis client that tells which commands it sent. */
  const counted = () => {
    const sent: string[] = [];
    const client: NodeRedisClient = {
      sendCommand: (args: string[]) => {
        sent.push(args[0] === 'EVAL' ? `EVAL ${scriptName(args[1]!)}` : args[0]!);
        return redis.sendCommand(args);
      },
      get isReady() {
        return redis.isReady;
      },
    };
    return { client, sent };
  };
  const scriptName = (lua: string) =>
    /HSET/.test(lua)
      ? 'failure'
      : /ZADD/.test(lua)
        ? 'probe'
        : /'DEL', KEYS\[1\], KEYS\[2\]/.test(lua)
          ? 'success'
          : /PTTL/.test(lua)
            ? 'cool-down'
            : 'read';
  const clockAt = () => {
    const clock = { now: 0, read: () => clock.now };
    return clock;
  };

  test('one store sees what another recorded: failures from A open the breaker for B', async () => {
    const a = createRedisBreakerStore({ client: redis, namespace });
    const b = createRedisBreakerStore({ client: io, namespace });

    for (let i = 0; i < 3; i++) await a.recordFailure('api', 3, 60_000);

    const seen = await b.read('api');
    expect(seen).toMatchObject({ failures: 3, tripped: true });
    expect(seen.openRemainingMs).toBeGreaterThan(50_000);
    expect(await b.acquireProbe('api', 1, 10_000)).toBe(false);
  });

  test('a call through a CLOSED breaker costs no command while the local view is fresh: one read per maxStalenessMs', async () => {
    const { client, sent } = counted();
    const clock = clockAt();
    const store = createRedisBreakerStore({
      client,
      namespace,
      maxStalenessMs: 100,
      clock: clock.read,
    });

    expect(await store.read('api')).toEqual(CLOSED);
    expect(sent).toEqual(['EVAL read']);
    for (let i = 0; i < 1_000; i++) {
      const read = store.read('api');
      const recorded = store.recordSuccess('api');
      expect(isThenable(read) || isThenable(recorded)).toBe(false);
      expect(read).toEqual(CLOSED);
    }
    expect(await store.coolDownRemaining('https://api.example.com')).toBe(0);
    for (let i = 0; i < 1_000; i++)
      expect(store.coolDownRemaining('https://api.example.com')).toBe(0);
    expect(sent).toEqual(['EVAL read', 'PTTL']);

    clock.now = 100;
    expect(await store.read('api')).toEqual(CLOSED);
    expect(sent).toEqual(['EVAL read', 'PTTL', 'EVAL read']);
  });

  test('another replica trips it: this one, with a fresh CLOSED view, sees it once maxStalenessMs has passed', async () => {
    const clock = clockAt();
    const b = createRedisBreakerStore({ client: io, namespace, clock: clock.read });
    expect(await b.read('api')).toEqual(CLOSED);
    const a = createRedisBreakerStore({ client: redis, namespace });

    for (let i = 0; i < 3; i++) await a.recordFailure('api', 3, 10_000);

    expect(b.read('api')).toEqual(CLOSED); // known at most 100 ms late, by design
    clock.now = 99;
    expect(b.read('api')).toEqual(CLOSED);
    clock.now = 100;
    expect(await b.read('api')).toMatchObject({ tripped: true, failures: 3 });
  });

  test('a failure here is never answered from the view: it is counted in Redis and seen at once', async () => {
    const clock = clockAt();
    const a = createRedisBreakerStore({ client: redis, namespace, clock: clock.read });
    const b = createRedisBreakerStore({ client: io, namespace, clock: clock.read });
    expect(await b.read('api')).toEqual(CLOSED);
    await a.recordFailure('api', 3, 10_000);
    await a.recordFailure('api', 3, 10_000);

    const after = await b.recordFailure('api', 3, 10_000);

    expect(after).toMatchObject({ failures: 3, tripped: true });
    // Now OPEN as far as b knows: answered locally, a success changes nothing.
    expect(b.read('api')).toMatchObject({ tripped: true });
    expect(b.recordSuccess('api')).toMatchObject({ tripped: true });
  });

  test('at recovery time, 3 stores x 10 concurrent callers get exactly one probe slot', async () => {
    const stores = [redis, io, redis].map((client) =>
      createRedisBreakerStore({ client, namespace }),
    );
    for (let i = 0; i < 2; i++) await stores[0]!.recordFailure('api', 2, 300);
    await wait(350);

    const taken = await Promise.all(
      stores.flatMap((store) =>
        Array.from({ length: 10 }, async () => {
          const snapshot = await store.read('api');
          return snapshot.openRemainingMs === 0 && (await store.acquireProbe('api', 1, 60_000));
        }),
      ),
    );

    expect(taken.filter(Boolean)).toHaveLength(1);
    // The probe succeeds: every store, whatever it saw, reads CLOSED again.
    await stores[1]!.recordSuccess('api');
    for (const store of stores) expect(await store.read('api')).toEqual(CLOSED);
  });

  test('a replica gives back only a probe slot it holds: a release from one that holds none frees nothing', async () => {
    const [a, b, c] = [redis, io, redis].map((client) =>
      createRedisBreakerStore({ client, namespace }),
    );
    for (let i = 0; i < 2; i++) await a!.recordFailure('api', 2, 100);
    await wait(150);
    expect(await a!.acquireProbe('api', 1, 60_000)).toBe(true);

    await b!.releaseProbe('api'); // a probe of b's ended neutral... but b never had one
    expect(await c!.acquireProbe('api', 1, 60_000)).toBe(false);
    await a!.releaseProbe('api');
    expect(await c!.acquireProbe('api', 1, 60_000)).toBe(true);
  });

  test("HALF_OPEN is never answered from the view: after another replica's probe closed it, calls go through at once", async () => {
    const clock = clockAt();
    const a = createRedisBreakerStore({ client: redis, namespace });
    const b = createRedisBreakerStore({
      client: io,
      namespace,
      clock: clock.read,
      maxStalenessMs: 1_000,
    });
    for (let i = 0; i < 2; i++) await a.recordFailure('api', 2, 200);
    expect(await b.read('api')).toMatchObject({ tripped: true });
    await wait(250);
    clock.now = 250; // b's view is still fresh, and says the open time is over

    expect(await a.acquireProbe('api', 1, 60_000)).toBe(true);
    await a.recordSuccess('api');

    expect(await b.read('api')).toEqual(CLOSED);
  });

  test('a cool-down set by one replica makes the others wait, and keeps the later end', async () => {
    const a = createRedisBreakerStore({ client: redis, namespace });
    const b = createRedisBreakerStore({ client: io, namespace });
    const origin = 'https://api.example.com';

    await a.coolDown(origin, 60_000);
    await b.coolDown(origin, 1_000);

    const left = await createRedisBreakerStore({ client: io, namespace }).coolDownRemaining(origin);
    expect(left).toBeGreaterThan(50_000);
    expect(left).toBeLessThanOrEqual(60_000);
    expect(await b.coolDownRemaining('https://other.example.com')).toBe(0);
  });

  test('what Redis holds: the breaker name and origin in key names, numbers in values; a healthy breaker leaves no key', async () => {
    const store = createRedisBreakerStore({ client: redis, namespace });
    await store.recordFailure('payments', 5, 10_000);
    await store.recordFailure('healthy', 5, 10_000);
    await store.recordSuccess('healthy');
    await store.coolDown('https://api.example.com', 2_000);
    // An origin that is not one (no baseURL: the URL itself) may hold anything: it is hashed.
    await store.coolDown('/users?api_key=secret-key', 2_000);

    const dump = await dumpKeys(redis, `${namespace}:*`);

    expect(dump.map((d) => d.key).sort()).toEqual([
      `${namespace}:breaker:payments`,
      `${namespace}:cool-down:https://api.example.com`,
      expect.stringMatching(new RegExp(`^${namespace}:cool-down:sha256:[0-9a-f]{64}$`)),
    ]);
    expect(JSON.stringify(dump)).not.toContain('secret-key');
    const hash = dump.find((d) => d.key.endsWith(':breaker:payments'))!;
    expect(JSON.parse(hash.value)).toEqual({ failures: '1' });
    // Every key expires: a breaker nobody uses is forgotten, never kept for good.
    for (const { key } of dump)
      expect(Number(await redis.sendCommand(['PTTL', key]))).toBeGreaterThan(0);
  });

  test('a value it did not write (a string where its hash goes) is answered locally, logged once, never a rejection', async () => {
    const events: DequestEvent[] = [];
    const store = createRedisBreakerStore({
      client: redis,
      namespace,
      logger: null,
      onEvent: (e) => events.push(e),
    });
    await redis.sendCommand(['SET', `${namespace}:breaker:api`, 'not a hash', 'PX', '60000']);

    expect(await store.read('api')).toEqual(CLOSED);
    for (let i = 0; i < 2; i++) await store.recordFailure('api', 2, 10_000);
    // Redis failed the script (WRONGTYPE): this process counted on its own, and opened.
    expect(await store.read('api')).toMatchObject({ tripped: true, failures: 2 });
    expect(events.filter((e) => e.type === 'store-unavailable')).toHaveLength(1);
  });

  test.each([
    [{ maxStalenessMs: -1 }, /maxStalenessMs must be a finite number of milliseconds, 0 or more/],
    [{ maxStalenessMs: Infinity }, /maxStalenessMs/],
    [{ maxStalenessMs: '100' }, /maxStalenessMs/],
    [{ clock: 5 }, /clock must be a function/],
    [{ timeoutMs: 0 }, /timeoutMs must be a finite number/],
    [{ client: undefined }, /needs client/],
  ])('bad options are a ConfigurationError that says what to pass (%p)', (options, message) => {
    let thrown: unknown;
    try {
      createRedisBreakerStore({ client: redis, ...(options as object) } as never);
    } catch (error) {
      thrown = error;
    }
    expect(isConfigurationError(thrown)).toBe(true);
    expect((thrown as Error).message).toMatch(message);
  });
});
