// The response cache as a user gets it: through createClient and through attachResilience, on
// a real server. Whoever puts the credential on, in whatever order, the key separates users.
import axios from 'axios';
import type { InternalAxiosRequestConfig } from 'axios';
import {
  attachAuth,
  attachResilience,
  ConfigurationError,
  createClient,
  memoryStore,
} from '../../src/index';
import type { CacheStore } from '../../src/index';
import { hasFetchAdapter } from '../helpers/axios-features';
import { allOf, CONCURRENCY_TIMEOUT_MS, useServer } from '../helpers/server';
import { meAsAliceBobAlice } from '../resilience/helpers/wire';

const server = useServer();

/** `/me` answers with the user its bearer token names. */
const users = () =>
  server.handle((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ user: String(req.headers.authorization).replace('Bearer ', '') }));
  });

describe('alice, bob, alice on /me: 2 requests, each their own body', () => {
  // Older axios versions know only the LIFO order (and reject the option).
  const hasFifo = 'legacyInterceptorReqResOrdering' in (axios.defaults.transitional ?? {});
  const orders = hasFifo ? (['LIFO', 'FIFO'] as const) : (['LIFO'] as const);
  const adapters = hasFetchAdapter ? (['http', 'fetch'] as const) : (['http'] as const);
  const rows = (['attachAuth', 'an interceptor of the user'] as const).flatMap((who) =>
    (['before', 'after'] as const).flatMap((place) =>
      orders.flatMap((order) => adapters.map((adapter) => [who, place, order, adapter] as const)),
    ),
  );
  test.each(rows)(
    'the token put on by %s, added %s attachResilience (%s, %s adapter)',
    async (who, place, order, adapter) => {
      users();
      let token = 'alice';
      const api = axios.create({
        baseURL: server.origin,
        adapter,
        ...(order === 'FIFO' ? { transitional: { legacyInterceptorReqResOrdering: false } } : {}),
      });
      const putToken = () => {
        if (who === 'attachAuth') attachAuth(api, { authToken: () => token });
        else
          api.interceptors.request.use((config: InternalAxiosRequestConfig) => {
            config.headers.set('Authorization', `Bearer ${token}`);
            return config;
          });
      };
      // Another interceptor of the user's, that rewrites the config, on either side.
      const trace = () =>
        api.interceptors.request.use((config: InternalAxiosRequestConfig) => ({
          ...config,
          headers: config.headers.set('X-Trace', '1'),
        }));
      trace();
      if (place === 'before') putToken();
      attachResilience(api, { cache: true });
      if (place === 'after') putToken();
      trace();

      const responses = await meAsAliceBobAlice(api, (user) => (token = user));

      expect(responses.map((r) => r.data.user)).toEqual(['alice', 'bob', 'alice']);
      expect(server.requests).toHaveLength(2);
      expect(responses[2]!.cached).toBe(true);
    },
  );
});

test(
  'createClient: 1,000 concurrent identical GETs send 1 request; 2 credentials × 500 send 2',
  async () => {
    server.handle((req, res) => {
      setTimeout(() => res.end(JSON.stringify({ user: req.headers.authorization })), 50);
    });
    const api = createClient({
      baseURL: server.origin,
      authToken: ({ config }) => String(config.headers.get('X-As') ?? 'alice'),
      cache: true,
    });
    await allOf(Array.from({ length: 1_000 }, () => api.get('/report')));
    expect(server.requests).toHaveLength(1);

    const both = await allOf(
      Array.from({ length: 1_000 }, (_, i) =>
        api.get('/other', { headers: { 'X-As': i % 2 ? 'bob' : 'carol' } }),
      ),
    );
    expect(server.requests).toHaveLength(3);
    expect(new Set(both.map((r) => (r.data as { user: string }).user))).toEqual(
      new Set(['Bearer bob', 'Bearer carol']),
    );
  },
  CONCURRENCY_TIMEOUT_MS,
);

test.each([
  ['createClient', () => createClient({ baseURL: server.origin, method: 'post', cache: true })],
  [
    'attachResilience',
    () =>
      attachResilience(axios.create({ baseURL: server.origin, method: 'post' }), { cache: true }),
  ],
])('%s: cache on an instance that sends POST is a ConfigurationError', (_name, make) => {
  expect(make).toThrow(ConfigurationError);
  expect(make).toThrow('cache applies to GET and HEAD only');
});

test('refreshOn with retries and cache: one refresh, one replay, nothing cached from the 401', async () => {
  server.handle((req, res) => {
    res.statusCode = req.headers.authorization === 'Bearer fresh' ? 200 : 401;
    res.end(JSON.stringify({ token: req.headers.authorization }));
  });
  let token = 'stale';
  let refreshes = 0;
  const written: number[] = [];
  const inner = memoryStore();
  const store: CacheStore = {
    get: (key) => inner.get(key),
    set: (key, entry, ttl) => (written.push(entry.status), inner.set(key, entry, ttl)),
    delete: (key) => inner.delete(key),
    clear: () => inner.clear(),
  };
  const api = createClient({
    baseURL: server.origin,
    authToken: ({ refresh }) => {
      if (refresh) {
        refreshes++;
        token = 'fresh';
      }
      return token;
    },
    refreshOn: [401],
    retries: 3,
    retryOn: [401, 503], // still: a refreshOn status is refreshOn's, never retried
    retryDelay: 0,
    cache: { store },
  });

  const both = await allOf([api.get('/me'), api.get('/me')]);
  const third = await api.get('/me');

  expect([...both, third].map((r) => r.status)).toEqual([200, 200, 200]);
  expect(refreshes).toBe(1);
  expect(server.requests.map((r) => r.headers.authorization)).toEqual([
    'Bearer stale',
    'Bearer fresh',
  ]);
  expect(written).toEqual([200]);
  expect(third.cached).toBe(true);
});
