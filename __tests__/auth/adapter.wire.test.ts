import axios, { type AxiosRequestConfig, type InternalAxiosRequestConfig } from 'axios';
import { createClient, type AuthOptions } from '../../src';
import { hasFetchAdapter } from '../helpers/axios-features';
import { startServer, type Handler, type TestServer } from '../helpers/server';

// Two servers on two ports are two origins: `a` is the API (the baseURL), `b` is somewhere else.
let a: TestServer;
let b: TestServer;
beforeEach(async () => {
  [a, b] = await Promise.all([startServer(redirecting({})), startServer(redirecting({}))]);
});
afterEach(() => Promise.all([a.close(), b.close()]));

const TOKEN = 'tok-adapter-s3cr3t';
const KEY = 'key-adapter-s3cr3t';

/**
 * Answers each path in `routes` with a 302 to its Location, with the query of the request
 * copied onto it (as many servers do); anything else gets 200 `ok`.
 */
const redirecting =
  (routes: Record<string, string>): Handler =>
  (req, res) => {
    const [path, query] = (req.url ?? '').split('?');
    const location = routes[path!];
    if (location !== undefined) {
      res.writeHead(302, { location: query === undefined ? location : `${location}?${query}` });
      res.end();
      return;
    }
    res.end('ok');
  };

const settle = (promise: Promise<unknown>): Promise<unknown> => promise.catch((e: unknown) => e);

const sentCredentials = (server: TestServer): boolean =>
  server.requests.some((r) => JSON.stringify(r).includes(TOKEN) || JSON.stringify(r).includes(KEY));

type Spec = () => AxiosRequestConfig['adapter'];

// Adapter settings the package cannot tell apart from any other function. axios's own http and
// fetch adapters, by name, in lists or as themselves, are tested in redirect-rules.wire.test.ts.
// The wrapped http adapter passes on the code before the rule: it stays here because the
// package now follows its redirects itself, one hop at a time.
const adapters: [string, Spec, boolean][] = [
  ['a function wrapping the fetch adapter', () => (c) => axios.getAdapter('fetch')(c), true],
  [
    "a list of such a function and 'http'",
    () => [(c: InternalAxiosRequestConfig) => axios.getAdapter('fetch')(c), 'http'],
    true,
  ],
  ['a function wrapping the http adapter', () => (c) => axios.getAdapter('http')(c), false],
];

describe.each(adapters)('redirects with %s as the adapter', (_name, adapter, needsFetch) => {
  const testIf = needsFetch && !hasFetchAdapter ? test.skip : test;
  const api = (options: AuthOptions & AxiosRequestConfig = {}) =>
    createClient({ baseURL: a.origin, adapter: adapter(), authToken: TOKEN, ...options });

  testIf('a redirect to another origin carries neither the token nor the api key', async () => {
    a.handle(redirecting({ '/start': `${b.origin}/landing` }));

    const response = await api({ apiKey: KEY }).get('/start');

    expect(response.data).toBe('ok');
    expect(a.requests).toHaveLength(1);
    expect(a.requests[0]!.headers).toMatchObject({
      authorization: `Bearer ${TOKEN}`,
      'x-api-key': KEY,
    });
    expect(b.requests.map((r) => r.url)).toEqual(['/landing']);
    expect(sentCredentials(b)).toBe(false);
  });

  testIf('a redirect to another origin does not carry the api key query parameter', async () => {
    a.handle(redirecting({ '/start': `${b.origin}/landing` }));

    await api({ apiKey: KEY, apiKeyQueryParam: 'api_key' }).get('/start', { params: { page: 2 } });

    expect(a.requests.map((r) => r.url)).toEqual([`/start?page=2&api_key=${KEY}`]);
    expect(b.requests.map((r) => r.url)).toEqual(['/landing?page=2']);
    expect(sentCredentials(b)).toBe(false);
  });

  testIf('a redirect within the origin is still followed, with the credentials', async () => {
    a.handle(redirecting({ '/start': '/landing' }));

    const response = await api({ apiKey: KEY }).get('/start');

    expect(response.data).toBe('ok');
    expect(a.requests.map((r) => [r.url, r.headers['x-api-key']])).toEqual([
      ['/start', KEY],
      ['/landing', KEY],
    ]);
  });

  testIf('maxRedirects is honoured: at most N hops, then an AxiosError', async () => {
    a.handle(redirecting({ '/1': '/2', '/2': '/3', '/3': `${b.origin}/4` }));

    const error = await settle(api({ apiKey: KEY, maxRedirects: 2 }).get('/1'));

    expect(axios.isAxiosError(error)).toBe(true);
    expect(axios.isAxiosError(error) && error.code).toBe('ERR_FR_TOO_MANY_REDIRECTS');
    expect(a.requests.map((r) => r.url)).toEqual(['/1', '/2', '/3']);
    expect(b.requests).toHaveLength(0);
  });
});
