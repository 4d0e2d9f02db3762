import { inspect } from 'node:util';
import axios, { type AxiosRequestConfig } from 'axios';
import { createClient } from '../../src';
import { hasFetchAdapter } from '../helpers/axios-features';
import { startServer, type Handler, type TestServer } from '../helpers/server';

// Two servers on two ports are two origins: `a` is the API (the baseURL), `b` is somewhere else.
let a: TestServer;
let b: TestServer;
beforeEach(async () => {
  [a, b] = await Promise.all([startServer(), startServer()]);
});
afterEach(() => Promise.all([a.close(), b.close()]));

const TOKEN = 'tok-policy-s3cr3t';
const KEY = 'key-policy-s3cr3t';

/** Answers each path in `routes` with a 302 to its Location; anything else gets 200 `ok`. */
const redirecting =
  (routes: Record<string, string>): Handler =>
  (req, res) => {
    const location = routes[req.url ?? ''];
    if (location !== undefined) {
      res.writeHead(302, { location });
      res.end();
      return;
    }
    res.end('ok');
  };

const settle = (promise: Promise<unknown>): Promise<unknown> => promise.catch((e: unknown) => e);

/** Nothing the package holds reached `server`, by header or by query. */
function expectNoCredentials(server: TestServer): void {
  for (const request of server.requests) {
    expect(JSON.stringify(request)).not.toContain(TOKEN);
    expect(JSON.stringify(request)).not.toContain(KEY);
  }
}

describe.each(['http', 'fetch'] as const)('the redirect policy with the %s adapter', (adapter) => {
  const describeIf = adapter === 'fetch' && !hasFetchAdapter ? describe.skip : describe;
  const api = (config: AxiosRequestConfig = {}) =>
    createClient({ baseURL: a.origin, adapter, authToken: TOKEN, apiKey: KEY, ...config });

  describeIf('a Location that is not an http(s) URL', () => {
    test.each([
      ['a data: URL', 'data:application/json,{"spoofed":true}'],
      ['a malformed URL', 'http://[::1'],
      ['a javascript: URL', 'javascript:alert(1)'],
      ['a file: URL', 'file:///etc/passwd'],
    ])('%s is not followed: the call rejects with an AxiosError', async (_name, location) => {
      a.handle(redirecting({ '/start': location }));

      const error = await settle(api().get('/start'));

      expect(axios.isAxiosError(error)).toBe(true);
      if (!axios.isAxiosError(error)) return;
      // The same error on both adapters: follow-redirects' (the http adapter's) code.
      expect(error.code).toBe('ERR_FR_REDIRECTION_FAILURE');
      expect(error.response?.data).not.toEqual({ spoofed: true });
      // The config handed back (what a retry library re-sends) carries no credential.
      expect(JSON.stringify(error.config)).not.toContain(TOKEN);
      expect(JSON.stringify(error.config)).not.toContain(KEY);
      expect(inspect(error, { depth: 8 })).not.toContain(KEY);
      expect(a.requests.map((r) => r.url)).toEqual(['/start']);
      expect(b.requests).toHaveLength(0);
    });
  });
});

describe('the redirect policy given in fetchOptions (fetch adapter)', () => {
  const testIf = hasFetchAdapter ? test : test.skip;
  const api = (config: AxiosRequestConfig = {}) =>
    createClient({ baseURL: a.origin, adapter: 'fetch', authToken: TOKEN, apiKey: KEY, ...config });
  const plain = (config: AxiosRequestConfig = {}) =>
    axios.create({ baseURL: a.origin, adapter: 'fetch', ...config });

  testIf(
    "redirect: 'error' rejects as plain axios does, and nothing is sent to the other origin",
    async () => {
      a.handle(redirecting({ '/start': `${b.origin}/landing` }));
      const fetchOptions = { redirect: 'error' } as const;

      const expected = await settle(plain({ fetchOptions }).get('/start'));
      const error = await settle(api({ fetchOptions }).get('/start'));

      expect(axios.isAxiosError(expected)).toBe(true);
      expect(axios.isAxiosError(error)).toBe(true);
      if (!axios.isAxiosError(error) || !axios.isAxiosError(expected)) return;
      expect([error.code, error.message]).toEqual([expected.code, expected.message]);
      expect(JSON.stringify(error.config)).not.toContain(KEY);
      expect(a.requests).toHaveLength(2);
      expect(b.requests).toHaveLength(0);
    },
  );

  testIf(
    "redirect: 'manual' returns the 3xx, as plain axios does, and follows nothing",
    async () => {
      a.handle(redirecting({ '/start': `${b.origin}/landing` }));
      const config = { fetchOptions: { redirect: 'manual' }, validateStatus: () => true } as const;

      const expected = await plain(config).get('/start');
      const response = await api(config).get('/start');

      expect(expected.status).toBe(302);
      expect(response.status).toBe(302);
      expect(response.headers['location']).toBe(`${b.origin}/landing`);
      expect(a.requests).toHaveLength(2);
      expect(b.requests).toHaveLength(0);
    },
  );

  testIf(
    "redirect: 'manual' with axios's default validateStatus rejects with the 3xx, as plain axios does",
    async () => {
      a.handle(redirecting({ '/start': `${b.origin}/landing` }));
      const fetchOptions = { redirect: 'manual' } as const;

      const expected = await settle(plain({ fetchOptions }).get('/start'));
      const error = await settle(api({ fetchOptions }).get('/start'));

      expect(axios.isAxiosError(error)).toBe(true);
      if (!axios.isAxiosError(error) || !axios.isAxiosError(expected)) return;
      expect(error.response?.status).toBe(302);
      expect([error.code, error.message]).toEqual([expected.code, expected.message]);
      expect(b.requests).toHaveLength(0);
    },
  );

  testIf("redirect: 'error' set on the instance applies to each request", async () => {
    a.handle(redirecting({ '/start': '/landing' }));

    const error = await settle(api({ fetchOptions: { redirect: 'error' } }).get('/start'));

    expect(axios.isAxiosError(error)).toBe(true);
    expect(a.requests.map((r) => r.url)).toEqual(['/start']);
    expectNoCredentials(b);
  });
});
