// Runs in a fresh project that installed the packed tarball: `import` must get the ESM build,
// export the same names as the CJS build, and send the credential over a real socket.
import assert from 'node:assert/strict';
import http from 'node:http';
import { createRequire } from 'node:module';
import { once } from 'node:events';
import * as esm from 'axios-dequest';
import { createClient, attachAuth, ConfigurationError } from 'axios-dequest';

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
const server = http.createServer((req, res) => {
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
  console.log('esm: import from axios-dequest sent Authorization: Bearer t');
} finally {
  server.close();
}
