// headers (object or function) and the credential options of a declared call.
import axios from 'axios';
import { ApiClient, ConfigurationError, declared, Get, syncClient } from '../../src';
import { rejectionOf } from '../helpers/declare';
import { startServer, useServer } from '../helpers/server';

const server = useServer();

test('a headers function is called for every request, with the request, and may be async', async () => {
  let calls = 0;
  const seen: (string | undefined)[] = [];
  const getUser = syncClient({
    url: `${server.origin}/users/{id}`,
    headers: async (config) => {
      seen.push(config.url);
      return { 'X-Request-No': String(++calls) };
    },
  })(function getUser(_: { id: number }) {});

  await getUser({ id: 1 });
  await getUser({ id: 2 });

  expect(server.requests.map((r) => r.headers['x-request-no'])).toEqual(['1', '2']);
  expect(seen).toEqual([`${server.origin}/users/1`, `${server.origin}/users/2`]);
});

test('authToken wins over an Authorization from a headers function', async () => {
  const getData = syncClient({
    url: `${server.origin}/data`,
    headers: () => ({ AUTHORIZATION: 'Basic xyz', 'X-Other': '1' }),
    authToken: 'tok',
  })(function getData() {});

  await getData();

  expect(server.requests[0]!.headers.authorization).toBe('Bearer tok');
  expect(server.requests[0]!.headers['x-other']).toBe('1');
});

test('a token provider returning nothing does not bring back the Authorization of headers', async () => {
  // Like createClient: the names the credentials own are theirs, sent or not.
  const getData = syncClient({
    url: `${server.origin}/data`,
    headers: { Authorization: 'Basic xyz' },
    authToken: () => null,
  })(function getData() {});

  await getData();

  expect(server.requests[0]!.headers.authorization).toBeUndefined();
});

test('authScheme, authHeader and apiKeyHeader rename what is sent', async () => {
  const getData = syncClient({
    url: `${server.origin}/data`,
    authToken: 'tok',
    authScheme: 'Token',
    authHeader: 'X-Auth',
    apiKey: 'key',
    apiKeyHeader: 'X-Api-Token',
  })(function getData() {});

  await getData();

  expect(server.requests[0]!.headers['x-auth']).toBe('Token tok');
  expect(server.requests[0]!.headers['x-api-token']).toBe('key');
  expect(server.requests[0]!.headers.authorization).toBeUndefined();
});

test('apiKeyQueryParam sends the key in the query, after the arguments', async () => {
  const search = syncClient({
    url: `${server.origin}/search`,
    apiKey: 'key',
    apiKeyQueryParam: 'api_key',
  })(function search(_: { q: string }) {});

  await search({ q: 'x' });

  expect(server.requests[0]!.url).toBe('/search?q=x&api_key=key');
  expect(server.requests[0]!.headers['x-api-key']).toBeUndefined();
});

test("credentials go to the declared url's origin only: a redirect to another origin carries none", async () => {
  const elsewhere = await startServer();
  try {
    server.handle((_req, res) => {
      res.statusCode = 302;
      res.setHeader('location', `${elsewhere.origin}/landing`);
      res.end();
    });
    const getData = syncClient({ url: `${server.origin}/data`, authToken: 'tok', apiKey: 'key' })(
      function getData() {},
    );

    await getData();

    expect(server.requests[0]!.headers.authorization).toBe('Bearer tok');
    expect(elsewhere.requests).toHaveLength(1);
    expect(elsewhere.requests[0]!.headers.authorization).toBeUndefined();
    expect(elsewhere.requests[0]!.headers['x-api-key']).toBeUndefined();
  } finally {
    await elsewhere.close();
  }
});

test('an absolute url with a baseURL: the url wins, and its origin receives the credentials', async () => {
  const other = await startServer();
  try {
    const getData = syncClient({
      baseURL: `${other.origin}/api`,
      url: `${server.origin}/data`,
      authToken: 'tok',
    })(function getData() {});

    await getData();

    expect(other.requests).toHaveLength(0);
    expect(server.requests[0]!.headers.authorization).toBe('Bearer tok');
  } finally {
    await other.close();
  }
});

describe('a headers function that fails is a ConfigurationError that names it, and nothing is sent', () => {
  const problem = new Error('tenant lookup failed');
  const failing = {
    throws: function tenantHeaders(): Record<string, string> {
      throw problem;
    },
    rejects: async function tenantHeaders(): Promise<Record<string, string>> {
      throw problem;
    },
  };
  const ways = (headers: () => unknown) => ({
    'a declared function': () =>
      syncClient({ url: `${server.origin}/data`, headers: headers as never })(
        function getData() {},
      ),
    'a declared function with client': () =>
      syncClient({
        client: axios.create({ baseURL: server.origin }),
        url: '/data',
        headers: headers as never,
      })(function getData() {}),
    'an @ApiClient class': () => {
      @ApiClient({ baseURL: server.origin, headers: headers as never })
      class Api {
        @Get('/data')
        getData(): Promise<unknown> {
          return declared();
        }
      }
      const api = new Api();
      return () => api.getData();
    },
    'a method of an @ApiClient class': () => {
      @ApiClient({ baseURL: server.origin })
      class Api {
        @Get('/data', { headers: headers as never })
        getData(): Promise<unknown> {
          return declared();
        }
      }
      const api = new Api();
      return () => api.getData();
    },
  });

  for (const [how, headers] of Object.entries(failing)) {
    test.each(Object.entries(ways(headers)))(`one that ${how}, on %s`, async (_where, make) => {
      const error = await rejectionOf(make()());

      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error.message).toBe(
        'The headers function tenantHeaders threw, so the request was not sent. Its error is error.cause.',
      );
      expect(error.cause).toBe(problem);
      expect(server.requests).toHaveLength(0);
    });
  }
});
