// A shared breaker on a Redis of the test's own that freezes, dies and comes back: every call
// is still answered within timeoutMs (plus the work of the servers), the breaker goes on
// protecting this process on its own meanwhile, and is shared again once Redis is back.
import type { AxiosError } from 'axios';
import type { DequestEvent } from '../../src/events/dequest-event';
import { createRedisBreakerStore } from '../../src/redis';
import type { NodeRedisClient } from '../../src/redis';
import { CircuitBreaker, isCircuitBreakerOpenError } from '../../src/resilience';
import { startServer, type TestServer } from '../helpers/server';
import { resilientClient } from '../resilience/helpers/wire';
import { connectNodeRedis, describeWithRedis, uniqueNamespace, type NodeRedis } from './redis-env';
import { startOwnRedis, waitUntil, type OwnRedis } from './redis-server';

jest.setTimeout(60_000);

const TIMEOUT_MS = 100;
// What a busy 2-core machine may add to one loopback call; node-redis alone waits 5,000 ms.
const SLACK_MS = 1_500;
// How long the store decides alone after a failed command (redis-breaker-store.ts).
const PAUSE_MS = 1_000;

/** Polls `ready` for at most 3 s. */
async function waitUntilAsync(ready: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 3_000;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error('not so after 3 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const timed = async <T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> => {
  const started = Date.now();
  const result = await work();
  return { result, ms: Date.now() - started };
};
const outcome = (promise: Promise<{ status: number }>): Promise<number | string> =>
  promise.then(
    (response) => response.status,
    (error: unknown) =>
      isCircuitBreakerOpenError(error)
        ? 'open'
        : ((error as AxiosError).response?.status ?? String(error)),
  );

describeWithRedis('a shared breaker when Redis freezes, dies and comes back', () => {
  let own: OwnRedis;
  let clients: NodeRedis[];
  let api: TestServer;
  let namespace: string;

  beforeAll(async () => {
    own = await startOwnRedis();
    clients = await Promise.all([connectNodeRedis(own.url), connectNodeRedis(own.url)]);
    api = await startServer((req, res) => {
      res.statusCode = req.url === '/down' ? 503 : 200;
      res.end('{}');
    });
  });
  afterAll(async () => {
    clients.forEach((client) => client.destroy());
    await api.close();
    await own.kill();
  });
  beforeEach(() => {
    namespace = uniqueNamespace();
  });
  afterEach(async () => {
    own.thaw();
    for (const client of clients) await waitUntil(() => client.isReady);
  });

  /** A client that counts the commands it sends. */
  const counting = (client: NodeRedis) => {
    const counter = { sent: 0, client: undefined as unknown as NodeRedisClient };
    counter.client = {
      sendCommand: (args: string[]) => {
        counter.sent++;
        return client.sendCommand(args);
      },
      get isReady() {
        return client.isReady;
      },
    };
    return counter;
  };
  const replica = (client: NodeRedisClient, options: object = {}) => {
    const events: DequestEvent[] = [];
    const store = createRedisBreakerStore({
      client,
      namespace,
      timeoutMs: TIMEOUT_MS,
      logger: null,
      onEvent: (e) => events.push(e),
      ...options,
    });
    const breaker = new CircuitBreaker({ name: 'api', store, failureThreshold: 3 });
    const http = resilientClient({ baseURL: api.origin, circuitBreaker: breaker });
    return { store, breaker, http, events };
  };

  test('a frozen Redis costs one timeoutMs; then the process decides alone for a second (no command, no wait), and its breaker still opens', async () => {
    const counter = counting(clients[0]!);
    const { http, events } = replica(counter.client, { maxStalenessMs: 0 });
    expect(await outcome(http.get('/data'))).toBe(200);
    own.freeze();
    const sentBefore = counter.sent;

    const first = await timed(() => outcome(http.get('/data')));
    const started = Date.now();
    const rest: (number | string)[] = [];
    for (let i = 0; i < 20; i++) rest.push(await outcome(http.get('/data')));
    for (let i = 0; i < 3; i++) rest.push(await outcome(http.get('/down')));
    const refused = await outcome(http.get('/data'));
    const elapsed = Date.now() - started;

    expect(first.result).toBe(200);
    expect(first.ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
    expect(first.ms).toBeLessThan(TIMEOUT_MS + SLACK_MS);
    expect(rest).toEqual([...Array(20).fill(200), 503, 503, 503]);
    // The breaker of this process alone counted the three failures, and opened.
    expect(refused).toBe('open');
    // One command for the first call, then at most one a second while Redis stays frozen.
    expect(counter.sent - sentBefore).toBeLessThanOrEqual(1 + Math.ceil(elapsed / PAUSE_MS));
    expect(events.filter((e) => e.type === 'store-unavailable')).toHaveLength(1);
  });

  test('a probe slot that a frozen Redis grants after the caller gave up is given back when the late answer comes', async () => {
    const { store } = replica(clients[0]!);
    for (let i = 0; i < 2; i++) await store.recordFailure('api', 2, 100);
    await new Promise((resolve) => setTimeout(resolve, 150));
    own.freeze();

    // After timeoutMs, the call goes on as a probe of this process alone.
    expect(await store.acquireProbe('api', 1, 60_000)).toBe(true);

    own.thaw();
    // One connection answers in order: once this PING is back, the late script has run.
    await clients[0]!.sendCommand(['PING']);
    const slots = `${namespace}:breaker-probes:api`;
    await waitUntilAsync(async () => Number(await clients[1]!.sendCommand(['ZCARD', slots])) === 0);
    // Another replica may probe now, not after the 60 s lease.
    const other = createRedisBreakerStore({ client: clients[1]!, namespace, logger: null });
    expect(await other.acquireProbe('api', 1, 60_000)).toBe(true);
  });

  test('Redis killed mid-run: 100 calls all answered, each within timeoutMs + server time; after a restart the breaker is shared again', async () => {
    const a = replica(clients[0]!);
    const durations: number[] = [];
    for (let i = 0; i < 100; i++) {
      if (i === 30) await own.kill();
      const call = await timed(() => outcome(a.http.get('/data')));
      expect(call.result).toBe(200);
      durations.push(call.ms);
      await new Promise((resolve) => setTimeout(resolve, 5)); // let the local view go stale now and then
    }
    expect(Math.max(...durations)).toBeLessThan(TIMEOUT_MS + SLACK_MS);
    expect(a.events.map((e) => e.type)).toContain('store-unavailable');

    await own.restart();
    await Promise.all(clients.map((client) => waitUntil(() => client.isReady)));
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS + 100));
    // Redis is back (empty): A's failures are counted there again, and B sees the breaker open.
    for (let i = 0; i < 3; i++) expect(await outcome(a.http.get('/down'))).toBe(503);
    const b = replica(clients[1]!);
    const before = api.requests.length;

    expect(await outcome(b.http.get('/data'))).toBe('open');
    expect(api.requests.length).toBe(before);
    expect(a.events.map((e) => e.type)).toContain('store-recovered');
  });
});
