// A real OAuth 2.0 authorization server (oidc-provider) and a resource server that verifies its
// JWT access tokens against the provider's JWKS (jose), both on 127.0.0.1, in a child process:
// oidc-provider and jose are ESM-only, and jest's CommonJS module system cannot load them.
// authorization-server.ts beside it starts this script and reads one JSON line
// from stdout with the three origins. The admin origin lets a test read what the servers saw,
// mint a first refresh token, rotate the signing keys, and move the servers' clock.
import http from 'node:http';
import Provider from 'oidc-provider';
// oidc-provider's own in-memory adapter, with one store for every Provider instance made here,
// so grants and refresh tokens survive a key rotation (a new instance with new keys).
import { createMemoryAdapter } from 'oidc-provider/lib/adapters/memory_adapter.js';
import { exportJWK, generateKeyPair, createLocalJWKSet, jwtVerify } from 'jose';

// The servers' clock: tests move it instead of waiting (oidc-provider and jose read Date.now).
const realNow = Date.now;
let clockOffset = 0;
Date.now = () => realNow() + clockOffset;

// A secret with the characters RFC 6749 §2.3.1 makes a client encode (':' '%' '+' ' ' '&' '=').
// oidc-provider accepts only visible ASCII in a client_secret (RFC 6749 Appendix A.5), so the
// non-ASCII case is tested against a token endpoint written in the tests.
const HOSTILE_SECRET = 's3cr:et%2B+ key=1&x~';

const listen = (handler) =>
  new Promise((resolve) => {
    const server = http.createServer(handler);
    server.keepAliveTimeout = 1;
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, origin: `http://127.0.0.1:${server.address().port}` }),
    );
  });

const readBody = (req) =>
  new Promise((resolve) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });

const json = (res, status, body) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

let provider;
const issuerSite = await listen((req, res) => provider.callback()(req, res));
const issuer = issuerSite.origin;
const resourceSite = await listen(serveResource);
const RESOURCE = `${resourceSite.origin}/`;
const adminSite = await listen(serveAdmin);

const state = {
  accessTokenTTL: 300,
  tokenRequests: [],
  revokedGrants: 0,
  apiRequests: [],
  jwks: undefined,
};

async function signingKeys() {
  // RS256 for ID tokens (oidc-provider's default), ES256 for the access tokens.
  const rsa = await generateKeyPair('RS256', { extractable: true });
  const ec = await generateKeyPair('ES256', { extractable: true });
  const stamp = `${realNow()}-${Math.random().toString(36).slice(2)}`;
  return [
    { ...(await exportJWK(rsa.privateKey)), kid: `rs-${stamp}`, alg: 'RS256', use: 'sig' },
    { ...(await exportJWK(ec.privateKey)), kid: `ec-${stamp}`, alg: 'ES256', use: 'sig' },
  ];
}

const clients = [
  { client_id: 'cc-basic', token_endpoint_auth_method: 'client_secret_basic' },
  { client_id: 'cc-post', token_endpoint_auth_method: 'client_secret_post' },
].map((client) => ({
  ...client,
  client_secret: HOSTILE_SECRET,
  grant_types: ['client_credentials'],
  response_types: [],
  redirect_uris: [],
}));
clients.push({
  client_id: 'rt-client',
  client_secret: HOSTILE_SECRET,
  token_endpoint_auth_method: 'client_secret_basic',
  grant_types: ['authorization_code', 'refresh_token'],
  response_types: ['code'],
  redirect_uris: ['http://127.0.0.1/callback'],
});
// A public client (no secret): it identifies itself with client_id in the form body.
clients.push({
  client_id: 'rt-public',
  token_endpoint_auth_method: 'none',
  grant_types: ['authorization_code', 'refresh_token'],
  response_types: ['code'],
  redirect_uris: ['http://127.0.0.1/callback'],
});

const adapter = createMemoryAdapter();

async function makeProvider() {
  const next = new Provider(issuer, {
    adapter,
    clients,
    jwks: { keys: await signingKeys() },
    findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub }) }),
    features: {
      clientCredentials: { enabled: true },
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: 'api:read',
          audience: RESOURCE,
          accessTokenTTL: state.accessTokenTTL,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'ES256' } },
        }),
      },
    },
    scopes: ['openid', 'offline_access', 'api:read'],
    // Every refresh rotates the refresh token; a rotated one used again revokes the grant.
    rotateRefreshToken: true,
    ttl: { RefreshToken: 14 * 24 * 3600, Grant: 14 * 24 * 3600 },
  });
  next.use(async (ctx, nextMiddleware) => {
    if (ctx.path !== '/token') return nextMiddleware();
    const authorization = ctx.get('authorization');
    await nextMiddleware();
    const params = ctx.oidc?.params ?? {};
    state.tokenRequests.push({
      status: ctx.status,
      grantType: params.grant_type,
      clientId: ctx.oidc?.client?.clientId,
      clientAuth: authorization.startsWith('Basic ') ? 'basic' : 'post',
      refreshToken: params.refresh_token,
      issuedRefreshToken: ctx.status === 200 ? ctx.body?.refresh_token : undefined,
      error: ctx.status >= 400 ? ctx.body?.error : undefined,
      at: realNow(),
    });
  });
  next.on('grant.revoked', () => {
    state.revokedGrants += 1;
  });
  return next;
}

async function loadJwks() {
  const response = await fetch(`${issuer}/jwks`);
  state.jwks = createLocalJWKSet(await response.json());
}

async function serveResource(req, res) {
  await readBody(req);
  const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  const record = { path: req.url, token, status: 401, at: realNow() };
  state.apiRequests.push(record);
  if (token === undefined) return json(res, 401, { error: 'invalid_request' });
  try {
    const { payload } = await jwtVerify(token, state.jwks, {
      issuer,
      audience: RESOURCE,
      currentDate: new Date(Date.now()),
    });
    record.status = 200;
    json(res, 200, { path: req.url, sub: payload.sub, clientId: payload.client_id });
  } catch (error) {
    res.setHeader('www-authenticate', 'Bearer error="invalid_token"');
    json(res, 401, { error: 'invalid_token', reason: error.code });
  }
}

async function mintRefreshToken(accountId, clientId) {
  const client = await provider.Client.find(clientId);
  const grant = new provider.Grant({ accountId, clientId: client.clientId });
  grant.addOIDCScope('openid offline_access');
  grant.addResourceScope(RESOURCE, 'api:read');
  const grantId = await grant.save();
  const refreshToken = new provider.RefreshToken({
    accountId,
    client,
    grantId,
    gty: 'authorization_code',
    scope: 'openid offline_access api:read',
    resource: RESOURCE,
    iiat: Math.floor(Date.now() / 1000),
  });
  return refreshToken.save();
}

async function serveAdmin(req, res) {
  const body = await readBody(req);
  const input = body ? JSON.parse(body) : {};
  try {
    switch (`${req.method} ${req.url}`) {
      case 'GET /stats':
        return json(res, 200, {
          tokenRequests: state.tokenRequests,
          revokedGrants: state.revokedGrants,
          apiRequests: state.apiRequests,
        });
      case 'POST /reset':
        state.tokenRequests = [];
        state.apiRequests = [];
        state.revokedGrants = 0;
        state.accessTokenTTL = input.accessTokenTTL ?? 300;
        return json(res, 200, {});
      case 'POST /clock':
        clockOffset += input.advanceMs;
        return json(res, 200, { now: Date.now() });
      case 'POST /refresh-token':
        return json(res, 200, {
          refreshToken: await mintRefreshToken(
            input.accountId ?? 'user-1',
            input.clientId ?? 'rt-client',
          ),
        });
      case 'POST /rotate-keys':
        // A new provider instance with new keys and the same store. The resource server
        // trusts only the new JWKS.
        provider = await makeProvider();
        await loadJwks();
        return json(res, 200, {});
      default:
        return json(res, 404, {});
    }
  } catch (error) {
    return json(res, 500, { error: String(error?.stack ?? error) });
  }
}

provider = await makeProvider();
await loadJwks();
process.stdout.write(
  JSON.stringify({
    issuer,
    tokenUrl: `${issuer}/token`,
    resource: resourceSite.origin,
    admin: adminSite.origin,
    secret: HOSTILE_SECRET,
  }) + '\n',
);
// The test ends this process by closing its stdin (or killing it by pid).
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
