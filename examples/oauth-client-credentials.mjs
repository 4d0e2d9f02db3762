// npm run build && node examples/oauth-client-credentials.mjs
// The OAuth 2.0 client credentials grant through the built package, against a token endpoint and
// an API that this script starts on 127.0.0.1. Each line the servers print is what they received.
import http from 'node:http';
import { createClient, isOAuthError, oauthClientCredentials } from 'axios-dequest';

const CLIENT_ID = 'orders-service';
const CLIENT_SECRET = 's3cr:et+ü'; // RFC 6749 §2.3.1 encoding makes ':', '+' and 'ü' safe

/** @param {http.RequestListener} handler */
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

/** @param {http.IncomingMessage} req */
const bodyOf = (req) =>
  new Promise((resolve) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => resolve(body));
  });

// The token endpoint: Basic client authentication, form-urlencoded id and secret (RFC 6749).
let issued = 0;
let valid = new Set();
const auth = await listen(async (req, res) => {
  const form = new URLSearchParams(await bodyOf(req));
  const basic = Buffer.from((req.headers.authorization ?? '').slice(6), 'base64').toString();
  const [id, secret] = basic.split(':').map((part) => decodeURIComponent(part.replace(/\+/g, ' ')));
  res.setHeader('content-type', 'application/json');
  if (id !== CLIENT_ID || secret !== CLIENT_SECRET) {
    console.log(`  token endpoint: ${form.get('grant_type')} for ${id} -> 401 invalid_client`);
    res.statusCode = 401;
    res.end(JSON.stringify({ error: 'invalid_client', error_description: 'bad client secret' }));
    return;
  }
  const token = `token-${++issued}`;
  valid.add(token);
  console.log(`  token endpoint: ${form.get('grant_type')} scope=${form.get('scope')} -> ${token}`);
  res.end(JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: 3600 }));
});

// The API accepts the tokens the endpoint issued and has not revoked.
const api = await listen((req, res) => {
  const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
  const ok = valid.has(token);
  console.log(`  api: ${req.method} ${req.url} with ${token || '(none)'} -> ${ok ? 200 : 401}`);
  res.statusCode = ok ? 200 : 401;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ path: req.url }));
});

const client = createClient({
  baseURL: api.origin,
  authToken: oauthClientCredentials({
    tokenUrl: `${auth.origin}/oauth/token`,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    scope: ['orders:read'],
  }),
  refreshOn: [401],
});

console.log('5 concurrent calls: one token request');
await Promise.all([1, 2, 3, 4, 5].map((id) => client.get(`/orders/${id}`)));

console.log('the token is revoked: the rejected call gets a new token and is sent again');
valid = new Set();
await client.get('/orders/6');

console.log('a wrong secret: an OAuthError, the request is not sent');
const wrong = createClient({
  baseURL: api.origin,
  authToken: oauthClientCredentials({
    tokenUrl: `${auth.origin}/oauth/token`,
    clientId: CLIENT_ID,
    clientSecret: 'not-the-secret',
  }),
});
try {
  await wrong.get('/orders/7');
} catch (error) {
  console.log(
    `  ${isOAuthError(error) ? error.oauthError : 'unexpected'}: ${/** @type {Error} */ (error).message}`,
  );
}

auth.server.close();
api.server.close();
