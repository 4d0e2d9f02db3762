// Runs in a fresh project that installed the packed tarball: `require` must get the CJS build,
// with axios as the consumer's own copy, and send the credential over a real socket.
const assert = require('node:assert/strict');
const http = require('node:http');
const { inspect } = require('node:util');
const axios = require('axios');
const {
  createClient,
  attachAuth,
  attachResilience,
  CircuitBreaker,
  syncClient,
  cachedCredential,
  DequestError,
  CredentialError,
  oauthClientCredentials,
  oauthRefreshToken,
  isOAuthError,
} = require('axios-dequest');

assert.equal(typeof createClient, 'function');
assert.equal(typeof attachAuth, 'function');
assert.ok(new CredentialError('authToken', 'bad token') instanceof DequestError);
assert.match(require.resolve('axios-dequest'), /dist[\\/]index\.cjs$/);

const received = [];
const tokenRequests = [];
// A token endpoint for client `app` with secret `s:cret` (RFC 6749 §2.3.1: urlencoded, then base64).
const tokenEndpoint = (req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    tokenRequests.push(new URLSearchParams(body));
    const ok =
      req.headers.authorization === `Basic ${Buffer.from('app:s%3Acret').toString('base64')}`;
    res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
    res.end(
      ok
        ? '{"access_token":"at","expires_in":60,"token_type":"Bearer","refresh_token":"rt2"}'
        : '{"error":"invalid_client"}',
    );
  });
};
// Paths under /r/ answer 503 the first time each is asked, then 200.
const hits = new Map();
const flaky = (req, res) => {
  hits.set(req.url, (hits.get(req.url) ?? 0) + 1);
  res.writeHead(hits.get(req.url) === 1 ? 503 : 200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ path: req.url }));
};
const server = http.createServer((req, res) => {
  if (req.url === '/token') return tokenEndpoint(req, res);
  if (req.url.startsWith('/r/')) return flaky(req, res);
  received.push(req.headers);
  res.setHeader('content-type', 'application/json');
  res.end('{"ok":true}');
});

server.listen(0, '127.0.0.1', async () => {
  try {
    const baseURL = `http://127.0.0.1:${server.address().port}`;
    const client = createClient({ baseURL, authToken: 't' });
    const response = await client.get('/me');
    assert.deepEqual(response.data, { ok: true });
    await client.get('/public', { skipAuth: true });
    assert.equal(received[0].authorization, 'Bearer t');
    assert.equal(received[1].authorization, undefined);
    // dequest's seed example, as a plain function, with a cached key provider.
    const getData = syncClient({
      url: `${baseURL}/data`,
      authToken: 'your_static_token',
      apiKey: cachedCredential(async () => 'cached-key', { ttl: 60_000 }),
    })(function getData() {});
    assert.deepEqual(await getData(), { ok: true });
    assert.equal(received[2].authorization, 'Bearer your_static_token');
    assert.equal(received[2]['x-api-key'], 'cached-key');

    // OAuth: one token request for two calls; a rotated refresh token handed to onTokens; a
    // wrong secret is an OAuthError naming invalid_client, and printing it shows no secret.
    const oauth = { tokenUrl: `${baseURL}/token`, clientId: 'app', clientSecret: 's:cret' };
    const service = createClient({ baseURL, authToken: oauthClientCredentials(oauth) });
    await Promise.all([service.get('/a'), service.get('/b')]);
    assert.equal(tokenRequests.length, 1);
    assert.equal(tokenRequests[0].get('grant_type'), 'client_credentials');
    assert.deepEqual(
      [received[3].authorization, received[4].authorization],
      ['Bearer at', 'Bearer at'],
    );
    const saved = [];
    const user = createClient({
      baseURL,
      authToken: oauthRefreshToken({
        ...oauth,
        refreshToken: 'rt1',
        onTokens: (t) => saved.push(t),
      }),
    });
    await user.get('/me');
    assert.equal(tokenRequests[1].get('refresh_token'), 'rt1');
    assert.deepEqual(
      saved.map((t) => [t.accessToken, t.refreshToken]),
      [['at', 'rt2']],
    );
    const wrong = createClient({
      baseURL,
      authToken: oauthClientCredentials({ ...oauth, clientSecret: 'wr0ng-s3cret' }),
    });
    const error = await wrong.get('/x').catch((e) => e);
    assert.ok(isOAuthError(error) && error instanceof CredentialError);
    assert.equal(error.oauthError, 'invalid_client');
    assert.ok(!inspect(error, { depth: Infinity }).includes('wr0ng-s3cret'));
    assert.equal(received.length, 6); // /a, /b, /me: nothing sent without a token

    // Resilience: createClient with retries, a breaker and a cache; attachResilience on axios's own.
    const breaker = new CircuitBreaker({ failureThreshold: 3 });
    const resilient = createClient({
      baseURL,
      authToken: 't',
      retries: 2,
      retryDelay: 10,
      circuitBreaker: breaker,
      cache: true,
    });
    assert.deepEqual((await resilient.get('/r/users')).data, { path: '/r/users' });
    const again = await resilient.get('/r/users');
    assert.equal(again.cached, true);
    assert.equal(hits.get('/r/users'), 2); // a 503, a 200, then the cache
    assert.equal(breaker.state, 'CLOSED');
    const plain = axios.create({ baseURL });
    const detachResilience = attachResilience(plain, { retries: 1, retryDelay: 10 });
    assert.equal((await plain.get('/r/plain')).status, 200);
    assert.equal(hits.get('/r/plain'), 2);
    detachResilience();
    // A declared call with retries and a breaker: a 503 is retried; once the breaker is open,
    // its fallback gets the call's arguments and is the result.
    const declaredBreaker = new CircuitBreaker({
      failureThreshold: 1,
      fallback: ({ id }) => ({ id, offline: true }),
    });
    const declare = (path, retries) =>
      syncClient({
        url: `${baseURL}/r/${path}/{id}`,
        retries,
        retryDelay: 10,
        circuitBreaker: declaredBreaker,
      })(function declaredCall() {});
    const getItem = declare('items', 1);
    assert.deepEqual(await getItem({ id: 1 }), { path: '/r/items/1' });
    assert.equal(hits.get('/r/items/1'), 2);
    await assert.rejects(declare('fragile', 0)({ id: 2 }), /status 503/);
    assert.equal(declaredBreaker.state, 'OPEN');
    assert.deepEqual(await getItem({ id: 3 }), { id: 3, offline: true });
    assert.equal(hits.get('/r/items/3'), undefined);
    console.log(
      'cjs: require(axios-dequest) sent Authorization: Bearer t, OAuth tokens, retried and cached, declared calls too',
    );
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  } finally {
    server.close();
  }
});
