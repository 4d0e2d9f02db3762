// Runs in a fresh project that installed the packed tarball: `require` must get the CJS build,
// with axios as the consumer's own copy, and send the credential over a real socket.
const assert = require('node:assert/strict');
const http = require('node:http');
const {
  createClient,
  attachAuth,
  syncClient,
  cachedCredential,
  DequestError,
  CredentialError,
} = require('axios-dequest');

assert.equal(typeof createClient, 'function');
assert.equal(typeof attachAuth, 'function');
assert.ok(new CredentialError('authToken', 'bad token') instanceof DequestError);
assert.match(require.resolve('axios-dequest'), /dist[\\/]index\.cjs$/);

const received = [];
const server = http.createServer((req, res) => {
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
    console.log('cjs: require(axios-dequest) sent Authorization: Bearer t');
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  } finally {
    server.close();
  }
});
