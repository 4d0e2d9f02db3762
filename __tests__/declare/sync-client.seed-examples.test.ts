// The seed's examples (dequest's authentication page), as a TypeScript user writes them. The
// URLs point at a server on 127.0.0.1 instead of api.example.com; nothing else changes.
import { asyncClient, HttpMethod, syncClient } from '../../src';
import { deferred } from '../helpers/declare';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer;
let api: string; // stands for https://api.example.com
beforeEach(async () => {
  server = await startServer();
  api = server.origin;
});
afterEach(() => server.close());

test('a static authToken sends Authorization: Bearer your_static_token with every request', async () => {
  const getData = syncClient({ url: `${api}/data`, authToken: 'your_static_token' })(
    function getData() {},
  );

  const data = await getData();
  await getData();

  expect(data).toMatchObject({ method: 'GET', url: '/data' });
  expect(server.requests.map((r) => r.headers.authorization)).toEqual([
    'Bearer your_static_token',
    'Bearer your_static_token',
  ]);
});

test('a dynamic authToken on an asyncClient method is called on every request and its token sent', async () => {
  let calls = 0;
  const getAccessToken = () => `your_dynamic_token_${++calls}`;
  const received: unknown[] = [];
  let done = deferred<void>();
  const use = (d: unknown) => {
    received.push(d);
    done.resolve();
  };

  class Protected {
    @asyncClient({
      url: `${api}/protected`,
      method: HttpMethod.GET,
      authToken: getAccessToken,
      callback: (d) => {
        use(d);
      },
    })
    fetchProtectedData(): void {}
  }

  const client = new Protected();
  expect(client.fetchProtectedData()).toBeUndefined();
  await done.promise;
  done = deferred<void>();
  client.fetchProtectedData();
  await done.promise;

  expect(calls).toBe(2);
  expect(server.requests.map((r) => r.headers.authorization)).toEqual([
    'Bearer your_dynamic_token_1',
    'Bearer your_dynamic_token_2',
  ]);
  expect(received[0]).toMatchObject({ method: 'GET', url: '/protected' });
});

test('a static apiKey sends x-api-key: your_static_api_key with every request', async () => {
  const getData = syncClient({ url: `${api}/data`, apiKey: 'your_static_api_key' })(
    function getData() {},
  );

  await getData();

  expect(server.requests[0]!.headers['x-api-key']).toBe('your_static_api_key');
  expect(server.requests[0]!.headers.authorization).toBeUndefined();
});

test('a dynamic apiKey on an asyncClient function is called on every request and its key sent', async () => {
  let calls = 0;
  const getApiKey = () => {
    calls += 1;
    return 'your_dynamic_api_key';
  };
  const done = deferred<unknown>();
  const fetchProtectedData = asyncClient({
    url: `${api}/protected`,
    method: HttpMethod.GET,
    apiKey: getApiKey,
    callback: done.resolve,
  })(function fetchProtectedData() {});

  fetchProtectedData();
  await done.promise;

  expect(calls).toBe(1);
  expect(server.requests[0]!.headers['x-api-key']).toBe('your_dynamic_api_key');
});

test('a token and a key given together are both sent, each independent', async () => {
  const getData = syncClient({
    url: `${api}/data`,
    authToken: async () => 'token',
    apiKey: 'key',
  })(function getData() {});

  await getData();

  expect(server.requests[0]!.headers.authorization).toBe('Bearer token');
  expect(server.requests[0]!.headers['x-api-key']).toBe('key');
});

test('a provider returning null, undefined or an empty string sends no header (dequest: if token_value:)', async () => {
  const values = [null, undefined, ''];
  const getData = syncClient({ url: `${api}/data`, authToken: () => values.shift() })(
    function getData() {},
  );

  await getData();
  await getData();
  await getData();

  expect(server.requests.map((r) => r.headers.authorization)).toEqual([
    undefined,
    undefined,
    undefined,
  ]);
});
