// createClient with a Redis response cache and a Redis-backed CircuitBreaker, on a Redis of the
// test's own that freezes, dies and comes back: every request is still answered (a cache miss,
// a breaker of this process alone), the breaker is never tripped by the store, and hits resume
// after a restart. A shared cache store without a key secret is refused at setup.
import { randomBytes } from 'node:crypto';
import axios from 'axios';
import {
  attachResilience,
  CircuitBreaker,
  createClient,
  isConfigurationError,
  type DequestEvent,
} from '../../src';
import { createRedisBreakerStore, createRedisCacheStore } from '../../src/redis';
import { startServer, type TestServer } from '../helpers/server';
import { connectNodeRedis, describeWithRedis, uniqueNamespace, type NodeRedis } from './redis-env';
import { startOwnRedis, waitUntil, type OwnRedis } from './redis-server';

jest.setTimeout(60_000);

const keySecret = randomBytes(32).toString('hex');

describeWithRedis('createClient on a Redis that freezes, dies and comes back', () => {
  let own: OwnRedis;
  let redis: NodeRedis;
  let api: TestServer;

  beforeAll(async () => {
    own = await startOwnRedis();
    redis = await connectNodeRedis(own.url);
    api = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  afterAll(async () => {
    redis.destroy();
    await api.close();
    await own.kill();
  });

  const replica = () => {
    const events: DequestEvent[] = [];
    const onEvent = (event: DequestEvent) => events.push(event);
    const options = { client: redis, namespace: uniqueNamespace(), logger: null, onEvent };
    // Threshold 1: a single failure counted because of the store would open it.
    const breaker = new CircuitBreaker({
      name: 'orders-api',
      store: createRedisBreakerStore(options),
      failureThreshold: 1,
      recoveryTimeout: 60_000,
    });
    const client = createClient({
      baseURL: api.origin,
      authToken: 'service-token',
      retries: 2,
      retryDelay: 0,
      circuitBreaker: breaker,
      cache: { store: createRedisCacheStore(options), keySecret },
      onEvent,
    });
    return { client, breaker, events };
  };
  const opened = (events: DequestEvent[]) =>
    events.filter((e) => e.type === 'breaker-state-change' && e.to !== 'CLOSED');

  test('Redis killed: every request is answered from the API, the breaker stays CLOSED; hits resume after a restart', async () => {
    const { client, breaker, events } = replica();
    expect((await client.get('/data')).cached).toBeUndefined();
    expect((await client.get('/data')).cached).toBe(true);
    const before = api.requests.length;

    await own.kill();
    const responses = [];
    for (let i = 0; i < 10; i++) responses.push(await client.get('/data'));

    expect(responses.map((r) => [r.status, r.data, r.cached])).toEqual(
      Array(10).fill([200, { ok: true }, undefined]),
    );
    expect(api.requests.length - before).toBe(10); // each one a miss, none a failure
    expect(breaker.state).toBe('CLOSED');
    expect(opened(events)).toEqual([]);
    expect(events.map((e) => e.type)).toContain('store-unavailable');

    await own.restart();
    await waitUntil(() => redis.isReady);
    // The breaker store goes back to Redis a second after its last failure; the cache at once.
    const deadline = Date.now() + 20_000;
    let cached: boolean | undefined;
    while (cached !== true && Date.now() < deadline) {
      cached = (await client.get('/data')).cached;
      if (cached !== true) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(cached).toBe(true);
    expect(breaker.state).toBe('CLOSED');
    expect(opened(events)).toEqual([]);
  });

  test('Redis frozen (accepts, never answers): every request is answered, the breaker stays CLOSED', async () => {
    const { client, breaker, events } = replica();
    await client.get('/data');
    const before = api.requests.length;

    own.freeze();
    try {
      const responses = await Promise.all(Array.from({ length: 5 }, () => client.get('/data')));
      expect(responses.map((r) => r.status)).toEqual(Array(5).fill(200));
      for (let i = 0; i < 3; i++) expect((await client.get('/data')).status).toBe(200);
    } finally {
      own.thaw();
    }

    expect(api.requests.length - before).toBeGreaterThanOrEqual(1);
    expect(breaker.state).toBe('CLOSED');
    expect(opened(events)).toEqual([]);
    await waitUntil(() => redis.isReady);
  });

  test("createClient's onEvent gets the Redis stores' own events: store-unavailable when Redis dies, store-recovered when it is back", async () => {
    const namespace = uniqueNamespace();
    // The stores have no onEvent of their own: only the client's listener can hear them.
    const options = { client: redis, namespace, logger: null };
    const events: DequestEvent[] = [];
    const client = createClient({
      baseURL: api.origin,
      circuitBreaker: new CircuitBreaker({
        name: 'orders-api',
        store: createRedisBreakerStore(options),
      }),
      cache: { store: createRedisCacheStore(options), keySecret },
      onEvent: (event) => events.push(event),
    });
    const storeEvents = (type: string) =>
      events.flatMap((e) => (e.type === type && 'store' in e ? [e.store] : [])).sort();
    await client.get('/data');
    expect(storeEvents('store-unavailable')).toEqual([]);

    // Requests until both stores have asked Redis (the breaker's view of CLOSED is trusted for
    // 100 ms), each answered; each to a new URL, so that no cache hit skips the breaker.
    let sent = 0;
    const until = async (type: string) => {
      const deadline = Date.now() + 20_000;
      while (storeEvents(type).length < 2 && Date.now() < deadline) {
        expect((await client.get(`/data?n=${sent++}`)).status).toBe(200);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    await own.kill();
    await until('store-unavailable');
    expect(storeEvents('store-unavailable')).toEqual([
      `redis breaker store ${namespace}`,
      `redis cache store ${namespace}`,
    ]);

    await own.restart();
    await waitUntil(() => redis.isReady);
    await until('store-recovered');
    expect(storeEvents('store-recovered')).toEqual([
      `redis breaker store ${namespace}`,
      `redis cache store ${namespace}`,
    ]);
  });

  test('a Redis cache store without keySecret is a ConfigurationError, on createClient and attachResilience', () => {
    const store = createRedisCacheStore({ client: redis, logger: null });
    const refused = (make: () => unknown) => {
      try {
        make();
      } catch (error) {
        return error;
      }
      return undefined;
    };

    const fromCreate = refused(() => createClient({ baseURL: api.origin, cache: { store } }));
    const fromAttach = refused(() => attachResilience(axios.create(), { cache: { store } }));

    for (const error of [fromCreate, fromAttach]) {
      expect(isConfigurationError(error)).toBe(true);
      expect((error as Error).message).toMatch(/cache\.keySecret/);
    }
    // With one, the same store is accepted.
    expect(() => createClient({ baseURL: api.origin, cache: { store, keySecret } })).not.toThrow();
  });
});
