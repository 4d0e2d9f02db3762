import axios, { type AxiosRequestConfig } from 'axios';
import { createClient, type AuthOptions, type CredentialContext } from '../../src';
import { hasFetchAdapter } from '../helpers/axios-features';
import { startServer, type Handler, type TestServer } from '../helpers/server';

// Two servers on two ports are two origins: `a` is the API (the baseURL), `b` is somewhere else.
let a: TestServer;
let b: TestServer;
beforeEach(async () => {
  [a, b] = await Promise.all([startServer(), startServer()]);
});
afterEach(() => Promise.all([a.close(), b.close()]));

const KEY = 'key-refresh-s3cr3t';

/** Answers each path in `routes` with a 302 to its Location; anything else gets a 401. */
const redirectingOr401 =
  (routes: Record<string, string>): Handler =>
  (req, res) => {
    const location = routes[req.url ?? ''];
    res.writeHead(location === undefined ? 401 : 302, location === undefined ? {} : { location });
    res.end();
  };

/** A token provider that counts the refreshes it is asked for. */
function countingProvider() {
  const calls = { total: 0, refresh: 0 };
  const provider = (ctx: CredentialContext): string => {
    calls.total++;
    if (ctx.refresh) calls.refresh++;
    return `tok-${calls.refresh}`;
  };
  return { provider, calls };
}

const settle = (promise: Promise<unknown>): Promise<unknown> => promise.catch((e: unknown) => e);

describe.each(['http', 'fetch'] as const)('refreshOn after a redirect (%s adapter)', (adapter) => {
  const testIf = adapter === 'fetch' && !hasFetchAdapter ? test.skip : test;
  const api = (
    provider: AuthOptions['authToken'],
    options: AxiosRequestConfig & AuthOptions = {},
  ) =>
    createClient({
      baseURL: a.origin,
      adapter,
      authToken: provider,
      apiKey: KEY,
      refreshOn: [401],
      ...options,
    });

  testIf(
    'a 401 from an origin that was not sent the credential refreshes nothing and replays nothing',
    async () => {
      a.handle(redirectingOr401({ '/start': `${b.origin}/elsewhere` }));
      b.handle(redirectingOr401({}));
      const { provider, calls } = countingProvider();

      const error = await settle(api(provider).get('/start'));

      expect(axios.isAxiosError(error) && error.response?.status).toBe(401);
      expect(calls).toEqual({ total: 1, refresh: 0 });
      expect(a.requests.map((r) => r.headers.authorization)).toEqual(['Bearer tok-0']);
      expect(b.requests).toHaveLength(1);
      expect(b.requests[0]!.headers.authorization).toBeUndefined();
      expect(b.requests[0]!.headers['x-api-key']).toBeUndefined();
    },
  );

  testIf('nor when validateStatus accepts the 401: the response is returned as it is', async () => {
    a.handle(redirectingOr401({ '/start': `${b.origin}/elsewhere` }));
    b.handle(redirectingOr401({}));
    const { provider, calls } = countingProvider();

    const response = await api(provider).get('/start', { validateStatus: () => true });

    expect(response.status).toBe(401);
    expect(calls.refresh).toBe(0);
    expect(a.requests).toHaveLength(1);
    expect(b.requests).toHaveLength(1);
  });

  testIf(
    'after a detour through another origin, a 401 from the API (reached without the credential) refreshes nothing',
    async () => {
      a.handle(redirectingOr401({ '/start': `${b.origin}/bounce` }));
      b.handle(redirectingOr401({ '/bounce': `${a.origin}/back` }));
      const { provider, calls } = countingProvider();

      const error = await settle(api(provider).get('/start'));

      expect(axios.isAxiosError(error) && error.response?.status).toBe(401);
      expect(calls.refresh).toBe(0);
      expect(a.requests.map((r) => [r.url, r.headers.authorization])).toEqual([
        ['/start', 'Bearer tok-0'],
        ['/back', undefined],
      ]);
    },
  );

  testIf(
    'a 401 from an allowed origin the redirect led to still refreshes and replays',
    async () => {
      a.handle(redirectingOr401({ '/start': `${b.origin}/elsewhere` }));
      b.handle((req, res) => {
        res.writeHead(req.headers.authorization === 'Bearer tok-1' ? 200 : 401);
        res.end('ok');
      });
      const { provider, calls } = countingProvider();

      const response = await api(provider, { allowedOrigins: [b.origin] }).get('/start');

      expect(response.status).toBe(200);
      expect(calls.refresh).toBe(1);
      expect(b.requests.map((r) => r.headers.authorization)).toEqual([
        'Bearer tok-0',
        'Bearer tok-1',
      ]);
    },
  );
});
