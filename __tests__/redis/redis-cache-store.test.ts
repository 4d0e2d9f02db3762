import { isConfigurationError } from '../../src/errors';
import { createRedisCacheStore } from '../../src/redis';
import type { DequestEvent } from '../../src/events/dequest-event';
import {
  describeCacheStoreContract,
  sampleEntry as entry,
} from '../resilience/helpers/cache-store-contract';
import {
  connectIoRedis,
  connectNodeRedis,
  deleteKeys,
  describeWithRedis,
  uniqueNamespace,
  type NodeRedis,
} from './redis-env';
import type IORedis from 'ioredis';
import { createClient } from 'redis';

describeWithRedis('createRedisCacheStore on the real Redis', () => {
  let redis: NodeRedis;
  let io: IORedis;
  const namespaces: string[] = [];
  const fresh = (): string => {
    const namespace = uniqueNamespace();
    namespaces.push(namespace);
    return namespace;
  };

  beforeAll(async () => {
    [redis, io] = await Promise.all([connectNodeRedis(), connectIoRedis()]);
  });
  afterAll(async () => {
    for (const namespace of namespaces) await deleteKeys(redis, `${namespace}:*`);
    redis.destroy();
    io.disconnect();
  });

  // Real time: entries that must expire live 50 ms, and the suite waits a little longer.
  const realTime = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms + 10));
  describeCacheStoreContract(
    'createRedisCacheStore (node-redis client)',
    async () => ({
      store: createRedisCacheStore({ client: redis, namespace: fresh() }),
      advance: realTime,
    }),
    50,
  );
  describeCacheStoreContract(
    'createRedisCacheStore (ioredis client)',
    async () => ({
      store: createRedisCacheStore({ client: io, namespace: fresh() }),
      advance: realTime,
    }),
    50,
  );

  test('keys are <namespace>:cache:<key>, values the entry as JSON, and every write has an expiry', async () => {
    const namespace = fresh();
    const store = createRedisCacheStore({ client: redis, namespace });
    await store.set('req-hmac', entry('{"id":1}'), 30_000);
    await store.set('forever', entry('{"id":2}'), Infinity);

    const key = `${namespace}:cache:req-hmac`;
    expect(JSON.parse(String(await redis.sendCommand(['GET', key])))).toEqual(entry('{"id":1}'));
    const ttl = Number(await redis.sendCommand(['PTTL', key]));
    expect(ttl).toBeGreaterThan(25_000);
    expect(ttl).toBeLessThanOrEqual(30_000);
    // An infinite ttl is still an expiry (30 days): no key of a namespace lives forever.
    expect(Number(await redis.sendCommand(['PTTL', `${namespace}:cache:forever`]))).toBeGreaterThan(
      29 * 86_400_000,
    );
  });

  test('clear() removes only its namespace: a foreign other:x, another namespace and its credentials stay', async () => {
    const namespace = fresh();
    const neighbour = fresh();
    const foreign = `other:${namespace}:x`;
    const store = createRedisCacheStore({ client: redis, namespace });
    await redis.sendCommand(['SET', foreign, 'kept', 'PX', '60000']);
    await redis.sendCommand(['SET', `${namespace}:credential:k`, 'kept', 'PX', '60000']);
    await createRedisCacheStore({ client: redis, namespace: neighbour }).set(
      'a',
      entry('n'),
      60_000,
    );
    for (let i = 0; i < 2_500; i++) await store.set(`k${i}`, entry(String(i)), 60_000);

    await store.clear();

    expect(await redis.sendCommand(['GET', foreign])).toBe('kept');
    expect(await redis.sendCommand(['GET', `${namespace}:credential:k`])).toBe('kept');
    expect(await redis.sendCommand(['EXISTS', `${neighbour}:cache:a`])).toBe(1);
    expect(await store.get('k0')).toBeUndefined();
    expect(await redis.sendCommand(['EXISTS', `${namespace}:cache:k2499`])).toBe(0);
    await redis.sendCommand(['UNLINK', foreign]);
  });

  test('a namespace with glob characters clears only itself, not the namespaces it would match', async () => {
    const base = fresh();
    const store = createRedisCacheStore({ client: redis, namespace: `${base}*` });
    const lookalike = createRedisCacheStore({ client: redis, namespace: `${base}-x` });
    namespaces.push(`${base}-x`);
    await store.set('a', entry('1'), 60_000);
    await lookalike.set('a', entry('2'), 60_000);

    await store.clear();

    expect(await store.get('a')).toBeUndefined();
    expect((await lookalike.get('a'))?.body).toBe('2');
  });

  test('a value that is not a cache entry (corrupt, foreign, half written) is a miss, reported once', async () => {
    const namespace = fresh();
    const events: DequestEvent[] = [];
    const store = createRedisCacheStore({
      client: redis,
      namespace,
      onEvent: (e) => events.push(e),
      logger: null,
    });
    await redis.sendCommand(['SET', `${namespace}:cache:a`, '{"status":200', 'PX', '60000']);
    await redis.sendCommand(['SET', `${namespace}:cache:b`, '{"status":"200"}', 'PX', '60000']);

    expect(await store.get('a')).toBeUndefined();
    expect(await store.get('b')).toBeUndefined();
    expect(events).toEqual([
      expect.objectContaining({
        type: 'store-unavailable',
        reason: 'bad-reply',
        operation: 'GET',
        failures: 1,
      }),
    ]);
  });

  test('a busy process is not a slow Redis: a reply that arrived while the loop was blocked still counts', async () => {
    const namespace = fresh();
    const store = createRedisCacheStore({ client: redis, namespace, timeoutMs: 100, logger: null });
    await store.set('k', entry('1'), 60_000);

    const pending = store.get('k');
    const blockedUntil = Date.now() + 400; // hundreds of requests starting at once
    while (Date.now() < blockedUntil);

    expect((await pending)?.body).toBe('1');
  });

  test('a client that is not connected costs nothing: a miss and a skipped write at once, one warning', async () => {
    const client = createClient({ url: 'redis://127.0.0.1:9' });
    const warnings: string[] = [];
    const store = createRedisCacheStore({ client, logger: { warn: (m) => warnings.push(m) } });
    const started = Date.now();

    expect(await store.get('k')).toBeUndefined();
    await store.set('k', entry('1'), 1_000);
    await store.delete('k');

    expect(Date.now() - started).toBeLessThan(50);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/redis cache store axios-dequest unavailable: Redis is not ready/);
    await expect(store.clear()).rejects.toMatchObject({
      name: 'RedisUnavailableError',
      reason: 'not-ready',
    });
  });

  test.each([
    [undefined, /needs an options object/],
    [{}, /needs client: a node-redis client/],
    [{ client: { get: () => {} } }, /needs client/],
    [{ client: 'redis://127.0.0.1' }, /got string/],
  ])('bad options are a ConfigurationError that says what to pass (%#)', (options, message) => {
    const make = () => createRedisCacheStore(options as never);
    expect(make).toThrow(message);
    try {
      make();
    } catch (error) {
      expect(isConfigurationError(error)).toBe(true);
    }
  });

  test.each([
    [{ timeoutMs: 0 }, /timeoutMs must be a finite number of milliseconds, 1 or more, got 0/],
    [{ timeoutMs: Infinity }, /timeoutMs/],
    [{ namespace: '' }, /namespace must be/],
    [{ namespace: 'has space' }, /namespace must be/],
    [{ logger: {} }, /logger must have a warn/],
    [{ onEvent: 'log' }, /onEvent must be a function/],
  ])('bad store options are a ConfigurationError (%p)', (options, message) => {
    expect(() => createRedisCacheStore({ client: redis, ...(options as object) })).toThrow(message);
  });
});
