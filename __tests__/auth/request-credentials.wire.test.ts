import axios from 'axios';
import { attachAuth, createClient, type CredentialContext } from '../../src';
import { deferred } from '../helpers/declare';
import { allOf, CONCURRENCY_TIMEOUT_MS, useServer } from '../helpers/server';

const server = useServer();

const received = (i = 0) => server.requests[i]!.headers;

describe('credentials as the server receives them', () => {
  test('a static token is sent as Authorization: Bearer <token>', async () => {
    await createClient({ baseURL: server.origin, authToken: 'your_static_token' }).get('/data');
    expect(received().authorization).toBe('Bearer your_static_token');
    expect(received()['x-api-key']).toBeUndefined();
  });

  test('a static api key is sent as x-api-key: <key>', async () => {
    await createClient({ baseURL: server.origin, apiKey: 'your_static_api_key' }).get('/data');
    expect(received()['x-api-key']).toBe('your_static_api_key');
    expect(received().authorization).toBeUndefined();
  });

  test('token and key are sent together, each independent', async () => {
    await createClient({ baseURL: server.origin, authToken: 't', apiKey: 'k' }).get('/data');
    expect(received()).toMatchObject({ authorization: 'Bearer t', 'x-api-key': 'k' });
  });

  test('a sync provider is called on every request and its value sent each time', async () => {
    let n = 0;
    const api = createClient({ baseURL: server.origin, authToken: () => `token-${++n}` });
    await api.get('/a');
    await api.get('/b');
    await api.get('/c');
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-2',
      'Bearer token-3',
    ]);
  });

  test('an async provider is awaited and called on every request', async () => {
    let n = 0;
    const api = createClient({
      baseURL: server.origin,
      apiKey: async () => {
        await new Promise((r) => setImmediate(r));
        return `key-${++n}`;
      },
    });
    await api.get('/a');
    await api.get('/b');
    expect(server.requests.map((r) => r.headers['x-api-key'])).toEqual(['key-1', 'key-2']);
  });

  test('token and key providers run concurrently, not one after the other', async () => {
    const started: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const provider = (name: string) => async () => {
      started.push(name);
      await gate;
      return name;
    };
    const api = createClient({
      baseURL: server.origin,
      authToken: provider('t'),
      apiKey: provider('k'),
    });
    const pending = api.get('/');
    await new Promise((r) => setImmediate(r));
    expect(started.sort()).toEqual(['k', 't']);
    release();
    await pending;
    expect(received()).toMatchObject({ authorization: 'Bearer t', 'x-api-key': 'k' });
  });

  test('the provider is told the request it is for, and that it is not a refresh', async () => {
    const seen: CredentialContext[] = [];
    await createClient({
      baseURL: server.origin,
      authToken: (ctx) => {
        seen.push(ctx);
        return 't';
      },
    }).get('/users/1', { params: { q: 1 } });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.refresh).toBe(false);
    expect(seen[0]!.config.url).toBe('/users/1');
    expect(seen[0]!.config.method).toBe('get');
  });

  test.each([null, undefined, ''])(
    'a provider returning %p sends no header, and the request goes out',
    async (value) => {
      await createClient({
        baseURL: server.origin,
        authToken: () => value,
        apiKey: async () => value,
      }).get('/');
      expect(server.requests).toHaveLength(1);
      expect(received().authorization).toBeUndefined();
      expect(received()['x-api-key']).toBeUndefined();
    },
  );

  test('authScheme, authHeader and apiKeyHeader rename what is sent', async () => {
    await createClient({
      baseURL: server.origin,
      authToken: 'gh',
      authScheme: 'token',
      authHeader: 'X-Auth',
      apiKey: 'k',
      apiKeyHeader: 'X-Service-Key',
    }).get('/');
    expect(received()).toMatchObject({ 'x-auth': 'token gh', 'x-service-key': 'k' });
    expect(received().authorization).toBeUndefined();
  });

  test("authScheme '' sends the bare token", async () => {
    await createClient({ baseURL: server.origin, authToken: 'raw', authScheme: '' }).get('/');
    expect(received().authorization).toBe('raw');
  });

  test('apiKeyQueryParam sends the key in the query string, not a header, beside other params', async () => {
    const params = { page: 2 };
    await createClient({ baseURL: server.origin, apiKey: 'k&1', apiKeyQueryParam: 'api_key' }).get(
      '/items',
      {
        params,
      },
    );
    expect(server.requests[0]!.url).toBe('/items?page=2&api_key=k%261');
    expect(received()['x-api-key']).toBeUndefined();
    expect(params).toEqual({ page: 2 });
  });

  test('apiKeyQueryParam works with URLSearchParams params too', async () => {
    await createClient({ baseURL: server.origin, apiKey: 'k', apiKeyQueryParam: 'key' }).get(
      '/items',
      {
        params: new URLSearchParams({ a: '1' }),
      },
    );
    expect(server.requests[0]!.url).toBe('/items?a=1&key=k');
  });

  test('attachAuth on an existing instance sends the same headers', async () => {
    const api = axios.create({ baseURL: server.origin });
    attachAuth(api, { authToken: 't', apiKey: () => 'k' });
    await api.post('/things', { a: 1 });
    expect(received()).toMatchObject({ authorization: 'Bearer t', 'x-api-key': 'k' });
    expect(server.requests[0]!.body).toBe('{"a":1}');
  });

  test(
    '500 concurrent requests each carry exactly the value their own provider call returned',
    async () => {
      const COUNT = 500;
      let n = 0;
      const issued = new Map<number, string>();
      const answers: (() => void)[] = [];
      const everyoneAsked = deferred<void>();
      server.handle((req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            authorization: req.headers.authorization,
            key: req.headers['x-api-key'],
          }),
        );
      });
      const api = createClient({
        baseURL: server.origin,
        authToken: (ctx) => {
          const mine = ++n;
          issued.set(Number(ctx.config.params.i), `token-${mine}`);
          const answer = deferred<string>();
          answers.push(() => {
            answer.resolve(`token-${mine}`);
          });
          if (mine === COUNT) everyoneAsked.resolve();
          return answer.promise;
        },
        apiKey: (ctx) => `key-for-${String(ctx.config.params.i)}`,
      });
      const requests = Array.from({ length: COUNT }, (_, i) => api.get('/', { params: { i } }));
      // Answer in a scrambled order (every 7th first), so a shared slot would mix values up.
      await everyoneAsked.promise;
      for (let start = 0; start < 7; start++) {
        for (let i = start; i < COUNT; i += 7) answers[i]!();
      }
      const responses = await allOf(requests);
      expect(n).toBe(500);
      responses.forEach((r, i) => {
        expect(r.data.authorization).toBe(`Bearer ${issued.get(i)}`);
        expect(r.data.key).toBe(`key-for-${i}`);
      });
      expect(new Set(responses.map((r) => r.data.authorization)).size).toBe(COUNT);
      expect(server.requests).toHaveLength(COUNT);
    },
    CONCURRENCY_TIMEOUT_MS,
  );
});
