// Runs in a fresh project that installed the packed tarball and ioredis: `import` of the subpath
// must get the ESM build, export the same names as the CJS build, share DequestError with the
// main entry, and work with an ioredis client on a real Redis (REDIS_URL).
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import { createRequire } from 'node:module';
import { Redis } from 'ioredis';
import * as esm from 'axios-dequest/redis';
import {
  CircuitBreaker,
  DequestError,
  cachedCredential,
  createClient,
  isCircuitBreakerOpenError,
  isConfigurationError,
  isDequestError,
} from 'axios-dequest';

const cjs = createRequire(import.meta.url)('axios-dequest/redis');
assert.deepEqual(
  Object.keys(esm).sort(),
  Object.keys(cjs).sort(),
  'ESM and CJS export the same names',
);
assert.match(import.meta.resolve('axios-dequest/redis'), /dist\/redis\.mjs$/);
assert.ok(new esm.RedisUnavailableError('timeout', 'GET', 'slow') instanceof DequestError);
assert.ok(isDequestError(new cjs.RedisUnavailableError('timeout', 'GET', 'slow')));
assert.ok(esm.isRedisUnavailableError(new cjs.RedisUnavailableError('timeout', 'GET', 'slow')));

const url = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const redis = new Redis(url, {
  lazyConnect: true,
  retryStrategy: () => null,
  maxRetriesPerRequest: 0,
});
redis.on('error', () => {});
let connected = true;
await redis.connect().catch(() => (connected = false));
if (!connected) {
  if (process.env.CI === 'true')
    throw new Error(`no Redis at ${url}: CI must run the Redis checks`);
  console.log(`esm: skipping axios-dequest/redis at runtime: no Redis answers at ${url}`);
} else {
  const namespace = `test:package:${randomUUID()}`;
  try {
    const store = esm.createRedisCredentialStore({
      client: redis,
      namespace,
      encryptionKey: randomBytes(32),
    });
    let calls = 0;
    const token = cachedCredential(async () => `t${++calls}`, { ttl: 10_000, store, key: 'api' });
    const other = cachedCredential(async () => `t${++calls}`, { ttl: 10_000, store, key: 'api' });
    const ctx = { config: {}, refresh: false };
    assert.deepEqual(await Promise.all([token(ctx), other(ctx)]), ['t1', 't1']);
    assert.equal(calls, 1);
    const cache = esm.createRedisCacheStore({ client: redis, namespace });
    await cache.clear();
    console.log(
      'esm: import from axios-dequest/redis shared one token through Redis (ioredis client)',
    );

    // Two clients' breakers, one from each module format: one trips it, the other is refused.
    const [tripper, watcher] = [esm, cjs].map(
      ({ createRedisBreakerStore }) =>
        new CircuitBreaker({
          name: 'api',
          failureThreshold: 2,
          store: createRedisBreakerStore({ client: redis, namespace }),
        }),
    );
    for (let i = 0; i < 2; i++) await tripper.record(await tripper.admit(), 'failure');
    const refused = await watcher.admit();
    assert.equal(refused.allowed, false);
    assert.equal(refused.state, 'OPEN');
    console.log('esm: a breaker opened by one client is open for another through Redis');

    // createClient with a Redis response cache and a Redis-backed breaker (ioredis), as two
    // replicas set it up: one's cached response serves the other, one's failures open it for both.
    const apiRequests = { me: 0, down: 0 };
    const server = http.createServer((req, res) => {
      if (req.url === '/down') return (apiRequests.down++, res.writeHead(503).end());
      apiRequests.me++;
      res.end(req.headers.authorization);
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const baseURL = `http://127.0.0.1:${server.address().port}`;
      const keySecret = randomBytes(32);
      const replicas = [esm, cjs].map(({ createRedisCacheStore, createRedisBreakerStore }) =>
        createClient({
          baseURL,
          authToken: 'alice-token',
          cache: { store: createRedisCacheStore({ client: redis, namespace }), keySecret },
          circuitBreaker: new CircuitBreaker({
            name: 'api-through-clients',
            failureThreshold: 2,
            store: createRedisBreakerStore({ client: redis, namespace }),
          }),
        }),
      );
      const first = await replicas[0].get('/me');
      const second = await replicas[1].get('/me');
      assert.deepEqual(
        [first.data, first.cached, second.data, second.cached, apiRequests.me],
        ['Bearer alice-token', undefined, 'Bearer alice-token', true, 1],
      );
      for (let i = 0; i < 2; i++)
        await assert.rejects(replicas[0].get('/down'), (e) => e.response.status === 503);
      await assert.rejects(replicas[1].get('/down'), (e) => isCircuitBreakerOpenError(e));
      assert.equal(apiRequests.down, 2);
      assert.throws(
        () =>
          createClient({ baseURL, cache: { store: esm.createRedisCacheStore({ client: redis }) } }),
        (e) => isConfigurationError(e) && /keySecret/.test(e.message),
      );
      console.log('esm: createClient shared its response cache and its breaker through Redis');
    } finally {
      server.close();
    }
  } finally {
    const keys = await redis.call('KEYS', `${namespace}:*`);
    if (keys.length > 0) await redis.call('UNLINK', ...keys);
    redis.disconnect();
  }
}
