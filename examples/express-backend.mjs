// npm run build && node examples/express-backend.mjs
// An Express backend that calls an upstream API with a token and an API key, through the built
// package. The script starts the upstream API and the backend on 127.0.0.1, calls the backend as
// a browser would, prints what each server received, and stops both.
import assert from 'node:assert/strict';
import http from 'node:http';
import express from 'express';
import { cachedCredential, createClient, isHttpStatusError, Path, syncClient } from 'axios-dequest';

/** @param {http.RequestListener | express.Express} handler */
function listen(handler) {
  const server = http.createServer(handler);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        server,
        origin: `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`,
      }),
    ),
  );
}

// The upstream API: wants `Authorization: Bearer <token>` and `x-api-key`, knows users 1 and 2.
const USERS = { 1: { id: 1, name: 'Alice' }, 2: { id: 2, name: 'Bob' } };
let tokensIssued = 0;
const upstream = await listen((req, res) => {
  const { authorization, 'x-api-key': key } = req.headers;
  console.log(
    `  upstream: ${req.method} ${req.url} authorization=${authorization} x-api-key=${key}`,
  );
  res.setHeader('content-type', 'application/json');
  if (!authorization?.startsWith('Bearer token-') || key !== 'backend-key') {
    res.statusCode = 401;
    res.end('{"error":"unauthorized"}');
    return;
  }
  const user = USERS[/** @type {'1' | '2'} */ (req.url?.split('/').pop())];
  res.statusCode = user ? 200 : 404;
  res.end(JSON.stringify(user ?? { error: 'no such user' }));
});

// The backend. One client for the upstream API, made once: the token is fetched once and kept
// for a minute, whatever the number of concurrent requests.
const users = createClient({
  baseURL: upstream.origin,
  authToken: cachedCredential(async () => `token-${++tokensIssued}`, { ttl: 60_000 }),
  apiKey: process.env.UPSTREAM_API_KEY ?? 'backend-key',
  timeout: 5_000,
});

// A declared call through that client: failures come as HttpStatusError (with the upstream's
// status) or TimeoutError, so the route can answer in kind.
const getUser = syncClient({
  client: users,
  url: '/users/{id}',
  params: { id: Path({ type: Number }) },
})(function getUser(/** @type {{ id: number | string }} */ _args) {});

const app = express();
app.get('/profile/:id', async (req, res) => {
  try {
    res.json({ profile: await getUser({ id: req.params.id }) });
  } catch (error) {
    if (isHttpStatusError(error) && error.status === 404) {
      res.status(404).json({ error: 'not found' });
      return;
    }
    res.status(502).json({ error: 'upstream failed' });
  }
});
const backend = await listen(app);

try {
  console.log('GET /profile/1 and /profile/2 at once, then /profile/9');
  const [alice, bob, missing] = await Promise.all([
    fetch(`${backend.origin}/profile/1`),
    fetch(`${backend.origin}/profile/2`),
    fetch(`${backend.origin}/profile/9`),
  ]);
  assert.deepEqual(await alice.json(), { profile: USERS[1] });
  assert.deepEqual(await bob.json(), { profile: USERS[2] });
  assert.equal(missing.status, 404);
  assert.equal(tokensIssued, 1, 'one token for three concurrent upstream calls');
  console.log(`  the backend answered 200, 200, 404; tokens fetched: ${tokensIssued}`);
} finally {
  backend.server.close();
  upstream.server.close();
}
