// Runs in a fresh project that installed the packed tarball and ioredis: `import` of the subpath
// must get the ESM build, export the same names as the CJS build, share DequestError with the
// main entry, and work with an ioredis client on a real Redis (REDIS_URL).
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { Redis } from 'ioredis';
import * as esm from 'axios-dequest/redis';
import { CircuitBreaker, DequestError, cachedCredential, isDequestError } from 'axios-dequest';

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
  } finally {
    await redis.call('UNLINK', `${namespace}:credential:api`, `${namespace}:breaker:api`);
    redis.disconnect();
  }
}
