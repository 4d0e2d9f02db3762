// Replicas in real processes share one credential through the real Redis: one provider call for
// all of them, one refresh after a rotation, and a crashed lock holder costs at most lockTtl.
import { randomBytes, randomUUID } from 'node:crypto';
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
import { startWorker, type Worker } from './workers';

jest.setTimeout(120_000);

interface Upstream {
  token: TestServer;
  api: TestServer;
  /** Provider calls that reached the token endpoint. */
  calls(): number;
  rotate(): string;
  current(): string;
  /** The token endpoint takes this long to answer; `Infinity`: never. */
  setDelay(ms: number): void;
}

// A token endpoint and an API that accepts only the current token, both on loopback: what all
// processes see, so provider calls are counted across them.
async function startUpstream(): Promise<Upstream> {
  let current = `tok-${randomUUID()}`;
  let delay = 200;
  let calls = 0;
  const token = await startServer(async (_req, res) => {
    calls++;
    const issued = current;
    if (delay === Infinity) return; // hangs: the caller dies first
    await new Promise((resolve) => setTimeout(resolve, delay));
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ token: issued }));
  });
  const api = await startServer((req, res) => {
    res.statusCode = req.headers.authorization === `Bearer ${current}` ? 200 : 401;
    res.end('{}');
  });
  return {
    token,
    api,
    calls: () => calls,
    rotate: () => (current = `tok-${randomUUID()}`),
    current: () => current,
    setDelay: (ms) => (delay = ms),
  };
}

describeWithRedis('a shared cachedCredential across processes (real Redis, real processes)', () => {
  let redis: NodeRedis;
  let upstream: Upstream;
  let namespace: string;
  const encryptionKey = randomBytes(32).toString('base64');

  beforeAll(async () => {
    redis = await connectNodeRedis();
  });
  afterAll(() => redis.destroy());
  beforeEach(async () => {
    namespace = uniqueNamespace();
    upstream = await startUpstream();
  });
  afterEach(async () => {
    await deleteKeys(redis, `${namespace}:*`);
    await Promise.all([upstream.token.close(), upstream.api.close()]);
  });

  const replicas = (count: number, lockTtl = 10_000): Promise<Worker[]> =>
    Promise.all(
      Array.from({ length: count }, () =>
        startWorker('credential-worker.ts', {
          REDIS_URL,
          NAMESPACE: namespace,
          ENCRYPTION_KEY: encryptionKey,
          LOCK_TTL: String(lockTtl),
          CREDENTIAL_KEY: 'orders-api',
          TOKEN_URL: upstream.token.origin,
          API_URL: upstream.api.origin,
        }),
      ),
    );
  type Run = { statuses: (number | string)[]; ms: number };
  const run = (workers: Worker[], count: number): Promise<Run[]> =>
    Promise.all(workers.map((worker) => worker.call<Run>('requests', { count })));

  test('3 processes x 50 concurrent requests make 1 provider call; after a rotation, the 401 wave makes 1 refresh', async () => {
    const workers = await replicas(3);

    const first = await run(workers, 50);

    expect(first.flatMap((r) => r.statuses)).toEqual(Array(150).fill(200));
    expect(upstream.calls()).toBe(1);
    const outcomes = await Promise.all(workers.map((w) => w.call<string[]>('outcomes')));
    expect(outcomes.flat().sort()).toEqual(['fetched', 'shared', 'shared']);

    upstream.rotate();
    const second = await run(workers, 50);

    expect(second.flatMap((r) => r.statuses)).toEqual(Array(150).fill(200));
    expect(upstream.calls()).toBe(2);
    // A Redis dump shows neither token, and the key names are the namespace and the key.
    const dump = await dumpKeys(redis, `${namespace}:*`);
    expect(dump.map((d) => d.key)).toEqual([`${namespace}:credential:orders-api`]);
    const text = JSON.stringify(dump);
    expect(text).not.toContain(upstream.current());
    expect(text).not.toContain(upstream.current().slice(4, 20));
  });

  test('a lock holder killed mid-fetch delays the others by at most lockTtl, then one more provider call serves them', async () => {
    const lockTtl = 2_000;
    const [holder, ...others] = await replicas(3, lockTtl);
    upstream.setDelay(Infinity);
    const held = holder!.call('requests', { count: 1 }).catch(() => 'killed');
    while (upstream.calls() === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const lockedAt = Date.now();
    upstream.setDelay(50);
    const waiting = run(others, 20);
    await holder!.kill();

    const results = await waiting;

    expect(await held).toBe('killed');
    expect(results.flatMap((r) => r.statuses)).toEqual(Array(40).fill(200));
    expect(upstream.calls()).toBe(2);
    // Within lockTtl of the lock being taken, plus the second call: generous for a busy machine.
    expect(Date.now() - lockedAt).toBeLessThan(lockTtl + 5_000);
  });
});
