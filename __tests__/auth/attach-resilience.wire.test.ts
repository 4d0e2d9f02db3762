// attachResilience's setup: what it refuses, that it is once per instance, that detach
// restores the instance, and that it lives beside attachAuth on one instance.
import axios from 'axios';
import type { AxiosInstance } from 'axios';
import {
  attachAuth,
  attachResilience,
  attemptsOf,
  ConfigurationError,
  createClient,
} from '../../src/index';
import { useServer } from '../helpers/server';

const server = useServer();

const unavailable = () =>
  server.handle((_req, res) => {
    res.statusCode = 503;
    res.end('{}');
  });

/** How many requests one GET that always gets a 503 makes, and how many attempts it reports. */
async function attemptsOfOneGet(api: AxiosInstance): Promise<[number, number | undefined]> {
  const before = server.requests.length;
  const error: unknown = await api.get('/x').catch((e: unknown) => e);
  return [server.requests.length - before, attemptsOf(error)];
}

test.each([
  [undefined, 'attachResilience needs an axios instance'],
  [{}, 'attachResilience needs an axios instance'],
])('%p as the instance is a ConfigurationError', (instance, message) => {
  expect(() => attachResilience(instance as never, { retries: 1 })).toThrow(ConfigurationError);
  expect(() => attachResilience(instance as never, { retries: 1 })).toThrow(message);
});

test.each([
  [null, 'attachResilience takes an options object'],
  [{ retry_delay: 100 }, 'unknown option retry_delay (did you mean retryDelay?)'],
  [{ retries: 1, baseURL: 'x' }, 'unknown option baseURL. The options are: retries, retryOn'],
  [{ circuitBreaker: {} }, 'circuitBreaker takes a CircuitBreaker instance'],
])('options %p are a ConfigurationError: %s', (options, message) => {
  const api = axios.create({ baseURL: server.origin });
  expect(() => attachResilience(api, options as never)).toThrow(ConfigurationError);
  expect(() => attachResilience(api, options as never)).toThrow(message);
});

test('once per instance: a second attach is refused until the first is detached; detach restores', async () => {
  unavailable();
  const api = axios.create({ baseURL: server.origin });
  const detach = attachResilience(api, { retries: 2, retryDelay: 0 });
  expect(() => attachResilience(api, { retries: 1 })).toThrow(
    'attachResilience was already called on this instance',
  );
  expect(await attemptsOfOneGet(api)).toEqual([3, 3]);

  detach();
  detach();
  expect(await attemptsOfOneGet(api)).toEqual([1, undefined]);
  attachResilience(api, { retries: 1, retryDelay: 0 });
  expect(await attemptsOfOneGet(api)).toEqual([2, 2]);
});

test('createClient with resilience options counts as the attach', () => {
  const api = createClient({ baseURL: server.origin, retries: 1 });
  expect(() => attachResilience(api, { retries: 1 })).toThrow(ConfigurationError);
  expect(() => attachResilience(createClient({ baseURL: server.origin }), {})).not.toThrow();
});

test('beside attachAuth on one instance: each detaches alone, and the other keeps working', async () => {
  unavailable();
  const api = axios.create({ baseURL: server.origin });
  const detachAuth = attachAuth(api, { authToken: 'secret' });
  const detachResilience = attachResilience(api, { retries: 1, retryDelay: 0 });
  expect(await attemptsOfOneGet(api)).toEqual([2, 2]);

  detachAuth();
  expect(await attemptsOfOneGet(api)).toEqual([2, 2]);
  attachAuth(api, { authToken: 'again' });
  detachResilience();
  expect(await attemptsOfOneGet(api)).toEqual([1, undefined]);
  expect(server.requests.map((r) => r.headers.authorization)).toEqual([
    'Bearer secret',
    'Bearer secret',
    undefined,
    undefined,
    'Bearer again',
  ]);
});

test('without options, only a request that asks for it gets the layer', async () => {
  unavailable();
  const api = axios.create({ baseURL: server.origin });
  attachResilience(api, {});
  expect(await attemptsOfOneGet(api)).toEqual([1, undefined]);
  const error: unknown = await api
    .get('/x', { resilience: { retries: 1, retryDelay: 0 } })
    .catch((e: unknown) => e);
  expect(attemptsOf(error)).toBe(2);
  expect(server.requests).toHaveLength(3);
});
