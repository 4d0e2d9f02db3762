// A Redis of the test's own that freezes, dies and comes back: every call still answers within
// timeoutMs (plus the work of the servers), requests never fail because of Redis, and hits and
// sharing resume once the client has reconnected.
import { randomBytes } from 'node:crypto';
import { createClient } from '../../src/client';
import { cachedCredential } from '../../src/credentials/cached-credential';
import type { DequestEvent } from '../../src/events/dequest-event';
import { createRedisCacheStore, createRedisCredentialStore } from '../../src/redis';
import { startServer, type TestServer } from '../helpers/server';
import { sampleEntry as entry } from '../resilience/helpers/cache-store-contract';
import { connectNodeRedis, describeWithRedis, uniqueNamespace, type NodeRedis } from './redis-env';
import { startOwnRedis, waitUntil, type OwnRedis } from './redis-server';

jest.setTimeout(60_000);

const TIMEOUT_MS = 100;
const encryptionKey = randomBytes(32);
// What a busy 2-core machine may add to one loopback call; node-redis alone waits 5,000 ms.
const SLACK_MS = 1_500;

const timed = async <T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> => {
  const started = Date.now();
  const result = await work();
  return { result, ms: Date.now() - started };
};

describeWithRedis('fail open: a Redis that freezes, dies and comes back', () => {
  let own: OwnRedis;
  let clients: NodeRedis[];
  let api: TestServer;
  let tokenCalls: number;

  beforeAll(async () => {
    own = await startOwnRedis();
    clients = await Promise.all([connectNodeRedis(own.url), connectNodeRedis(own.url)]);
    api = await startServer((req, res) => {
      res.statusCode = req.headers.authorization === 'Bearer live-token' ? 200 : 401;
      res.end('{}');
    });
  });
  afterAll(async () => {
    clients.forEach((client) => client.destroy());
    await api.close();
    await own.kill();
  });
  let namespace: string;
  beforeEach(() => {
    tokenCalls = 0;
    namespace = uniqueNamespace();
  });
  afterEach(async () => {
    own.thaw();
    for (const client of clients) await waitUntil(() => client.isReady);
  });

  // A 20 ms token: during the run, the store is asked again and again.
  const sharedClient = (client: NodeRedis, onEvent?: (e: DequestEvent) => void, ttl = 20) => {
    const provider = async () => {
      tokenCalls++;
      return { value: 'live-token', ttl };
    };
    const store = createRedisCredentialStore({
      client,
      encryptionKey,
      timeoutMs: TIMEOUT_MS,
      namespace,
      logger: null,
      ...(onEvent && { onEvent }),
    });
    return createClient({
      baseURL: api.origin,
      authToken: cachedCredential(provider, { ttl, store, key: 'api' }),
    });
  };

  test('a frozen Redis (accepts, never answers) costs one timeoutMs: a cache miss, a local token', async () => {
    const cache = createRedisCacheStore({
      client: clients[0]!,
      timeoutMs: TIMEOUT_MS,
      logger: null,
    });
    await cache.set('k', entry('1'), 60_000);
    const http = sharedClient(clients[1]!);
    own.freeze();

    const miss = await timed(() => cache.get('k'));
    const request = await timed(() => http.get('/data'));

    expect(miss.result).toBeUndefined();
    expect(miss.ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
    expect(miss.ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
    expect(request.result.status).toBe(200);
    expect(request.ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
    expect(tokenCalls).toBe(1);
  });

  test('a lock that a frozen Redis grants after the caller gave up is released when the late reply comes', async () => {
    const http = sharedClient(clients[1]!);
    own.freeze();
    expect((await http.get('/data')).status).toBe(200); // fetched locally after timeoutMs

    own.thaw();
    // One connection answers in order: once this PING is back, the late EVAL has run.
    await clients[1]!.sendCommand(['PING']);

    // The default lockTtl is 10 s; released at once, the others never wait for it.
    const lock = `${namespace}:credential-lock:api`;
    let released = false;
    const deadline = Date.now() + 3_000;
    while (!released && Date.now() < deadline) {
      released = Number(await clients[0]!.sendCommand(['EXISTS', lock])) === 0;
      if (!released) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(released).toBe(true);
    expect(Number(await clients[0]!.sendCommand(['PTTL', lock]))).toBe(-2);
  });

  test('Redis killed mid-run: 100 requests all answered, each within timeoutMs + server time; hits and sharing resume after a restart', async () => {
    const events: DequestEvent[] = [];
    const cache = createRedisCacheStore({
      client: clients[0]!,
      timeoutMs: TIMEOUT_MS,
      logger: null,
    });
    const http = sharedClient(clients[1]!, (event) => events.push(event));
    await cache.set('hit', entry('cached'), 60_000);

    const durations: number[] = [];
    const hits: boolean[] = [];
    for (let i = 0; i < 100; i++) {
      if (i === 30) await own.kill();
      const [request, lookup] = await Promise.all([
        timed(() => http.get('/data')),
        timed(() => Promise.resolve(cache.get('hit'))),
      ]);
      expect(request.result.status).toBe(200);
      durations.push(request.ms, lookup.ms);
      hits.push(lookup.result !== undefined);
      await new Promise((resolve) => setTimeout(resolve, 5)); // let the 20 ms token expire now and then
    }

    expect(Math.max(...durations)).toBeLessThan(TIMEOUT_MS + SLACK_MS);
    expect(hits.slice(0, 30).every(Boolean)).toBe(true);
    expect(hits.slice(30).some(Boolean)).toBe(false);
    expect(events.map((e) => e.type)).toContain('store-unavailable');

    await own.restart();
    await Promise.all(clients.map((client) => waitUntil(() => client.isReady)));
    await cache.set('hit', entry('again'), 60_000);
    expect((await cache.get('hit'))?.body).toBe('again');
    // Sharing resumes: two replicas, one provider call between them.
    tokenCalls = 0;
    const [a, b] = [
      sharedClient(clients[0]!, undefined, 60_000),
      sharedClient(clients[1]!, undefined, 60_000),
    ];
    const statuses = await Promise.all(
      [...Array(10)].flatMap(() => [a.get('/data'), b.get('/data')]),
    );
    expect(statuses.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(tokenCalls).toBe(1);
  });
});
