// `node bench/redis.mjs [--quick]` (after `npm run build`; needs REDIS_URL, default
// redis://127.0.0.1:6379): what sharing through Redis costs and saves. Markdown to stdout.
// - provider calls for 4 processes x 250 concurrent requests (shared, in-memory, a peer);
// - the hot path of a shared cachedCredential against the in-memory one (target <= 1.05x);
// - a cache hit from Redis on loopback (store-level get, node-redis and ioredis);
// - a call through a CircuitBreaker on the Redis store against the in-memory breaker, and how
//   soon another replica sees a trip (bench/redis-breaker.mjs).
// `measureRedis(settings, log)` returns the same lines for a runner that calls it.
import { fork } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import { createClient as createRedisClient } from 'redis';
import { cachedCredential, createClient } from 'axios-dequest';
import { createRedisCacheStore, createRedisCredentialStore } from 'axios-dequest/redis';
import { describeMachine } from './machine.mjs';
import { breakerReport, measureBreaker } from './redis-breaker.mjs';
import { median, quantile, ratioSummary } from './stats.mjs';
import { inProcessAdapter } from './transports.mjs';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const FULL = { processes: 4, requests: 250, rounds: 21, perRound: 2_000, gets: 5_000, trials: 20 };
const QUICK = { processes: 4, requests: 250, rounds: 3, perRound: 200, gets: 200, trials: 3 };
const PROVIDER_DELAY_MS = 5;

async function countAcrossProcesses(settings, contender, namespace, encryptionKey) {
  let calls = 0;
  const server = http.createServer((_req, res) => {
    calls++;
    setTimeout(() => res.end(JSON.stringify({ token: 'bench-token' })), PROVIDER_DELAY_MS);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  const tokenURL = `http://127.0.0.1:${port}/token`;
  const args = {
    contender,
    tokenURL,
    redisURL: REDIS_URL,
    namespace,
    encryptionKey,
    requests: settings.requests,
  };
  const replica = fileURLToPath(new URL('./redis-replica.mjs', import.meta.url));
  const children = Array.from({ length: settings.processes }, () =>
    fork(replica, [JSON.stringify(args)]),
  );
  try {
    await Promise.all(
      children.map((child) => new Promise((resolve) => child.once('message', resolve))),
    );
    const done = children.map((child) => new Promise((resolve) => child.once('message', resolve)));
    children.forEach((child) => child.send('go'));
    const failed = (await Promise.all(done)).reduce((sum, { failed: n }) => sum + n, 0);
    return { calls, failed };
  } finally {
    children.forEach((child) => child.kill());
    server.close();
  }
}

// Rounds alternate which contender goes first; the ratio is taken round by round.
async function hotPath(settings, redis, namespace, encryptionKey) {
  const adapter = inProcessAdapter();
  const baseURL = 'http://127.0.0.1:9';
  const store = createRedisCredentialStore({ client: redis, namespace, encryptionKey });
  const provider = async () => 'bench-token';
  const clients = {
    memory: createClient({
      baseURL,
      adapter,
      authToken: cachedCredential(provider, { ttl: 3_600_000 }),
    }),
    shared: createClient({
      baseURL,
      adapter,
      authToken: cachedCredential(provider, { ttl: 3_600_000, store, key: 'hot' }),
    }),
  };
  const times = { memory: [], shared: [] };
  const measure = async (name) => {
    const started = process.cpuUsage();
    for (let i = 0; i < settings.perRound; i++) await clients[name].get('/r');
    const { user, system } = process.cpuUsage(started);
    times[name].push((user + system) / settings.perRound);
  };
  for (const name of ['memory', 'shared']) await measure(name); // warm-up, dropped
  times.memory.length = times.shared.length = 0;
  for (let round = 0; round < settings.rounds; round++) {
    const order = round % 2 ? ['shared', 'memory'] : ['memory', 'shared'];
    for (const name of order) await measure(name);
  }
  return {
    memory: median(times.memory),
    shared: median(times.shared),
    ratio: ratioSummary(times.shared, times.memory),
  };
}

async function cacheHits(settings, client, namespace) {
  const store = createRedisCacheStore({ client, namespace });
  const now = Date.now();
  const body = JSON.stringify({
    items: Array.from({ length: 20 }, (_, i) => ({ id: i, name: `item ${i}`, tags: ['a', 'b'] })),
  });
  /** @type {import('axios-dequest').CacheEntry} */
  const entry = {
    status: 200,
    statusText: 'OK',
    headers: { 'content-type': 'application/json' },
    body,
    encoding: 'json',
    storedAt: now,
    expiresAt: now + 60_000,
    staleUntil: now + 60_000,
  };
  await store.set('hit', entry, 60_000);
  const micros = [];
  for (let i = 0; i < settings.gets; i++) {
    const started = performance.now();
    if ((await store.get('hit')) === undefined) throw new Error('a miss in the hit benchmark');
    micros.push((performance.now() - started) * 1000);
  }
  await store.clear();
  return {
    bytes: JSON.stringify(entry).length,
    p50: quantile(micros, 0.5),
    p99: quantile(micros, 0.99),
  };
}

/** @param {(line: string) => void} [log] */
export async function measureRedis(settings = FULL, log = () => {}) {
  const namespace = `bench:${process.pid}:${randomUUID()}`;
  const encryptionKey = randomBytes(32).toString('base64');
  const redis = await createRedisClient({ url: REDIS_URL }).connect();
  const io = new Redis(REDIS_URL);
  redis.on('error', () => {});
  try {
    const calls = {};
    for (const contender of ['shared', 'memory', 'token-interceptor', 'plain']) {
      calls[contender] = await countAcrossProcesses(settings, contender, namespace, encryptionKey);
      log(`provider calls: ${contender}`);
    }
    const hot = await hotPath(settings, redis, namespace, encryptionKey);
    log('hot path');
    const hits = {
      'node-redis': await cacheHits(settings, redis, namespace),
      ioredis: await cacheHits(settings, io, namespace),
    };
    log('cache hits');
    const breaker = await measureBreaker(settings, redis, io);
    log('circuit breaker');
    return report(settings, calls, hot, hits, breaker);
  } finally {
    await redis.sendCommand([
      'UNLINK',
      `${namespace}:credential:bench`,
      `${namespace}:credential:hot`,
    ]);
    redis.destroy();
    io.disconnect();
  }
}

function report(settings, calls, hot, hits, breaker) {
  const m = describeMachine();
  const total = settings.processes * settings.requests;
  const row = (label, { calls: n, failed }) => `| ${label} | ${n} | ${failed} |`;
  const us = (value) => value.toFixed(1);
  return [
    '### Many processes (Redis)',
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.os}; Node ${m.node}; Redis on loopback (${REDIS_URL.replace(/\/\/.*@/, '//')}).`,
    '',
    `#### Provider calls: ${settings.processes} processes × ${settings.requests} concurrent requests (${total} in all), a ${PROVIDER_DELAY_MS} ms token endpoint`,
    '',
    '| Contender | provider calls | failed requests |',
    '| --- | ---: | ---: |',
    row('`cachedCredential` + `createRedisCredentialStore`', calls.shared),
    row('`cachedCredential` (in memory, per process)', calls.memory),
    row('axios-token-interceptor `tokenCache` (per process)', calls['token-interceptor']),
    row('a plain async provider, no cache', calls.plain),
    '',
    `#### Hot path: CPU µs per request, in-process adapter, ${settings.rounds} rounds × ${settings.perRound} requests`,
    '',
    '| `cachedCredential` | µs/request | × in memory |',
    '| --- | ---: | ---: |',
    `| in memory | ${us(hot.memory)} | 1 |`,
    `| shared through Redis (a local copy) | ${us(hot.shared)} | ${hot.ratio.median.toFixed(3)} (${hot.ratio.p25.toFixed(3)}–${hot.ratio.p75.toFixed(3)}) |`,
    '',
    `#### Cache hit from Redis on loopback: \`store.get\` of a ${hits['node-redis'].bytes}-byte entry, ${settings.gets} sequential gets`,
    '',
    '| Client | p50 µs | p99 µs |',
    '| --- | ---: | ---: |',
    ...Object.entries(hits).map(
      ([client, { p50, p99 }]) => `| ${client} | ${us(p50)} | ${us(p99)} |`,
    ),
    '',
    ...breakerReport(settings, breaker),
  ].join('\n');
}

if (import.meta.url === pathToFileURL(/** @type {string} */ (process.argv[1])).href) {
  const settings = process.argv.includes('--quick') ? QUICK : FULL;
  const log = (line) => process.stderr.write(`bench redis: ${line}\n`);
  console.log(await measureRedis(settings, log));
}
