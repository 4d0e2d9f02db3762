// The Redis stores end to end, through the public client surface: real processes, each with
// createClient({ cache: { store: createRedisCacheStore(...) }, circuitBreaker: new
// CircuitBreaker({ store: createRedisBreakerStore(...) }), retries }), against one loopback API
// and the real Redis. What one replica learns (a response, an outage, a Retry-After) serves or
// protects the others.
import { randomBytes, randomUUID } from 'node:crypto';
import { createRedisBreakerStore } from '../../src/redis';
import { startServer, type TestServer } from '../helpers/server';
import {
  connectNodeRedis,
  deleteKeys,
  describeWithRedis,
  dumpKeys,
  REDIS_URL,
  uniqueNamespace,
  type NodeRedis,
} from './redis-env';
import { startWorker, type Worker, until, wait } from './workers';

// Real processes on a loaded 2-core machine: no bound here is tight.
jest.setTimeout(120_000);

type Outcome =
  | { status: number; body: unknown; cached: boolean }
  | { open: string }
  | { failed: number | string };

describeWithRedis('createClient replicas sharing Redis (real Redis, real processes)', () => {
  let redis: NodeRedis;
  let api: TestServer;
  let namespace: string;
  /** When each request reached the API (ms, this process's clock). */
  let arrivals: number[];
  const users = {
    alice: { token: `tok-${randomUUID()}`, body: { id: 1, name: 'alice', plan: 'gold' } },
    bob: { token: `tok-${randomUUID()}`, body: { id: 2, name: 'bob', plan: 'free' } },
  };

  beforeAll(async () => {
    redis = await connectNodeRedis();
  });
  afterAll(() => redis.destroy());
  beforeEach(async () => {
    namespace = uniqueNamespace();
    arrivals = [];
    api = await startServer();
  });
  afterEach(async () => {
    await deleteKeys(redis, `${namespace}:*`);
    await api.close();
  });

  const answer = (status: number, headers: Record<string, string> = {}) =>
    api.handle((_req, res) => {
      arrivals.push(performance.now());
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end('{}');
    });
  const replicas = (count: number, env: Record<string, string> = {}): Promise<Worker[]> =>
    Promise.all(
      Array.from({ length: count }, () =>
        startWorker('client-worker.ts', {
          REDIS_URL,
          NAMESPACE: namespace,
          API_URL: api.origin,
          KEY_SECRET: randomBytes(32).toString('hex'),
          ...env,
        }),
      ),
    );
  const get = (worker: Worker, args: { path?: string; token?: string; count?: number } = {}) =>
    worker.call<Outcome[]>('get', { path: '/data', token: 'service-token', ...args });

  describe('the response cache', () => {
    const KEY_SECRET = randomBytes(32).toString('hex');
    const meServer = () =>
      api.handle((req, res) => {
        const user = Object.values(users).find(
          (u) => req.headers.authorization === `Bearer ${u.token}`,
        );
        res.writeHead(user ? 200 : 401, { 'content-type': 'application/json' });
        res.end(JSON.stringify(user?.body ?? {}));
      });

    test("alice's cached /me is served to alice in another process without a request, never to bob", async () => {
      meServer();
      const [one, two, three] = await replicas(3, { CACHE: '1', KEY_SECRET });
      const me = (worker: Worker, user: typeof users.alice) =>
        get(worker, { path: '/me', token: user.token });

      expect(await me(one!, users.alice)).toEqual([
        { status: 200, body: users.alice.body, cached: false },
      ]);
      expect(await me(two!, users.alice)).toEqual([
        { status: 200, body: users.alice.body, cached: true },
      ]);
      expect(await me(two!, users.bob)).toEqual([
        { status: 200, body: users.bob.body, cached: false },
      ]);
      expect(await me(three!, users.bob)).toEqual([
        { status: 200, body: users.bob.body, cached: true },
      ]);
      expect(await me(three!, users.alice)).toEqual([
        { status: 200, body: users.alice.body, cached: true },
      ]);
      expect(api.requests.map((r) => r.headers.authorization)).toEqual([
        `Bearer ${users.alice.token}`,
        `Bearer ${users.bob.token}`,
      ]);

      // Redis holds both bodies, and neither a token nor a user's name in any key.
      const dump = await dumpKeys(redis, `${namespace}:*`);
      expect(JSON.stringify(dump)).toContain('gold');
      const text = JSON.stringify(dump);
      for (const secret of [users.alice.token, users.bob.token]) expect(text).not.toContain(secret);
      for (const { key } of dump) expect(key).not.toMatch(/alice|bob/);
    });

    test('50 concurrent identical GETs in each of 3 processes: one request per process at most, every caller gets the body', async () => {
      meServer();
      const workers = await replicas(3, { CACHE: '1', KEY_SECRET });

      const results = await Promise.all(
        workers.map((worker) => get(worker, { path: '/me', token: users.alice.token, count: 50 })),
      );

      const flat = results.flat();
      expect(flat).toHaveLength(150);
      for (const outcome of flat) expect(outcome).toMatchObject({ body: users.alice.body });
      // One in flight per key in each process; a process that finds Redis already holding the
      // entry sends none.
      expect(api.requests.length).toBeGreaterThanOrEqual(1);
      expect(api.requests.length).toBeLessThanOrEqual(3);
    });

    test('replicas with different key secrets never read each other’s entries', async () => {
      meServer();
      const [one] = await replicas(1, { CACHE: '1', KEY_SECRET });
      const [other] = await replicas(1, {
        CACHE: '1',
        KEY_SECRET: randomBytes(32).toString('hex'),
      });

      await get(one!, { path: '/me', token: users.alice.token });
      expect(await get(other!, { path: '/me', token: users.alice.token })).toEqual([
        { status: 200, body: users.alice.body, cached: false },
      ]);
      expect(api.requests).toHaveLength(2);
    });
  });

  describe('the circuit breaker', () => {
    test("dequest's breaker test across processes: threshold 3, retries: 2, always 500 → A opens it after 9 requests, B sends nothing", async () => {
      const [a, b] = await replicas(2, { THRESHOLD: '3', RETRIES: '2', RETRY_DELAY: '0' });
      answer(500);

      for (let call = 0; call < 3; call++) expect(await get(a!)).toEqual([{ failed: 500 }]);
      expect(api.requests).toHaveLength(9);

      expect(await get(b!, { count: 5 })).toEqual(Array(5).fill({ open: 'OPEN' }));
      expect(await get(a!)).toEqual([{ open: 'OPEN' }]);
      expect(api.requests).toHaveLength(9);
      expect(await b!.call<string[]>('events')).toContain('breaker-state-change');
    });

    test('404s and 401s from every replica never open the shared breaker', async () => {
      const [a, b] = await replicas(2, { THRESHOLD: '2' });
      answer(404);
      expect(await get(a!, { count: 5 })).toEqual(Array(5).fill({ failed: 404 }));
      answer(401);
      expect(await get(b!, { count: 5 })).toEqual(Array(5).fill({ failed: 401 }));
      answer(200);

      expect(await get(a!)).toMatchObject([{ status: 200 }]);
      expect(await get(b!)).toMatchObject([{ status: 200 }]);
    });

    test('at recovery time, 3 processes x 10 concurrent requests send exactly one probe; its success closes the breaker for all', async () => {
      // The replicas' probes hold their slot for 60 s (their recoveryTimeout), far longer than
      // a busy machine takes to start 30 requests; this process trips the breaker with 300 ms.
      const workers = await replicas(3, { THRESHOLD: '2' });
      const tripper = createRedisBreakerStore({ client: redis, namespace, logger: null });
      for (let i = 0; i < 2; i++) await tripper.recordFailure('orders-api', 2, 300);
      await wait(350); // the open time, on Redis's clock as on this one
      // The probe is held until every other request has been answered.
      const held: (() => void)[] = [];
      api.handle((_req, res) => {
        held.push(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
      });

      const round = Promise.all(workers.map((worker) => get(worker, { count: 10 })));
      await until(async () => {
        const settled = await Promise.all(workers.map((w) => w.call<number>('settled')));
        return settled.reduce((sum, n) => sum + n, 0) === 29 && api.requests.length > 0;
      }, '29 refused requests and one at the API');
      expect(api.requests).toHaveLength(1);
      held.forEach((release) => release());
      const results = (await round).flat();

      expect(results.filter((r) => 'status' in r && r.status === 200)).toHaveLength(1);
      expect(results.filter((r) => 'open' in r && r.open === 'HALF_OPEN')).toHaveLength(29);
      answer(200);
      const after = await Promise.all(workers.map((worker) => get(worker, { count: 10 })));
      expect(after.flat()).toEqual(Array(30).fill({ status: 200, body: {}, cached: false }));
    });

    test("a 429's Retry-After seen by one replica makes another replica's request wait for it, and the first retries after it", async () => {
      const [a, b] = await replicas(2, { THRESHOLD: '100', RETRIES: '1', RETRY_DELAY: '0' });
      let first = true;
      api.handle((_req, res) => {
        arrivals.push(performance.now());
        const status = first ? 429 : 200;
        first = false;
        res.writeHead(status, { 'content-type': 'application/json', 'retry-after': '1' });
        res.end('{}');
      });

      const retried = get(a!);
      // A has its 429 and wrote the cool-down to Redis.
      const coolDown = `${namespace}:cool-down:${api.origin}`;
      await until(async () => Number(await redis.exists(coolDown)) === 1, "A's cool-down");
      const waited = get(b!);
      expect(await retried).toMatchObject([{ status: 200 }]);
      expect(await waited).toMatchObject([{ status: 200 }]);

      // Three arrivals: A's 429, then A's retry and B's request, both after the Retry-After.
      expect(arrivals).toHaveLength(3);
      for (const later of arrivals.slice(1)) {
        expect(later - arrivals[0]!).toBeGreaterThanOrEqual(1_000 - 20);
      }
    });
  });
});
