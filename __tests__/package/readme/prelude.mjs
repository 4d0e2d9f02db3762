// Loaded before each README example (scripts/readme-snippets.mjs): a server on 127.0.0.1 that
// answers every request the examples make (to api.example.com or any other host) (a JSON user, or an OAuth token), and
// the names the examples assume (tokens.current() …), defined as globals.d.ts types them.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import axios from 'axios';
import { createClient as createRedisClient } from 'redis';

const server = http.createServer((req, res) => {
  res.setHeader('content-type', 'application/json');
  if (req.url?.startsWith('/oauth/token')) {
    res.end(
      JSON.stringify({ access_token: 'access-token', token_type: 'Bearer', expires_in: 3600 }),
    );
    return;
  }
  res.end(JSON.stringify({ id: 1, name: 'Alice', city: 'Paris', items: [] }));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
server.unref();
const local = `http://127.0.0.1:${server.address().port}`;

// Every instance made after this (axios.create copies the defaults) sends its requests there,
// after the package has decided on credentials for the real URL.
const send = axios.getAdapter('http');
// Any other host too: no example reaches beyond this machine.
const rewrite = (url) => url?.replace(/^https?:\/\/(?!127\.0\.0\.1[:/])[^/?#]+/, local);
axios.defaults.adapter = (config) =>
  send({ ...config, baseURL: rewrite(config.baseURL), url: rewrite(config.url) });

// The environment the examples read: a client id and secret, an API key, a key for the Redis
// credential store (32 random bytes), the local Redis.
process.env.CLIENT_ID ??= 'orders-service';
process.env.CLIENT_SECRET ??= 'client-secret';
process.env.API_KEY ??= 'api-key';
process.env.DEQUEST_CREDENTIAL_KEY ??= randomBytes(32).toString('base64');
process.env.TOKEN_KEY ??= randomBytes(32).toString('base64');
process.env.DEQUEST_CACHE_KEY ??= randomBytes(32).toString('base64');
process.env.REDIS_URL ??= 'redis://127.0.0.1:6379';

const user = { id: 1, name: 'Alice', city: 'Paris' };
Object.assign(globalThis, {
  tokens: { current: () => 'token', renew: async () => 'renewed' },
  keyRing: { current: () => 'key' },
  vault: { read: async () => ({ value: 'token' }) },
  getAccessToken: async () => 'token',
  fetchAccessToken: async () => 'token',
  login: async () => 'token',
  renew: async () => 'renewed',
  onLogout: () => {},
  sessions: {
    refreshTokenOf: async () => 'refresh-token',
    saveRefreshToken: async () => {},
    update: async () => {},
  },
  session: { id: 'session-1', refreshToken: 'refresh-token' },
  tokenUrl: 'https://auth.example.com/oauth/token',
  clientId: 'orders-service',
  clientSecret: 'client-secret',
  scope: 'orders:read',
  // Not connected: a store asks a client that is not ready nothing, and no example sends.
  redis: createRedisClient({ url: process.env.REDIS_URL }),
  userId: 'user-1',
  baseURL: 'https://api.example.com',
  instance: axios.create({ baseURL: 'https://api.example.com' }),
  api: axios.create({ baseURL: 'https://api.example.com' }),
  report: () => {},
  use: () => {},
  log: { warn: () => {} },
  metrics: { increment: () => {} },
  redirectToSignIn: () => {},
  User: class User {
    constructor(raw) {
      Object.assign(this, raw);
    }
  },
  CreateUserDto: class CreateUserDto {},
  user,
});
