// Replicas in real processes share one circuit breaker and the servers' Retry-After through the
// real Redis: one replica's failures open it for all, one probe runs across all of them at
// recovery time, and a 429 seen by one makes the others wait.
import { createRedisBreakerStore } from '../../src/redis';
import { startServer, type TestServer } from '../helpers/server';
import {
  connectNodeRedis,
  deleteKeys,
  describeWithRedis,
  REDIS_URL,
  uniqueNamespace,
  type NodeRedis,
} from './redis-env';
import { startWorker, type Worker, until, wait } from './workers';

jest.setTimeout(120_000);

type Result = number | string;
describeWithRedis('a circuit breaker shared by processes (real Redis, real processes)', () => {
  let redis: NodeRedis;
  let api: TestServer;
  let namespace: string;
  /** When each request reached the API (ms, this process's clock). */
  let arrivals: number[];

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
      res.writeHead(status, headers).end('{}');
    });
  const replicas = (count: number, threshold: number, recoveryMs: number): Promise<Worker[]> =>
    Promise.all(
      Array.from({ length: count }, () =>
        startWorker('breaker-worker.ts', {
          REDIS_URL,
          NAMESPACE: namespace,
          API_URL: api.origin,
          THRESHOLD: String(threshold),
          RECOVERY_MS: String(recoveryMs),
        }),
      ),
    );
  const requests = (worker: Worker, count: number) => worker.call<Result[]>('requests', { count });

  test('failures seen by process A open the breaker for process B: B sends nothing', async () => {
    const [a, b] = await replicas(2, 3, 60_000);
    answer(503);

    expect(await requests(a!, 3)).toEqual([503, 503, 503]);
    expect(await requests(b!, 5)).toEqual(Array(5).fill('open:OPEN'));
    expect(await requests(a!, 1)).toEqual(['open:OPEN']);
    expect(api.requests).toHaveLength(3);
  });

  test('at recovery time, 3 processes x 10 concurrent requests send exactly one probe; its success closes the breaker for all', async () => {
    // The replicas' probes hold their slot for 60 s (their recoveryTimeout), far longer than a
    // busy machine takes to start 30 requests; another replica (this process) tripped the
    // breaker with a 300 ms open time.
    const workers = await replicas(3, 2, 60_000);
    const tripper = createRedisBreakerStore({ client: redis, namespace, logger: null });
    for (let i = 0; i < 2; i++) await tripper.recordFailure('orders-api', 2, 300);
    await wait(350); // the open time, on Redis's clock as on this one
    // Probes are held until every other request has been answered.
    const held: (() => void)[] = [];
    api.handle((_req, res) => {
      held.push(() => res.end('{}'));
    });

    const round = Promise.all(workers.map((worker) => requests(worker, 10)));
    await until(async () => {
      const settled = await Promise.all(workers.map((w) => w.call<number>('settled')));
      return settled.reduce((sum, n) => sum + n, 0) === 29 && api.requests.length > 0;
    }, '29 refused requests and one at the API');
    expect(api.requests).toHaveLength(1);
    held.forEach((release) => release());
    const results = (await round).flat();

    expect(results.filter((r) => r === 200)).toHaveLength(1);
    expect(results.filter((r) => r === 'open:HALF_OPEN')).toHaveLength(29);
    answer(200);
    const after = await Promise.all(workers.map((worker) => requests(worker, 10)));
    expect(after.flat()).toEqual(Array(30).fill(200));
  });

  test("a 429's Retry-After seen by one replica is in Redis for the others", async () => {
    const [a, b] = await replicas(2, 100, 60_000);
    answer(429, { 'retry-after': '30' });

    expect(await requests(a!, 1)).toEqual([429]);

    const left = await b!.call<number>('coolDownRemaining', { origin: api.origin });
    expect(left).toBeGreaterThan(20_000);
    expect(left).toBeLessThanOrEqual(30_000);
  });

  test("a 429's Retry-After seen by one replica makes the next request of another wait for it", async () => {
    const [a, b] = await replicas(2, 100, 60_000);
    answer(429, { 'retry-after': '1' });
    expect(await requests(a!, 1)).toEqual([429]);
    answer(200);

    expect(await requests(b!, 1)).toEqual([200]);

    // B's request left once the cool-down A recorded (after the 429 was sent) had ended.
    expect(arrivals).toHaveLength(2);
    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(1_000 - 20);
  });
});
