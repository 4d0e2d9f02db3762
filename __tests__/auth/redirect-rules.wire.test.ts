import axios, { type AxiosInstance, type AxiosRequestConfig } from 'axios';
import { attachAuth, createClient, type AuthOptions } from '../../src';
import { hasFetchAdapter } from '../helpers/axios-features';
import { startServer, type Handler, type TestServer } from '../helpers/server';

// Two servers on two ports are two origins: `a` is the API (the baseURL), `b` is somewhere else.
let a: TestServer;
let b: TestServer;
beforeEach(async () => {
  [a, b] = await Promise.all([startServer(redirecting({})), startServer(redirecting({}))]);
});
afterEach(() => Promise.all([a.close(), b.close()]));

const TOKEN = 'tok-redirect-s3cr3t';
const KEY = 'key-redirect-s3cr3t';
const auth = { authorization: `Bearer ${TOKEN}`, 'x-api-key': KEY };

type Options = AuthOptions & AxiosRequestConfig;
type Way = (adapter: 'http' | 'fetch', options: Options) => AxiosInstance;

const ways: [string, Way][] = [
  ['createClient', (adapter, options) => createClient({ baseURL: a.origin, adapter, ...options })],
  [
    'attachAuth on axios.create',
    (adapter, { authToken, apiKey, apiKeyQueryParam, allowedOrigins, ...config }) => {
      const instance = axios.create({ baseURL: a.origin, adapter, ...config });
      attachAuth(instance, { authToken, apiKey, apiKeyQueryParam, allowedOrigins });
      return instance;
    },
  ],
];

/** Answers each path in `routes` with a redirect to its Location; anything else gets 200 `ok`. */
const redirecting =
  (routes: Record<string, string>, status = 302): Handler =>
  (req, res) => {
    const location = routes[req.url ?? ''];
    if (location !== undefined) {
      res.writeHead(status, { location });
      res.end();
      return;
    }
    res.end('ok');
  };

const received = (server: TestServer, path: string) => {
  const request = server.requests.find((r) => r.url === path);
  if (!request) throw new Error(`${server.origin} received no request for ${path}`);
  return request;
};

describe.each(['http', 'fetch'] as const)('redirects with the %s adapter', (adapter) => {
  const describeIf = adapter === 'fetch' && !hasFetchAdapter ? describe.skip : describe;

  describeIf.each(ways)('through %s', (_way, make) => {
    const client = (options: Options = {}) =>
      make(adapter, { authToken: TOKEN, apiKey: KEY, ...options });

    test.each([301, 302, 303, 307, 308])(
      'a %i redirect to another origin carries neither the token nor the api key',
      async (status) => {
        a.handle(redirecting({ '/start': `${b.origin}/landing` }, status));
        const response = await client().get('/start');
        expect(response.data).toBe('ok');
        expect(received(a, '/start').headers).toMatchObject(auth);
        const landing = received(b, '/landing').headers;
        expect(landing.authorization).toBeUndefined();
        expect(landing['x-api-key']).toBeUndefined();
      },
    );

    test.each([301, 302, 303, 307, 308])(
      'a %i redirect within the same origin keeps the token and the api key',
      async (status) => {
        a.handle(redirecting({ '/start': `${a.origin}/landing` }, status));
        await client().get('/start');
        expect(received(a, '/landing').headers).toMatchObject(auth);
      },
    );

    test('a redirect to an origin in allowedOrigins carries the token and the api key', async () => {
      a.handle(redirecting({ '/start': `${b.origin}/landing` }));
      await client({ allowedOrigins: [b.origin] }).get('/start');
      expect(received(b, '/landing').headers).toMatchObject(auth);
    });

    test('a redirect to another origin does not carry the api key query parameter', async () => {
      a.handle(redirecting({ [`/start?api_key=${KEY}`]: `${b.origin}/landing` }));
      await client({ apiKeyQueryParam: 'api_key' }).get('/start');
      expect(b.requests.map((r) => r.url)).toEqual(['/landing']);
      expect(b.requests[0]!.headers.authorization).toBeUndefined();
    });

    test('the api key query parameter is not carried to another origin even when the server copies the query into the Location', async () => {
      a.handle((req, res) => {
        res.writeHead(301, { location: `${b.origin}/landing${req.url!.slice('/start'.length)}` });
        res.end();
      });
      await client({ apiKeyQueryParam: 'api_key' }).get('/start', { params: { page: 2 } });
      expect(received(a, `/start?page=2&api_key=${KEY}`)).toBeDefined();
      expect(b.requests.map((r) => r.url)).toEqual(['/landing?page=2']);
    });

    test('a redirect within the same origin keeps the api key query parameter', async () => {
      a.handle(redirecting({ [`/start?api_key=${KEY}`]: '/landing' }));
      await client({ apiKeyQueryParam: 'api_key' }).get('/start');
      expect(a.requests.map((r) => r.url)).toEqual([
        `/start?api_key=${KEY}`,
        `/landing?api_key=${KEY}`,
      ]);
      expect(a.requests[1]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    });

    // A→B→A: once an origin that may not receive credentials has chosen where the request goes
    // next, the rest of the chain is sent without them. Otherwise B could make the client send an
    // authenticated request to any URL of A it likes (an open-redirect confused deputy); fetch and
    // follow-redirects do the same with an Authorization header they dropped.
    test('after a detour through another origin, the way back to the API carries no credentials', async () => {
      a.handle(redirecting({ '/start': `${b.origin}/bounce` }));
      b.handle(redirecting({ '/bounce': `${a.origin}/back` }));
      const response = await client().get('/start');
      expect(response.data).toBe('ok');
      expect(received(a, '/start').headers).toMatchObject(auth);
      expect(received(b, '/bounce').headers.authorization).toBeUndefined();
      const back = received(a, '/back').headers;
      expect(back.authorization).toBeUndefined();
      expect(back['x-api-key']).toBeUndefined();
    });

    test('a chain through allowed origins only keeps the credentials on every hop', async () => {
      a.handle(redirecting({ '/start': `${b.origin}/bounce` }));
      b.handle(redirecting({ '/bounce': `${a.origin}/back` }));
      await client({ allowedOrigins: [b.origin] }).get('/start');
      expect(received(b, '/bounce').headers).toMatchObject(auth);
      expect(received(a, '/back').headers).toMatchObject(auth);
    });

    test("the caller's own headers win over the credentials and are not carried to another origin", async () => {
      a.handle(redirecting({ '/start': `${b.origin}/landing` }, 307));
      await client().get('/start', {
        headers: { Authorization: 'Basic caller-own', 'x-api-key': 'caller-key' },
      });
      expect(received(a, '/start').headers).toMatchObject({
        authorization: 'Basic caller-own',
        'x-api-key': 'caller-key',
      });
      const landing = received(b, '/landing').headers;
      expect(landing.authorization).toBeUndefined();
      expect(landing['x-api-key']).toBeUndefined();
    });

    test('a relative Location is resolved against the current URL and keeps the credentials', async () => {
      a.handle(redirecting({ '/dir/start': 'next?x=1' }));
      const response = await client().get('/dir/start');
      expect(response.data).toBe('ok');
      expect(received(a, '/dir/next?x=1').headers).toMatchObject(auth);
    });

    test('with maxRedirects: 0 the 3xx is the response, as axios gives it, and nothing is followed', async () => {
      a.handle(redirecting({ '/start': `${b.origin}/landing` }));
      const api = client({ maxRedirects: 0 });
      const response = await api.get('/start', { validateStatus: (s) => s < 400 });
      expect(response.status).toBe(302);
      expect(response.headers['location']).toBe(`${b.origin}/landing`);

      const error = await api.get('/start').catch((e: unknown) => e);
      expect(axios.isAxiosError(error)).toBe(true);
      expect(axios.isAxiosError(error) && error.response?.status).toBe(302);
      expect(b.requests).toHaveLength(0);
    });

    test('too many redirects fail with an AxiosError ERR_FR_TOO_MANY_REDIRECTS', async () => {
      a.handle(redirecting({ '/loop': '/loop' }));
      const error = await client({ maxRedirects: 3 })
        .get('/loop')
        .catch((e: unknown) => e);
      expect(axios.isAxiosError(error)).toBe(true);
      expect(axios.isAxiosError(error) && error.code).toBe('ERR_FR_TOO_MANY_REDIRECTS');
      // The first request and three redirects, as follow-redirects counts them.
      expect(a.requests).toHaveLength(4);
    });

    test('a 303 after a POST is followed with a GET without the body', async () => {
      a.handle(redirecting({ '/form': '/result' }, 303));
      await client().post('/form', { name: 'x' });
      expect(received(a, '/form')).toMatchObject({ method: 'POST', body: '{"name":"x"}' });
      const result = received(a, '/result');
      expect(result).toMatchObject({ method: 'GET', body: '' });
      expect(result.headers['content-type']).toBeUndefined();
      expect(result.headers).toMatchObject(auth);
    });

    test('a 307 after a POST is followed with the same method and body', async () => {
      a.handle(redirecting({ '/form': '/result' }, 307));
      await client().post('/form', { name: 'x' });
      expect(received(a, '/result')).toMatchObject({ method: 'POST', body: '{"name":"x"}' });
      expect(received(a, '/result').headers).toMatchObject(auth);
    });
  });
});

describe('redirects with the http adapter: the beforeRedirect hook', () => {
  test.each(ways)(
    "the user's own beforeRedirect still runs, after the credentials are stripped (%s)",
    async (_way, make) => {
      a.handle(redirecting({ '/start': `${b.origin}/landing` }));
      const seen: { href: unknown; headers: Record<string, unknown> }[] = [];
      await make('http', { authToken: TOKEN, apiKey: KEY }).get('/start', {
        beforeRedirect: (options: Record<string, unknown>) => {
          const headers = options['headers'] as Record<string, unknown>;
          seen.push({ href: options['href'], headers: { ...headers } });
          headers['x-trace'] = 'from-the-hook';
        },
      });
      expect(seen).toHaveLength(1);
      expect(seen[0]!.href).toBe(`${b.origin}/landing`);
      expect(JSON.stringify(seen[0]!.headers)).not.toContain(KEY);
      expect(JSON.stringify(seen[0]!.headers)).not.toContain(TOKEN);
      expect(received(b, '/landing').headers['x-trace']).toBe('from-the-hook');
    },
  );

  test('a beforeRedirect set on the instance still runs too', async () => {
    a.handle(redirecting({ '/start': '/landing' }));
    let calls = 0;
    const api = createClient({
      baseURL: a.origin,
      authToken: TOKEN,
      adapter: 'http',
      beforeRedirect: () => {
        calls++;
      },
    });
    await api.get('/start');
    expect(calls).toBe(1);
    expect(received(a, '/landing').headers.authorization).toBe(`Bearer ${TOKEN}`);
  });
});

describe('the fetch adapter handed over as a function', () => {
  (hasFetchAdapter ? test : test.skip)(
    'is still recognised as fetch: a redirect to another origin carries no credentials',
    async () => {
      a.handle(redirecting({ '/go': `${b.origin}/landing` }));
      const api = createClient({
        baseURL: a.origin,
        authToken: TOKEN,
        apiKey: KEY,
        adapter: axios.getAdapter('fetch'),
      });

      await api.get('/go');

      const landing = received(b, '/landing');
      expect(landing.headers.authorization).toBeUndefined();
      expect(landing.headers['x-api-key']).toBeUndefined();
    },
  );
});
