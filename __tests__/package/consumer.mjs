// Runs in a fresh project that installed the packed tarball: `import` must get the ESM build,
// export the same names as the CJS build, and send the credential over a real socket.
import assert from 'node:assert/strict';
import http from 'node:http';
import { createRequire } from 'node:module';
import { once } from 'node:events';
import * as esm from 'axios-dequest';
import axios from 'axios';
import { createClient, attachAuth, attachResilience, ConfigurationError } from 'axios-dequest';

const cjs = createRequire(import.meta.url)('axios-dequest');
assert.equal(typeof createClient, 'function');
assert.equal(typeof attachAuth, 'function');
assert.deepEqual(
  Object.keys(esm).sort(),
  Object.keys(cjs).sort(),
  'ESM and CJS export the same names',
);
assert.match(import.meta.resolve('axios-dequest'), /dist\/index\.mjs$/);
// Loaded twice (an ESM and a CJS copy): `instanceof` fails across copies, the brand guards do not.
assert.equal(cjs.isDequestError(new ConfigurationError('wrong option')), true);
assert.equal(esm.isConfigurationError(new cjs.ConfigurationError('wrong option')), true);
const status = { status: 404, statusText: 'Not Found', headers: {}, data: null };
assert.equal(esm.isHttpStatusError(new cjs.HttpStatusError('404', status)), true);
assert.equal(cjs.isTimeoutError(new esm.TimeoutError('timed out', 30_000)), true);
const oauthError = new esm.OAuthError('refused', { tokenEndpoint: 'POST https://a.example/t' });
assert.equal(cjs.isOAuthError(oauthError) && cjs.isCredentialError(oauthError), true);

const received = [];
const hits = new Map();
const server = http.createServer((req, res) => {
  // Paths under /r/ answer 503 the first time each is asked, then 200.
  if (req.url.startsWith('/r/')) {
    hits.set(req.url, (hits.get(req.url) ?? 0) + 1);
    res.writeHead(hits.get(req.url) === 1 ? 503 : 200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
    return;
  }
  received.push(req.headers);
  res.setHeader('content-type', 'application/json');
  res.end('{"ok":true}');
});
server.listen(0, '127.0.0.1');
await once(server, 'listening');
try {
  const baseURL = `http://127.0.0.1:${server.address().port}`;
  const client = createClient({ baseURL, authToken: 't' });
  const response = await client.get('/me');
  assert.deepEqual(response.data, { ok: true });
  await client.get('/public', { skipAuth: true });
  assert.equal(received[0].authorization, 'Bearer t');
  assert.equal(received[1].authorization, undefined);
  // Resilience: createClient with retries, a breaker and a cache; attachResilience on axios's own.
  const breaker = new esm.CircuitBreaker({ failureThreshold: 3 });
  const resilient = createClient({
    baseURL,
    retries: 2,
    retryDelay: 10,
    circuitBreaker: breaker,
    cache: { ttl: 60_000 },
  });
  await resilient.get('/r/users');
  assert.equal((await resilient.get('/r/users')).cached, true);
  assert.equal(hits.get('/r/users'), 2);
  const plain = axios.create({ baseURL });
  const detach = attachResilience(plain, { retries: 1, retryDelay: 10 });
  await plain.get('/r/plain');
  assert.equal(hits.get('/r/plain'), 2);
  detach();
  // A declared call with retries and a breaker: a 503 is retried; once the breaker is open,
  // its fallback gets the call's arguments and is the result.
  const declaredBreaker = new esm.CircuitBreaker({
    failureThreshold: 1,
    fallback: ({ id }) => ({ id, offline: true }),
  });
  const declare = (path, retries) =>
    esm.syncClient({
      url: `${baseURL}/r/${path}/{id}`,
      retries,
      retryDelay: 10,
      circuitBreaker: declaredBreaker,
    })(function declaredCall() {});
  const getItem = declare('items', 1);
  assert.deepEqual(await getItem({ id: 1 }), { ok: true });
  assert.equal(hits.get('/r/items/1'), 2);
  await assert.rejects(declare('fragile', 0)({ id: 2 }), /status 503/);
  assert.deepEqual(await getItem({ id: 3 }), { id: 3, offline: true });
  assert.equal(hits.get('/r/items/3'), undefined);
  console.log(
    'esm: import from axios-dequest sent Authorization: Bearer t, retried and cached, declared calls too',
  );
} finally {
  server.close();
}
