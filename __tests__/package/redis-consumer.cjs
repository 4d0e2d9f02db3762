// Runs in a fresh project that installed the packed tarball and node-redis: `require` of the
// subpath must get the CJS build, share DequestError with the main entry, and work on a real
// Redis (REDIS_URL). Without a Redis: a one-line skip, or a failure under CI=true.
const assert = require('node:assert/strict');
const http = require('node:http');
const { randomBytes, randomUUID } = require('node:crypto');
const { createClient: createRedisClient } = require('redis');
const {
  createClient,
  cachedCredential,
  CircuitBreaker,
  DequestError,
  isCircuitBreakerOpenError,
  isConfigurationError,
  oauthClientCredentials,
  oauthRefreshToken,
} = require('axios-dequest');
const {
  createRedisBreakerStore,
  createRedisCacheStore,
  createRedisCredentialStore,
  RedisUnavailableError,
} = require('axios-dequest/redis');

assert.match(require.resolve('axios-dequest/redis'), /dist[\\/]redis\.cjs$/);
assert.ok(new RedisUnavailableError('timeout', 'GET', 'slow') instanceof DequestError);

const url = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

(async () => {
  const redis = createRedisClient({ url, socket: { reconnectStrategy: false } });
  redis.on('error', () => {});
  try {
    await redis.connect();
  } catch {
    if (process.env.CI === 'true')
      throw new Error(`no Redis at ${url}: CI must run the Redis checks`);
    console.log(`cjs: skipping axios-dequest/redis at runtime: no Redis answers at ${url}`);
    return;
  }
  const namespace = `test:package:${randomUUID()}`;
  let tokenRequests = 0;
  const apiRequests = { me: 0, down: 0 };
  const server = http.createServer((req, res) => {
    if (req.url === '/down') return (apiRequests.down++, res.writeHead(503).end());
    if (req.url === '/me') apiRequests.me++;
    if (req.url !== '/token') return res.end(req.headers.authorization);
    tokenRequests++;
    res.setHeader('content-type', 'application/json');
    res.end(
      `{"access_token":"at${tokenRequests}","expires_in":60,"refresh_token":"rt${tokenRequests + 1}"}`,
    );
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const cache = createRedisCacheStore({ client: redis, namespace });
    const entry = {
      status: 200,
      statusText: 'OK',
      headers: {},
      body: '1',
      encoding: 'text',
      storedAt: 1,
      expiresAt: 2,
      staleUntil: 3,
    };
    await cache.set('k', entry, 10_000);
    assert.deepEqual(await cache.get('k'), entry);
    await cache.clear();
    assert.equal(await cache.get('k'), undefined);

    const store = createRedisCredentialStore({
      client: redis,
      namespace,
      encryptionKey: randomBytes(32),
    });
    let calls = 0;
    const provider = async () => `shared-${++calls}`;
    const baseURL = `http://127.0.0.1:${server.address().port}`;
    const [a, b] = [1, 2].map(() =>
      createClient({
        baseURL,
        authToken: cachedCredential(provider, { ttl: 10_000, store, key: 'api' }),
      }),
    );
    const bodies = await Promise.all([a.get('/'), b.get('/'), a.get('/')]);
    assert.deepEqual(
      bodies.map((r) => r.data),
      ['Bearer shared-1', 'Bearer shared-1', 'Bearer shared-1'],
    );
    assert.equal(calls, 1);
    console.log('cjs: require(axios-dequest/redis) shared one token through Redis');

    // Two clients' breakers on one Redis: the failures of one open it for the other.
    const [one, other] = [1, 2].map(
      () =>
        new CircuitBreaker({
          name: 'api',
          failureThreshold: 2,
          store: createRedisBreakerStore({ client: redis, namespace }),
        }),
    );
    for (let i = 0; i < 2; i++) await one.record(await one.admit(), 'failure');
    const refused = await other.admit();
    assert.equal(refused.allowed, false);
    assert.equal(refused.state, 'OPEN');
    console.log('cjs: a breaker opened by one client is open for another through Redis');

    // The OAuth providers with the store: two replicas, one token request each way.
    const oauth = { tokenUrl: `${baseURL}/token`, clientId: 'app', clientSecret: 's:cret', store };
    const services = [1, 2].map(() =>
      createClient({ baseURL, authToken: oauthClientCredentials(oauth) }),
    );
    const served = await Promise.all(services.flatMap((s) => [s.get('/'), s.get('/')]));
    assert.deepEqual(new Set(served.map((r) => r.data)), new Set(['Bearer at1']));
    const saved = [];
    const users = [1, 2].map(() =>
      createClient({
        baseURL,
        authToken: oauthRefreshToken({
          ...oauth,
          key: 'session:1',
          refreshToken: 'rt1',
          onTokens: (tokens) => saved.push(tokens.refreshToken),
        }),
      }),
    );
    const mine = await Promise.all(users.map((u) => u.get('/')));
    assert.deepEqual(
      mine.map((r) => r.data),
      ['Bearer at2', 'Bearer at2'],
    );
    assert.deepEqual([tokenRequests, saved], [2, ['rt3']]);
    console.log('cjs: the OAuth providers shared their tokens through Redis');

    // createClient with a Redis response cache and a Redis-backed breaker, as two replicas
    // set it up: one's cached response serves the other, one's failures open it for the other.
    const keySecret = randomBytes(32).toString('base64');
    const replicas = [1, 2].map(() =>
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
      () => createClient({ baseURL, cache: { store: createRedisCacheStore({ client: redis }) } }),
      (e) => isConfigurationError(e) && /keySecret/.test(e.message),
    );
    console.log('cjs: createClient shared its response cache and its breaker through Redis');
  } finally {
    const keys = await redis.sendCommand(['KEYS', `${namespace}:*`]);
    if (keys.length > 0) await redis.sendCommand(['UNLINK', ...keys]);
    redis.destroy();
    server.close();
  }
})().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
