import { Readable } from 'node:stream';
import axios from 'axios';
import type { AxiosAdapter, AxiosError, AxiosInstance } from 'axios';
import {
  attachAuth,
  cachedCredential,
  ConfigurationError,
  createClient,
  CredentialError,
  DequestError,
  isCredentialError,
} from '../../src/index';
import type { ClientOptions, CredentialContext } from '../../src/index';
import { hasFetchAdapter } from '../helpers/axios-features';
import { allOf, startServer, type ReceivedRequest, type TestServer } from '../helpers/server';

/** Resolves after every microtask queued so far has run: nothing here waits for a clock. */
const flushMicrotasks = () => new Promise((resolve) => setImmediate(resolve));

let server: TestServer;

/** The server accepts only `Bearer fresh`: every request sent with `stale` gets a 401. */
function acceptOnlyFresh(
  req: { headers: Record<string, unknown> },
  res: import('node:http').ServerResponse,
  received: ReceivedRequest,
): void {
  res.setHeader('content-type', 'application/json');
  if (req.headers['authorization'] !== 'Bearer fresh') {
    res.statusCode = 401;
    res.end('{"error":"invalid_token"}');
    return;
  }
  res.end(JSON.stringify({ ok: true, body: received.body }));
}

beforeEach(async () => {
  server = await startServer(acceptOnlyFresh);
});

afterEach(async () => {
  await server.close();
});

const authorizations = (requests: readonly ReceivedRequest[] = server.requests) =>
  requests.map((request) => request.headers['authorization']);

/**
 * A provider that hands out `stale` until it is asked with `refresh: true`, then `fresh`.
 * Counts its calls, and the calls that asked for a refresh.
 */
function rotatingProvider() {
  const calls = { total: 0, refresh: 0 };
  let token = 'stale';
  const provider = (ctx: CredentialContext): string => {
    calls.total++;
    if (ctx.refresh) {
      calls.refresh++;
      token = 'fresh';
    }
    return token;
  };
  return { provider, calls };
}

/** Counts what reaches the instance's own response interceptors. */
function countInterceptedResponses(client: AxiosInstance) {
  const seen = { fulfilled: 0, rejected: 0 };
  client.interceptors.response.use(
    (response) => {
      seen.fulfilled++;
      return response;
    },
    (error: unknown) => {
      seen.rejected++;
      throw error;
    },
  );
  return seen;
}

/**
 * The http adapter, counting the errors (401s) that come back through it: `all` resolves once
 * `expected` of them have reached the client, so a test can hold a refresh until then.
 */
function countingRejections(expected: number) {
  const http = axios.getAdapter('http');
  let count = 0;
  let done!: () => void;
  const all = new Promise<void>((resolve) => {
    done = resolve;
  });
  const adapter: AxiosAdapter = (config) =>
    http(config).catch((error: unknown) => {
      if (++count === expected) done();
      throw error;
    });
  return { adapter, all };
}

const client = (options: Omit<ClientOptions, 'baseURL'>) =>
  createClient({ baseURL: server.origin, refreshOn: [401], ...options });

describe('refreshOn: [401]', () => {
  test('30 concurrent requests rejected with the old token cause one refresh of a cachedCredential and all succeed', async () => {
    const calls = { total: 0, refresh: 0 };
    const authToken = cachedCredential(
      async (ctx) => {
        calls.total++;
        if (ctx.refresh) calls.refresh++;
        await flushMicrotasks();
        return calls.refresh === 0 ? 'stale' : 'fresh';
      },
      { ttl: 60_000 },
    );
    const api = client({ authToken });

    const responses = await allOf(Array.from({ length: 30 }, (_, i) => api.get(`/items/${i}`)));

    expect(responses.map((response) => response.status)).toEqual(Array(30).fill(200));
    expect(calls).toEqual({ total: 2, refresh: 1 });
    expect(server.requests).toHaveLength(60);
    expect(authorizations().filter((header) => header === 'Bearer stale')).toHaveLength(30);
    expect(authorizations().filter((header) => header === 'Bearer fresh')).toHaveLength(30);
    // Each request was replayed to its own URL.
    for (let i = 0; i < 30; i++) {
      expect(server.requests.filter((request) => request.url === `/items/${i}`)).toHaveLength(2);
    }
  });

  test('30 concurrent requests rejected while a refresh is running all wait for that one refresh', async () => {
    // The refresh finishes only after all 30 rejections are back: none may start another.
    const rejections = countingRejections(30);
    const calls = { total: 0, refresh: 0 };
    let token = 'stale';
    const authToken = async (ctx: CredentialContext) => {
      calls.total++;
      if (ctx.refresh) {
        calls.refresh++;
        await rejections.all;
        await flushMicrotasks();
        token = 'fresh';
      }
      return token;
    };
    const api = client({ authToken, adapter: rejections.adapter });

    const responses = await allOf(Array.from({ length: 30 }, () => api.get('/items')));

    expect(responses.map((response) => response.status)).toEqual(Array(30).fill(200));
    expect(calls.refresh).toBe(1);
    // 30 first attempts and 1 refresh; the 30 replays send what the refresh returned.
    expect(calls.total).toBe(31);
    expect(server.requests).toHaveLength(60);
  });

  test('a replayed request passes through the response interceptors once, with the final response', async () => {
    const { provider } = rotatingProvider();
    const api = client({ authToken: provider });
    const seen = countInterceptedResponses(api);

    const response = await api.get('/me');

    expect(response.status).toBe(200);
    expect(seen).toEqual({ fulfilled: 1, rejected: 0 });
    expect(authorizations()).toEqual(['Bearer stale', 'Bearer fresh']);
  });

  test('a credential that stays rejected is replayed once, then the 401 AxiosError reaches the caller', async () => {
    server.handle((_req, res) => {
      res.statusCode = 401;
      res.end();
    });
    const { provider, calls } = rotatingProvider();
    const api = client({ authToken: provider });
    const seen = countInterceptedResponses(api);

    const error = (await api.get('/me').catch((e: unknown) => e)) as AxiosError;

    expect(axios.isAxiosError(error)).toBe(true);
    expect(error.response?.status).toBe(401);
    expect(authorizations()).toEqual(['Bearer stale', 'Bearer fresh']);
    expect(calls.refresh).toBe(1);
    expect(seen).toEqual({ fulfilled: 0, rejected: 1 });
    // The error a caller logs or retries holds no credential.
    expect(error.config?.headers?.['Authorization']).toBeUndefined();
    expect(JSON.stringify(error.toJSON())).not.toContain('Bearer');

    // The next request is not stuck in a loop either: one attempt, one replay.
    await expect(api.get('/again')).rejects.toMatchObject({ response: { status: 401 } });
    expect(server.requests).toHaveLength(4);
  });

  test('a request sent with an older credential than the current one is replayed without another refresh', async () => {
    let releaseSlow!: () => void;
    const slowArrived = new Promise<void>((resolve) => {
      server.handle((req, res, received) => {
        if (received.url === '/slow' && req.headers['authorization'] === 'Bearer stale') {
          releaseSlow = () => {
            acceptOnlyFresh(req, res, received);
          };
          resolve();
          return;
        }
        acceptOnlyFresh(req, res, received);
      });
    });
    const { provider, calls } = rotatingProvider();
    const api = client({ authToken: provider });

    const slow = api.get('/slow');
    await slowArrived;
    // A second request is rejected, refreshes the credential and succeeds with it...
    await expect(api.get('/fast')).resolves.toMatchObject({ status: 200 });
    expect(calls.refresh).toBe(1);
    // ...then the first one's 401 arrives: it was sent with the credential already replaced.
    releaseSlow();

    await expect(slow).resolves.toMatchObject({ status: 200 });
    expect(calls.refresh).toBe(1);
    expect(server.requests.map((r) => [r.url, r.headers['authorization']])).toEqual([
      ['/slow', 'Bearer stale'],
      ['/fast', 'Bearer stale'],
      ['/fast', 'Bearer fresh'],
      ['/slow', 'Bearer fresh'],
    ]);
  });

  test('a refresh that fails gives every waiting request a CredentialError with the cause, and sends no replay', async () => {
    const failure = new Error('token endpoint down');
    let failRefresh!: () => void;
    const refreshAsked = new Promise<void>((resolve) => {
      failRefresh = resolve;
    });
    let refreshCalls = 0;
    const authToken = (ctx: CredentialContext) => {
      if (!ctx.refresh) return 'stale';
      refreshCalls++;
      return refreshAsked.then(() => Promise.reject(failure));
    };
    // The refresh fails only once all 10 rejections are back and wait on it.
    const rejections = countingRejections(10);
    const api = client({ authToken, adapter: rejections.adapter });

    const results = Promise.allSettled(Array.from({ length: 10 }, () => api.get('/me')));
    await rejections.all;
    await flushMicrotasks();
    failRefresh();
    const settled = await results;

    expect(refreshCalls).toBe(1);
    for (const result of settled) {
      expect(result.status).toBe('rejected');
      const error = (result as PromiseRejectedResult).reason as unknown;
      expect(error).toBeInstanceOf(CredentialError);
      expect(isCredentialError(error) && error.credential).toBe('authToken');
      expect((error as Error).cause).toBe(failure);
    }
    expect(server.requests).toHaveLength(10);
    expect(authorizations().every((header) => header === 'Bearer stale')).toBe(true);
  });

  test('a failed refresh is not remembered: the next rejected request asks for a refresh again', async () => {
    let refreshCalls = 0;
    const authToken = (ctx: CredentialContext) => {
      if (!ctx.refresh) return refreshCalls < 2 ? 'stale' : 'fresh';
      refreshCalls++;
      if (refreshCalls === 1) throw new Error('token endpoint down');
      return 'fresh';
    };
    const api = client({ authToken });

    await expect(api.get('/first')).rejects.toBeInstanceOf(CredentialError);
    await expect(api.get('/second')).resolves.toMatchObject({ status: 200 });

    expect(refreshCalls).toBe(2);
    expect(server.requests.map((r) => [r.url, r.headers['authorization']])).toEqual([
      ['/first', 'Bearer stale'],
      ['/second', 'Bearer stale'],
      ['/second', 'Bearer fresh'],
    ]);
  });

  test('a request cancelled while it waits for the refresh is not replayed', async () => {
    const controller = new AbortController();
    const authToken = async (ctx: CredentialContext) => {
      if (!ctx.refresh) return 'stale';
      controller.abort();
      await flushMicrotasks();
      return 'fresh';
    };
    const api = client({ authToken });

    const error = (await api
      .get('/me', { signal: controller.signal })
      .catch((e: unknown) => e)) as Error;

    expect(axios.isCancel(error)).toBe(true);
    expect(authorizations()).toEqual(['Bearer stale']);
  });

  test('a request that brought its own Authorization header is not refreshed', async () => {
    const { provider, calls } = rotatingProvider();
    const api = client({ authToken: provider });

    await expect(
      api.get('/me', { headers: { Authorization: 'Basic dXNlcjpwYXNz' } }),
    ).rejects.toMatchObject({
      response: { status: 401 },
    });

    expect(calls.total).toBe(0);
    expect(authorizations()).toEqual(['Basic dXNlcjpwYXNz']);
  });

  test('a skipAuth request that gets a 401 is neither refreshed nor replayed', async () => {
    const { provider, calls } = rotatingProvider();
    const api = client({ authToken: provider });

    await expect(api.get('/public', { skipAuth: true })).rejects.toMatchObject({
      response: { status: 401 },
    });

    expect(calls.total).toBe(0);
    expect(server.requests).toHaveLength(1);
    expect(authorizations()).toEqual([undefined]);
  });

  test('a status not listed in refreshOn is not refreshed', async () => {
    server.handle((_req, res) => {
      res.statusCode = 403;
      res.end();
    });
    const { provider, calls } = rotatingProvider();
    const api = client({ authToken: provider });

    await expect(api.get('/admin')).rejects.toMatchObject({ response: { status: 403 } });

    expect(calls.refresh).toBe(0);
    expect(server.requests).toHaveLength(1);
  });

  test('a POST with a JSON body is replayed with the same body', async () => {
    const { provider } = rotatingProvider();
    const api = client({ authToken: provider });

    const response = await api.post('/orders', { item: 'book', quantity: 2 });

    expect(response.status).toBe(200);
    expect(server.requests.map((r) => [r.method, r.headers['content-type'], r.body])).toEqual([
      ['POST', 'application/json', '{"item":"book","quantity":2}'],
      ['POST', 'application/json', '{"item":"book","quantity":2}'],
    ]);
    expect(authorizations()).toEqual(['Bearer stale', 'Bearer fresh']);
  });

  test('a POST with a FormData body is replayed with the same fields', async () => {
    const { provider } = rotatingProvider();
    const api = client({ authToken: provider });
    const form = new FormData();
    form.append('name', 'report');
    form.append('pages', '12');

    await expect(api.post('/forms', form)).resolves.toMatchObject({ status: 200 });

    expect(server.requests).toHaveLength(2);
    const [first, replay] = server.requests;
    expect(replay!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    for (const body of [first!.body, replay!.body]) {
      expect(body).toMatch(/name="name"\r\n\r\nreport\r\n/);
      expect(body).toMatch(/name="pages"\r\n\r\n12\r\n/);
    }
  });

  test('a request whose body was a stream gets a clear DequestError instead of an empty replay', async () => {
    const { provider } = rotatingProvider();
    const api = client({ authToken: provider });

    const error = (await api
      .post('/upload', Readable.from(['chunk one, ', 'chunk two']), {
        headers: { 'content-type': 'text/plain' },
      })
      .catch((e: unknown) => e)) as DequestError;

    expect(error).toBeInstanceOf(DequestError);
    expect(error.message).toMatch(/status 401.*stream/);
    expect((error.cause as AxiosError).response?.status).toBe(401);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.body).toBe('chunk one, chunk two');
  });

  test('a 401 that validateStatus accepts is refreshed and replayed too', async () => {
    const { provider, calls } = rotatingProvider();
    const api = client({ authToken: provider, validateStatus: () => true });

    const response = await api.get('/me');

    expect(response.status).toBe(200);
    expect(calls.refresh).toBe(1);
    expect(authorizations()).toEqual(['Bearer stale', 'Bearer fresh']);
  });

  test('an API key provider is refreshed like a token provider', async () => {
    server.handle((req, res) => {
      res.statusCode = req.headers['x-api-key'] === 'fresh' ? 200 : 401;
      res.end();
    });
    const { provider, calls } = rotatingProvider();
    const api = client({ apiKey: provider });

    await expect(api.get('/me')).resolves.toMatchObject({ status: 200 });
    expect(calls.refresh).toBe(1);
    expect(server.requests.map((r) => r.headers['x-api-key'])).toEqual(['stale', 'fresh']);
  });

  test('an API key sent as a query parameter is replaced, not repeated, on the replay', async () => {
    server.handle((_req, res, received) => {
      res.statusCode = received.url.endsWith('api_key=fresh') ? 200 : 401;
      res.end();
    });
    const { provider } = rotatingProvider();
    const api = client({ apiKey: provider, apiKeyQueryParam: 'api_key' });
    const params = { page: 2 };

    await expect(api.get('/items', { params })).resolves.toMatchObject({ status: 200 });

    expect(server.requests.map((r) => r.url)).toEqual([
      '/items?page=2&api_key=stale',
      '/items?page=2&api_key=fresh',
    ]);
    expect(params).toEqual({ page: 2 });
  });

  test('attachAuth on an existing instance refreshes on 401 the same way', async () => {
    const { provider, calls } = rotatingProvider();
    const api = axios.create({ baseURL: server.origin });
    attachAuth(api, { authToken: provider, refreshOn: [401] });

    await expect(api.get('/me')).resolves.toMatchObject({ status: 200 });
    expect(calls.refresh).toBe(1);
    expect(authorizations()).toEqual(['Bearer stale', 'Bearer fresh']);
  });

  (hasFetchAdapter ? test : test.skip)(
    'works with the fetch adapter: the POST is replayed with the new token and the same body',
    async () => {
      const { provider, calls } = rotatingProvider();
      const api = client({ authToken: provider, adapter: 'fetch' });

      const response = await api.post('/orders', { item: 'book' });

      expect(response.status).toBe(200);
      expect(calls.refresh).toBe(1);
      expect(server.requests.map((r) => [r.headers['authorization'], r.body])).toEqual([
        ['Bearer stale', '{"item":"book"}'],
        ['Bearer fresh', '{"item":"book"}'],
      ]);
    },
  );

  (hasFetchAdapter ? test : test.skip)(
    'with the fetch adapter, a credential that stays rejected ends with the 401 after one replay',
    async () => {
      server.handle((_req, res) => {
        res.statusCode = 401;
        res.end();
      });
      const { provider } = rotatingProvider();
      const api = client({ authToken: provider, adapter: 'fetch' });

      await expect(api.get('/me')).rejects.toMatchObject({ response: { status: 401 } });
      expect(authorizations()).toEqual(['Bearer stale', 'Bearer fresh']);
    },
  );
});

describe("the README's OAuth client-credentials example", () => {
  test('one token call serves concurrent requests, and one more call follows a revocation', async () => {
    let issued = 0;
    let valid: string | undefined;
    const tokenCalls: ReceivedRequest[] = [];
    server.handle((req, res, received) => {
      res.setHeader('content-type', 'application/json');
      if (received.url === '/oauth/token') {
        tokenCalls.push(received);
        valid = `opaque-${++issued}`;
        res.end(JSON.stringify({ access_token: valid, token_type: 'Bearer', expires_in: 3600 }));
        return;
      }
      res.statusCode = req.headers['authorization'] === `Bearer ${valid}` ? 200 : 401;
      res.end('{}');
    });

    // As in the README, with the token endpoint on the test server.
    const oauth = axios.create({ baseURL: server.origin, timeout: 10_000 });
    async function fetchAccessToken(): Promise<string> {
      const { data } = await oauth.post<{ access_token: string }>(
        '/oauth/token',
        new URLSearchParams({ grant_type: 'client_credentials', scope: 'orders:read' }),
        { auth: { username: 'client-id', password: 'client-secret' } },
      );
      return data.access_token;
    }
    const api = createClient({
      baseURL: server.origin,
      authToken: cachedCredential(fetchAccessToken, { jwt: true, ttl: 50 * 60_000 }),
      refreshOn: [401],
    });

    const first = await allOf(Array.from({ length: 5 }, () => api.get('/orders')));
    valid = undefined; // the server revokes the token
    const second = await allOf(Array.from({ length: 5 }, () => api.get('/orders')));

    expect([...first, ...second].map((response) => response.status)).toEqual(Array(10).fill(200));
    expect(tokenCalls).toHaveLength(2);
    expect(tokenCalls[0]!.headers['authorization']).toBe(
      `Basic ${Buffer.from('client-id:client-secret').toString('base64')}`,
    );
    expect(tokenCalls[0]!.body).toBe('grant_type=client_credentials&scope=orders%3Aread');
    const apiCalls = server.requests.filter((r) => r.url === '/orders');
    expect(apiCalls.map((r) => r.headers['authorization'])).toEqual([
      ...Array(10).fill('Bearer opaque-1'),
      ...Array(5).fill('Bearer opaque-2'),
    ]);
  });
});

describe('refreshOn configuration', () => {
  test('refreshOn with static credentials only is a ConfigurationError, before anything is sent', () => {
    expect(() =>
      createClient({ baseURL: 'http://127.0.0.1:1', authToken: 'static', refreshOn: [401] }),
    ).toThrow(ConfigurationError);
    expect(() =>
      attachAuth(axios.create({ baseURL: 'http://127.0.0.1:1' }), {
        apiKey: 'key',
        refreshOn: [401],
      }),
    ).toThrow(/refreshOn needs a credential that can change/);
  });

  test('refreshOn without any credential is a ConfigurationError', () => {
    expect(() => createClient({ baseURL: 'http://127.0.0.1:1', refreshOn: [401] })).toThrow(
      ConfigurationError,
    );
  });

  test('refreshOn must list HTTP error statuses', () => {
    expect(() =>
      createClient({ baseURL: 'http://127.0.0.1:1', authToken: () => 't', refreshOn: [200] }),
    ).toThrow(ConfigurationError);
  });
});
