// The client option: send through an axios instance you already have (Nest's
// HttpService.axiosRef, an instance with your interceptors), without changing it.
import axios, { type InternalAxiosRequestConfig } from 'axios';
import { ConfigurationError, syncClient } from '../../src';
import { rejectionOf } from '../helpers/declare';
import { useServer } from '../helpers/server';

const server = useServer();

const handlersOf = (instance: { interceptors: { request: unknown } }) =>
  (instance.interceptors.request as { handlers: unknown[] }).handlers.filter(Boolean).length;

test("a declared call on the user's instance uses its baseURL, headers and interceptors, adds its credentials, and leaves the instance unchanged", async () => {
  const instance = axios.create({ baseURL: `${server.origin}/v1`, headers: { 'X-App': 'demo' } });
  instance.interceptors.request.use((config) => {
    config.headers.set('X-Intercepted', 'yes');
    return config;
  });
  const defaultsBefore = JSON.stringify(instance.defaults.headers);
  const adapterBefore = instance.defaults.adapter;
  const getUser = syncClient({ client: instance, url: '/users/{id}', authToken: 'tok' })(
    function getUser(_: { id: number }) {},
  );

  await getUser({ id: 1 });
  await instance.get('/plain');

  const [declared, plain] = server.requests;
  expect(declared!.url).toBe('/v1/users/1');
  expect(declared!.headers).toMatchObject({
    authorization: 'Bearer tok',
    'x-app': 'demo',
    'x-intercepted': 'yes',
  });
  // The instance itself carries no credentials afterwards.
  expect(plain!.headers.authorization).toBeUndefined();
  expect(JSON.stringify(instance.defaults.headers)).toBe(defaultsBefore);
  expect(instance.defaults.adapter).toBe(adapterBefore);
  expect(handlersOf(instance)).toBe(1);
});

test("with client, authToken and apiKey win over the declaration's headers of the same names", async () => {
  const instance = axios.create({ baseURL: server.origin });
  const headers = { authorization: 'Basic old', 'x-api-key': 'old', 'X-Kept': 'k' };
  const getData = syncClient({
    client: instance,
    url: '/data',
    headers,
    authToken: 'tok',
    apiKey: 'key',
  })(function getData() {});

  await getData();

  expect(server.requests[0]!.headers).toMatchObject({
    authorization: 'Bearer tok',
    'x-api-key': 'key',
    'x-kept': 'k',
  });
  expect(headers).toEqual({ authorization: 'Basic old', 'x-api-key': 'old', 'X-Kept': 'k' });
});

test('with client, a headers function is called per request', async () => {
  const instance = axios.create({ baseURL: server.origin });
  let n = 0;
  const getData = syncClient({
    client: instance,
    url: '/data',
    headers: () => ({ 'X-N': String(++n) }),
  })(function getData() {});

  await getData();
  await getData();

  expect(server.requests.map((r) => r.headers['x-n'])).toEqual(['1', '2']);
});

test("the declaration's baseURL and timeout win over the instance's; without either, dequest's 30 s", async () => {
  const seen: (number | undefined)[] = [];
  const instance = axios.create({ baseURL: 'http://127.0.0.1:9/unused' });
  instance.interceptors.request.use((config: InternalAxiosRequestConfig) => {
    seen.push(config.timeout);
    return config;
  });
  const withTimeout = syncClient({
    client: instance,
    baseURL: server.origin,
    url: '/a',
    timeout: 1234,
  })(function withTimeout() {});
  const withoutTimeout = syncClient({ client: instance, baseURL: server.origin, url: '/b' })(
    function withoutTimeout() {},
  );
  const ownTimeout = axios.create({ baseURL: server.origin, timeout: 777 });
  ownTimeout.interceptors.request.use((config: InternalAxiosRequestConfig) => {
    seen.push(config.timeout);
    return config;
  });
  const instanceTimeout = syncClient({ client: ownTimeout, url: '/c' })(
    function instanceTimeout() {},
  );

  await withTimeout();
  await withoutTimeout();
  await instanceTimeout();

  expect(server.requests.map((r) => r.url)).toEqual(['/a', '/b', '/c']);
  expect(seen).toEqual([1234, 30_000, 777]);
});

test('a relative url on a client without a baseURL is a ConfigurationError, and nothing is sent', async () => {
  const getData = syncClient({ client: axios.create(), url: '/data' })(function getData() {});

  const error = await rejectionOf(getData());

  expect(error).toBeInstanceOf(ConfigurationError);
  expect(error.message).toMatch(
    /^getData: the url "\/data" is relative and there is no baseURL\. Give one/,
  );
  expect(server.requests).toHaveLength(0);
});

test('credentials on a client with no absolute origin are a ConfigurationError from the core', async () => {
  const getData = syncClient({
    client: axios.create({ baseURL: '/api' }),
    url: '/data',
    authToken: 'tok',
  })(function getData() {});

  const error = await rejectionOf(getData());

  expect(error).toBeInstanceOf(ConfigurationError);
  expect(error.message).toMatch(/allowedOrigins/);
});

test('with client, refreshOn without any credential provider is a ConfigurationError, and nothing is sent', async () => {
  const instance = axios.create({ baseURL: server.origin });
  const getData = syncClient({ client: instance, url: '/data', refreshOn: [401] })(
    function getData() {},
  );

  const error = await rejectionOf(getData());

  expect(error).toBeInstanceOf(ConfigurationError);
  expect(error.message).toMatch(/refreshOn/);
  expect(server.requests).toHaveLength(0);
});
