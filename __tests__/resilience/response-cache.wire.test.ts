import axios from 'axios';
import type { AxiosError, InternalAxiosRequestConfig } from 'axios';
import {
  CircuitBreaker,
  ConfigurationError,
  isCircuitBreakerOpenError,
  memoryStore,
} from '../../src/index';
import type { CacheStore } from '../../src/index';
import type { DequestEvent } from '../../src/events/dequest-event';
import { compileResilience, runResilient } from '../../src/resilience';
import { hasFetchAdapter } from '../helpers/axios-features';
import { useServer } from '../helpers/server';
import { failure, meAsAliceBobAlice, resilientClient, until, useFakeTime } from './helpers/wire';

const server = useServer();
useFakeTime();

/** `/me` answers with the user its bearer token names; everything else with a counter. */
function users() {
  server.handle((req, res) => {
    res.setHeader('content-type', 'application/json');
    const user =
      /^Bearer (.+)$/.exec(String(req.headers['authorization'] ?? ''))?.[1] ?? 'anonymous';
    res.end(JSON.stringify({ user, n: server.requests.length }));
  });
}

describe('the key separates credentials', () => {
  test.each([
    ['after', 'LIFO'],
    ['after', 'FIFO'],
    ['before', 'LIFO'],
    ['before', 'FIFO'],
  ] as const)(
    'alice, bob, alice on /me: 2 requests, each their own body (token interceptor registered %s the layer, %s)',
    async (place, order) => {
      users();
      let token = 'alice';
      const plan = compileResilience({ cache: true });
      const client = axios.create({
        baseURL: server.origin,
        transitional: { legacyInterceptorReqResOrdering: order === 'LIFO' } as never,
      });
      const setToken = (config: InternalAxiosRequestConfig) => {
        config.headers.set('Authorization', `Bearer ${token}`);
        return config;
      };
      // The layer takes over the adapter from an interceptor, as the attach function will.
      const takeOver = (config: InternalAxiosRequestConfig) => {
        const send = axios.getAdapter('http');
        config.adapter = (c) => runResilient(plan, { config: c, attempt: (a) => send(a) });
        return config;
      };
      if (place === 'before') client.interceptors.request.use(setToken);
      client.interceptors.request.use(takeOver);
      if (place === 'after') client.interceptors.request.use(setToken);

      const responses = await meAsAliceBobAlice(client, (user) => (token = user));

      expect(responses.map((r) => r.data.user)).toEqual(['alice', 'bob', 'alice']);
      expect(server.requests).toHaveLength(2);
      expect(responses[2]!.cached).toBe(true);
    },
  );

  test('credentials the auth layer puts on per attempt partition the key too (never on the config when the key is made)', async () => {
    users();
    let token = 'alice';
    const client = resilientClient({ baseURL: server.origin, cache: true, token: () => token });
    const responses = await meAsAliceBobAlice(client, (user) => (token = user));
    expect(responses.map((r) => r.data.user)).toEqual(['alice', 'bob', 'alice']);
    expect(server.requests).toHaveLength(2);
    expect(responses[2]!.config.headers.has('Authorization')).toBe(false);
  });

  test('no credential byte reaches the store: keys and entries hold none', async () => {
    server.handle((_req, res) => res.end('{"profile":"yours"}'));
    const seen: string[] = [];
    const inner = memoryStore();
    const spy: CacheStore = {
      get: (key) => (seen.push(key), inner.get(key)),
      set: (key, entry, ttl) => (seen.push(key, JSON.stringify(entry)), inner.set(key, entry, ttl)),
      delete: (key) => inner.delete(key),
      clear: () => inner.clear(),
    };
    let token = 'alice-token-1234567890';
    const client = resilientClient({
      baseURL: server.origin,
      cache: { store: spy },
      token: () => token,
    });
    await client.get('/me', { headers: { Cookie: 'session=cookie-secret-987654' } });
    token = 'bob-token-0987654321';
    await client.get('/me');
    expect(seen.join('\n')).not.toMatch(/alice-token|bob-token|cookie-secret/);
  });
});

describe('one request in flight per key', () => {
  test('1,000 concurrent identical GETs send 1 request; 2 credentials × 500 send 2', async () => {
    users();
    const client = resilientClient({ baseURL: server.origin, cache: true });
    const same = await Promise.all(Array.from({ length: 1_000 }, () => client.get('/me')));
    expect(server.requests).toHaveLength(1);
    expect(new Set(same.map((r) => r.data.n))).toEqual(new Set([1]));

    const both = await Promise.all(
      Array.from({ length: 1_000 }, (_, i) =>
        client.get('/me', {
          url: '/me?fresh=1',
          headers: { Authorization: `Bearer ${i % 2 ? 'bob' : 'alice'}` },
        }),
      ),
    );
    expect(server.requests).toHaveLength(3);
    both.forEach((r, i) => expect(r.data.user).toBe(i % 2 ? 'bob' : 'alice'));
  }, 30_000);

  test('a failing upstream: 1 request, 1,000 rejections with its error, nothing cached', async () => {
    server.handle((_req, res) => {
      res.statusCode = 500;
      res.end('down');
    });
    const client = resilientClient({ baseURL: server.origin, cache: true });
    const results = await Promise.allSettled(
      Array.from({ length: 1_000 }, () => client.get('/me')),
    );
    expect(server.requests).toHaveLength(1);
    expect(
      results.every(
        (r) => r.status === 'rejected' && (r.reason as AxiosError).response?.status === 500,
      ),
    ).toBe(true);
    users();
    expect((await client.get('/me')).cached).toBeUndefined();
  }, 30_000);

  test('one waiter that aborts leaves at once; the others still get the response', async () => {
    let answer: () => void = () => {};
    server.handle((_req, res) => (answer = () => res.end('{"ok":true}')));
    const client = resilientClient({ baseURL: server.origin, cache: true });
    const controller = new AbortController();
    const leaving = failure(client.get('/slow', { signal: controller.signal }));
    const staying = client.get('/slow');
    await until(() => server.requests.length === 1, 'the shared request');
    controller.abort();
    expect(axios.isCancel(await leaving)).toBe(true);
    answer();
    expect((await staying).data).toEqual({ ok: true });
    expect(server.requests).toHaveLength(1);
  });

  test('a no-store response is shared by every waiter of its one request, and kept by none', async () => {
    server.handle((_req, res) => {
      res.setHeader('cache-control', 'no-store');
      res.end(JSON.stringify({ n: server.requests.length }));
    });
    const client = resilientClient({ baseURL: server.origin, cache: true });
    const three = await Promise.all([client.get('/x'), client.get('/x'), client.get('/x')]);
    expect(three.map((r) => r.data)).toEqual([{ n: 1 }, { n: 1 }, { n: 1 }]);
    three[1]!.data.n = 9;
    expect(three[2]!.data).toEqual({ n: 1 });
    expect((await client.get('/x')).data).toEqual({ n: 2 });
    expect(server.requests).toHaveLength(2);
  });

  test('a waiter that aborts never cancels the request of a leader without a signal', async () => {
    let answer: () => void = () => {};
    server.handle((_req, res) => (answer = () => res.end('{"ok":true}')));
    const client = resilientClient({ baseURL: server.origin, cache: true });
    const controller = new AbortController();
    const staying = client.get('/slow');
    const leaving = failure(client.get('/slow', { signal: controller.signal }));
    await until(() => server.requests.length === 1, 'the shared request');
    controller.abort();
    expect(axios.isCancel(await leaving)).toBe(true);
    answer();
    const response = await staying;
    expect(response.data).toEqual({ ok: true });
    expect(response.config.signal).toBeUndefined();
    expect(server.requests).toHaveLength(1);
  });
});

describe('freshness', () => {
  test('ttl: 1000 — a hit at 999 ms, a miss at 1,000 ms', async () => {
    users();
    const client = resilientClient({ baseURL: server.origin, cache: { ttl: 1_000 } });
    await client.get('/me');
    await jest.advanceTimersByTimeAsync(999);
    expect((await client.get('/me')).cached).toBe(true);
    await jest.advanceTimersByTimeAsync(1);
    expect((await client.get('/me')).cached).toBeUndefined();
    expect(server.requests).toHaveLength(2);
  });

  test('staleWhileRevalidate: a stale entry is answered at once, with exactly one background request', async () => {
    users();
    const { store, sets } = countingStore();
    const client = resilientClient({
      baseURL: server.origin,
      cache: { ttl: 1_000, staleWhileRevalidate: 5_000, store },
    });
    await client.get('/me');
    await jest.advanceTimersByTimeAsync(1_500);
    const stale = await Promise.all(Array.from({ length: 5 }, () => client.get('/me')));
    expect(stale.every((r) => r.stale === true && r.data.n === 1)).toBe(true);
    await until(() => sets.length === 2, 'the background refresh to be stored');
    const fresh = await client.get('/me');
    expect([fresh.cached, fresh.stale, fresh.data.n]).toEqual([true, undefined, 2]);
    expect(server.requests).toHaveLength(2);
  });

  test('staleIfError: a failing server or an open breaker gets the stale entry; a 404 does not', async () => {
    users();
    const breaker = new CircuitBreaker({ failureThreshold: 2 });
    const client = resilientClient({
      baseURL: server.origin,
      cache: { ttl: 1_000, staleIfError: 60_000 },
      circuitBreaker: breaker,
    });
    await client.get('/me');
    await jest.advanceTimersByTimeAsync(2_000);
    server.handle((_req, res) => {
      res.statusCode = 503;
      res.end();
    });
    for (let i = 0; i < 2; i++) {
      const response = await client.get('/me');
      expect([response.stale, response.data.n]).toEqual([true, 1]);
    }
    expect(breaker.state).toBe('OPEN');
    expect((await client.get('/me')).stale).toBe(true);
    expect(server.requests).toHaveLength(3);
    expect(isCircuitBreakerOpenError(await failure(client.get('/other')))).toBe(true);
  });

  test('a fresh hit is served while the breaker is OPEN, and a hit while HALF_OPEN leaves it HALF_OPEN', async () => {
    users();
    const breaker = new CircuitBreaker({ failureThreshold: 1, recoveryTimeout: 10_000 });
    const client = resilientClient({
      baseURL: server.origin,
      cache: { ttl: 60_000 },
      circuitBreaker: breaker,
    });
    await client.get('/me');
    server.handle((_req, res) => {
      res.statusCode = 500;
      res.end();
    });
    await failure(client.get('/down'));
    expect(breaker.state).toBe('OPEN');
    expect((await client.get('/me')).cached).toBe(true);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(breaker.state).toBe('HALF_OPEN');
    expect((await client.get('/me')).cached).toBe(true);
    expect(breaker.state).toBe('HALF_OPEN');
    expect(server.requests).toHaveLength(2);
  });
});

describe('what is stored', () => {
  test('mutating the data of a hit does not change the next hit', async () => {
    users();
    const client = resilientClient({ baseURL: server.origin, cache: true });
    await client.get('/me');
    const hit = await client.get('/me');
    hit.data.user = 'mallory';
    (hit.data as Record<string, unknown>)['admin'] = true;
    const next = await client.get('/me');
    expect(next.data).toEqual({ user: 'anonymous', n: 1 });
  });

  test.each([
    ['Cache-Control: no-store', { 'cache-control': 'no-store' }, 200],
    ['Cache-Control: no-cache', { 'cache-control': 'private, no-cache' }, 200],
    ['Vary: *', { vary: '*' }, 200],
    ['Vary on a header outside the key', { vary: 'X-Tenant' }, 200],
    ['a 206', {}, 206],
    ['a 404 that validateStatus accepts', {}, 404],
  ])('%s is never stored', async (_name, headers, status) => {
    server.handle((_req, res) => {
      res.writeHead(status, headers);
      res.end('{}');
    });
    const client = resilientClient({ baseURL: server.origin, cache: true });
    await client.get('/x', { validateStatus: () => true });
    await client.get('/x', { validateStatus: () => true });
    expect(server.requests).toHaveLength(2);
  });

  test('Vary: Accept-Encoding and Vary: Authorization are fine; Set-Cookie is dropped from what is kept', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, {
        vary: 'Accept-Encoding, Authorization',
        'set-cookie': 'sid=secret',
        'x-kept': 'yes',
      });
      res.end('hello');
    });
    const client = resilientClient({ baseURL: server.origin, cache: true });
    const first = await client.get('/x');
    const hit = await client.get('/x');
    expect(first.headers['set-cookie']).toEqual(['sid=secret']);
    expect([hit.cached, hit.data, hit.headers['x-kept'], hit.headers['set-cookie']]).toEqual([
      true,
      'hello',
      'yes',
      undefined,
    ]);
  });

  test('bytes survive the round trip (arraybuffer), and HEAD is cached apart from GET', async () => {
    server.handle((req, res) => {
      res.setHeader('x-method', req.method!);
      res.end(Buffer.from([0, 255, 7]));
    });
    const client = resilientClient({ baseURL: server.origin, cache: true });
    await client.get('/bin', { responseType: 'arraybuffer' });
    const hit = await client.get('/bin', { responseType: 'arraybuffer' });
    expect([...new Uint8Array(hit.data as ArrayBuffer)]).toEqual([0, 255, 7]);
    const head = await client.head('/bin');
    expect(head.headers['x-method']).toBe('HEAD');
    expect((await client.head('/bin')).cached).toBe(true);
    expect(server.requests.map((r) => r.method)).toEqual(['GET', 'HEAD']);
  });

  test('statuses an outer layer handles (a 401 for refreshOn) are never cached or shared as a success', async () => {
    server.handle((_req, res) => {
      res.statusCode = 401;
      res.end();
    });
    const client = resilientClient({
      baseURL: server.origin,
      cache: true,
      outerStatuses: new Set([401]),
    });
    await failure(client.get('/me'));
    users();
    expect((await client.get('/me')).cached).toBeUndefined();
  });

  test('a POST is never cached by an instance-wide cache, and config.resilience.cache: false skips it', async () => {
    users();
    const client = resilientClient({ baseURL: server.origin, cache: true });
    await client.post('/me', {});
    await client.post('/me', {});
    await client.get('/me', { resilience: { cache: false } });
    await client.get('/me', { resilience: { cache: false } });
    expect(server.requests).toHaveLength(4);
  });
});

describe('a store that fails is a miss, never a failed request', () => {
  const broken = (behaviour: 'throw' | 'reject' | 'hang' | 'garbage'): CacheStore => {
    const act = (): never | Promise<never> | undefined => {
      if (behaviour === 'throw') throw new Error('store down');
      if (behaviour === 'reject') return Promise.reject(new Error('store down'));
      if (behaviour === 'hang') return new Promise<never>(() => {});
      return undefined;
    };
    return {
      get: () =>
        behaviour === 'garbage' ? ({ status: 'two hundred' } as never) : (act() as never),
      set: () => act() as never,
      delete: () => act() as never,
      clear: () => act() as never,
    };
  };

  test.each(['throw', 'reject', 'hang', 'garbage'] as const)(
    'a store that does %s: every request is answered',
    async (behaviour) => {
      users();
      const events: DequestEvent[] = [];
      const breaker = new CircuitBreaker({ failureThreshold: 1 });
      const client = resilientClient({
        baseURL: server.origin,
        cache: { store: broken(behaviour), storeTimeout: 100 },
        circuitBreaker: breaker,
        onEvent: (e) => events.push(e),
      });
      const t0 = Date.now();
      const one = await settleOnFakeTime(client.get('/me?alone'));
      // A hanging store costs a request its read timeout and its write timeout, no more.
      expect(Date.now() - t0).toBe(behaviour === 'hang' ? 200 : 0);
      expect(one.status).toBe(200);
      const pending = settleOnFakeTime(
        Promise.all(Array.from({ length: 20 }, (_, i) => client.get(`/me?i=${i}`))),
      );
      const responses = await pending;
      expect(responses.every((r) => r.status === 200)).toBe(true);
      expect(server.requests).toHaveLength(21);
      expect(breaker.state).toBe('CLOSED');
      const reasons = new Set(
        events
          .filter((e) => e.type === 'cache-store-error')
          .map((e) => (e as { reason: string }).reason),
      );
      expect(reasons).toEqual(
        new Set([
          { throw: 'threw', reject: 'rejected', hang: 'timeout', garbage: 'invalid-entry' }[
            behaviour
          ],
        ]),
      );
    },
  );

  // A shared store holds what any process (or anyone with access to Redis) wrote there.
  test.each([
    ['headers that are a list', { headers: ['x'] }],
    ['a status that is not a whole number', { status: 200.5 }],
  ])('an entry with %s is a miss, not a failed request', async (_what, damage) => {
    users();
    const events: DequestEvent[] = [];
    const stored = {
      status: 200,
      statusText: 'OK',
      headers: {},
      body: '{"user":"mallory"}',
      encoding: 'json',
      storedAt: 1_000_000,
      expiresAt: 9_000_000,
      staleUntil: 9_000_000,
      ...damage,
    };
    const store: CacheStore = {
      get: () => stored as never,
      set: () => {},
      delete: () => {},
      clear: () => {},
    };
    const client = resilientClient({
      baseURL: server.origin,
      token: () => 'alice',
      cache: { store },
      onEvent: (e) => events.push(e),
    });

    const response = await settleOnFakeTime(client.get('/me'));

    expect(response.data).toEqual({ user: 'alice', n: 1 });
    expect(events).toContainEqual({
      type: 'cache-store-error',
      operation: 'get',
      reason: 'invalid-entry',
    });
  });
});

describe('setup', () => {
  test('cache on a POST declaration is a ConfigurationError before anything is sent', () => {
    expect(() => compileResilience({ cache: true }, { method: 'POST' })).toThrow(
      ConfigurationError,
    );
    expect(() => compileResilience({ cache: true }, { method: 'post' })).toThrow(
      /cache applies to GET and HEAD only, and this call is POST/,
    );
    expect(compileResilience({ cache: true }, { method: 'HEAD' })).toBeDefined();
  });

  test.each([
    [{ ttl: 0 }, /ttl is 0, which would keep nothing/],
    [{ ttl: -5 }, /cache.ttl must be a number of milliseconds/],
    [{ staleIfError: Number.NaN }, /staleIfError/],
    [{ tll: 1000 }, /cache has no option "tll"/],
    [{ store: { get() {} } }, /must implement get, set, delete and clear/],
    [{ store: memoryStore(), maxEntries: 5 }, /maxEntries sizes the default memory store/],
    [{ store: { ...memoryStore(), shared: true } }, /give cache.keySecret/],
    [{ keySecret: 'short' }, /at least 16 bytes/],
    [{ vary: ['bad header'] }, /cache.vary takes request header names/],
  ])('cache: %p is a ConfigurationError that says how to fix it', (cache, message) => {
    expect(() => compileResilience({ cache: cache as never })).toThrow(ConfigurationError);
    expect(() => compileResilience({ cache: cache as never })).toThrow(message);
  });

  test('a shared store with a keySecret is accepted', () => {
    const store = { ...memoryStore(), shared: true };
    expect(compileResilience({ cache: { store, keySecret: 'x'.repeat(32) } })).toBeDefined();
  });
});

if (hasFetchAdapter) {
  test('the fetch adapter: one request for concurrent GETs, and a hit', async () => {
    users();
    const client = resilientClient({ baseURL: server.origin, adapter: 'fetch', cache: true });
    await Promise.all(Array.from({ length: 50 }, () => client.get('/me')));
    expect((await client.get('/me')).cached).toBe(true);
    expect(server.requests).toHaveLength(1);
  });
}

function countingStore() {
  const inner = memoryStore();
  const sets: string[] = [];
  const store: CacheStore = {
    get: (key) => inner.get(key),
    set: (key, entry, ttl) => {
      sets.push(key);
      return inner.set(key, entry, ttl);
    },
    delete: (key) => inner.delete(key),
    clear: () => inner.clear(),
  };
  return { store, sets };
}

/** Lets real I/O run and fake time jump from timer to timer until `promise` settles. */
async function settleOnFakeTime<T>(promise: Promise<T>): Promise<T> {
  let settled = false;
  const tracked = promise.finally(() => (settled = true));
  let moving = Promise.resolve();
  await until(() => {
    if (!settled && jest.getTimerCount() > 0)
      moving = moving.then(() => jest.advanceTimersToNextTimerAsync()).then(() => {});
    return settled;
  }, 'the requests to settle');
  await moving;
  return tracked;
}
