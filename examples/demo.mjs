// npm run demo: a local API on 127.0.0.1 and real calls through the built package.
// Everything printed under "server received" is what the server saw on the wire.
import http from 'node:http';
import axios from 'axios';
import {
  attachAuth,
  cachedCredential,
  createClient,
  HttpMethod,
  isCredentialError,
  Path,
  syncClient,
} from 'axios-dequest';

function startServer(name) {
  const server = http.createServer((req, res) => {
    const { authorization, 'x-api-key': apiKey } = req.headers;
    console.log(
      `  ${name} received ${req.method} ${req.url}  authorization=${authorization ?? '(none)'}  x-api-key=${apiKey ?? '(none)'}`,
    );
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ ok: true, path: req.url }));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        server,
        origin: `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`,
      }),
    ),
  );
}

const api = await startServer('api     ');
const other = await startServer('other   ');

try {
  console.log('\n1. createClient with a static token (dequest: auth_token="your_static_token")');
  const staticClient = createClient({ baseURL: api.origin, authToken: 'your_static_token' });
  await staticClient.get('/data');

  console.log('\n2. A rotating token provider, called on every request, plus a static api key');
  let n = 0;
  const rotating = createClient({
    baseURL: api.origin,
    authToken: async () => `rotating-token-${++n}`,
    apiKey: 'your_static_api_key',
  });
  await rotating.get('/protected');
  await rotating.get('/protected');

  console.log('\n3. attachAuth on an axios instance you already have, with a key provider');
  const existing = axios.create({ baseURL: api.origin });
  const detach = attachAuth(existing, { apiKey: () => 'your_dynamic_api_key' });
  await existing.get('/keys');
  detach();
  await existing.get('/keys-after-detach');

  console.log('\n4. A call to another origin: the credentials stay home');
  await rotating.get(`${other.origin}/not-our-api`);

  console.log('\n5. A credential that cannot be sent: caught before anything goes out');
  const broken = createClient({
    baseURL: api.origin,
    authToken: () => 'token-with-a-line-break\r\nX-Injected: 1',
  });
  try {
    await broken.get('/never-sent');
  } catch (error) {
    if (!isCredentialError(error)) throw error;
    console.log(`  caught ${error.name} for ${error.credential}: ${error.message}`);
    console.log('  (the server printed nothing for /never-sent)');
  }
  console.log("\n6. A declared call, as dequest's sync_client, with a cached token fetched once");
  let fetches = 0;
  const getUser = syncClient({
    url: `${api.origin}/users/{user_id}`,
    method: HttpMethod.GET,
    params: { user_id: Path({ type: Number }) },
    authToken: cachedCredential(async () => `cached-token-${++fetches}`, { ttl: 60_000 }),
  })(function getUser(/** @type {{ user_id: number }} */ _args) {});
  const [first] = await Promise.all([getUser({ user_id: 1 }), getUser({ user_id: 2 })]);
  console.log(
    `  getUser resolved to ${JSON.stringify(first)}; the token was fetched ${fetches} time(s)`,
  );
  console.log('\nDone.');
} finally {
  api.server.close();
  other.server.close();
}
