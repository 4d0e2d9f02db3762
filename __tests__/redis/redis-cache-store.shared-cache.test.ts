// Two users on one shared response cache, from separate processes: each gets their own body,
// a third process with alice's credentials hits alice's entry, and Redis holds nothing that
// names them or their credentials. (At the store level: the cache layer's own test repeats
// this through createClient once it lands.)
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
import { startWorker } from './workers';

jest.setTimeout(60_000);

describeWithRedis('alice and bob on one Redis cache from two processes', () => {
  let redis: NodeRedis;
  let api: TestServer;
  const namespace = uniqueNamespace();
  const users = {
    alice: {
      token: `tok-${randomUUID()}`,
      apiKey: `key-${randomUUID()}`,
      body: { id: 1, plan: 'gold' },
    },
    bob: {
      token: `tok-${randomUUID()}`,
      apiKey: `key-${randomUUID()}`,
      body: { id: 2, plan: 'free' },
    },
  };

  beforeAll(async () => {
    redis = await connectNodeRedis();
    api = await startServer((req, res) => {
      const user = Object.values(users).find(
        (u) => req.headers.authorization === `Bearer ${u.token}`,
      );
      res.statusCode = user ? 200 : 401;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(user?.body ?? {}));
    });
  });
  afterAll(async () => {
    await deleteKeys(redis, `${namespace}:*`);
    await api.close();
    redis.destroy();
  });

  test('each gets their own body, a third process shares alice’s entry, and no key or value names them', async () => {
    const env = {
      REDIS_URL,
      NAMESPACE: namespace,
      API_URL: api.origin,
      KEY_SECRET: randomBytes(32).toString('hex'),
    };
    const [aliceProcess, bobProcess, thirdProcess] = await Promise.all(
      [1, 2, 3].map(() => startWorker('cache-worker.ts', env)),
    );
    const get = (worker: typeof aliceProcess, user: typeof users.alice) =>
      worker!.call<{ body: unknown; hit: boolean }>('get', {
        path: '/me',
        token: user.token,
        apiKey: user.apiKey,
      });

    expect(await get(aliceProcess, users.alice)).toEqual({ body: users.alice.body, hit: false });
    expect(await get(bobProcess, users.bob)).toEqual({ body: users.bob.body, hit: false });
    expect(await get(bobProcess, users.bob)).toEqual({ body: users.bob.body, hit: true });
    expect(await get(thirdProcess, users.alice)).toEqual({ body: users.alice.body, hit: true });
    expect(api.requests).toHaveLength(2);

    const dump = JSON.stringify(await dumpKeys(redis, `${namespace}:*`));
    for (const secret of [
      'alice',
      'bob',
      users.alice.token,
      users.alice.apiKey,
      users.bob.token,
      users.bob.apiKey,
    ]) {
      expect(dump).not.toContain(secret);
    }
    expect(dump).toContain('gold'); // the bodies are there: the dump is real

    await redis.sendCommand(['SET', `other:${namespace}:x`, 'foreign', 'PX', '60000']);
    await aliceProcess!.call('clear');
    expect(await redis.sendCommand(['GET', `other:${namespace}:x`])).toBe('foreign');
    expect(await dumpKeys(redis, `${namespace}:*`)).toEqual([]);
    await redis.sendCommand(['UNLINK', `other:${namespace}:x`]);
  });
});
