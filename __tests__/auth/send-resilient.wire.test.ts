// The adapter wrapper hands a call to the resilience layer after resolving its credentials:
// each attempt sends fresh ones, a credential that cannot be resolved sends nothing.
import axios from 'axios';
import { attachAuth } from '../../src/index';
import { hasFetchAdapter } from '../helpers/axios-features';
import { useServer } from '../helpers/server';
import { advance, until, useFakeTime } from '../resilience/helpers/wire';

const server = useServer();

/** Answers each request with the next status of `statuses` (the last one repeats). */
const answer = (...statuses: number[]) =>
  server.handle((_req, res) => {
    res.statusCode = statuses[Math.min(server.requests.length - 1, statuses.length - 1)]!;
    res.end('{}');
  });

const adapters = hasFetchAdapter ? (['http', 'fetch'] as const) : (['http'] as const);

test.each(adapters)(
  'on the %s adapter, each attempt sends a freshly asked credential and takes it off again',
  async (adapter) => {
    answer(500, 500, 200);
    let calls = 0;
    const api = axios.create({ baseURL: server.origin, adapter });
    attachAuth(api, { authToken: () => `t${++calls}`, apiKey: 'key' });

    const response = await api.get('/me', { resilience: { retries: 2, retryDelay: 0 } });

    expect(response.status).toBe(200);
    expect(server.requests.map((r) => r.headers['authorization'])).toEqual([
      'Bearer t1',
      'Bearer t2',
      'Bearer t3',
    ]);
    expect(server.requests.map((r) => r.headers['x-api-key'])).toEqual(['key', 'key', 'key']);
    expect(response.config.headers.has('Authorization')).toBe(false);
  },
);

test('a refreshOn status is not retried: the refresh replays the call once, under the same options', async () => {
  answer(401, 503, 200);
  const asked: boolean[] = [];
  let token = 'old';
  const api = axios.create({ baseURL: server.origin });
  attachAuth(api, {
    authToken: ({ refresh }) => {
      asked.push(refresh);
      if (refresh) token = 'new';
      return token;
    },
    refreshOn: [401],
  });

  const response = await api.get('/me', { resilience: { retries: 2, retryDelay: 0 } });

  expect(response.status).toBe(200);
  expect(server.requests.map((r) => r.headers['authorization'])).toEqual([
    'Bearer old',
    'Bearer new',
    'Bearer new',
  ]);
  expect(asked).toEqual([false, true, false]);
});

describe('time', () => {
  useFakeTime();

  test("a slow credential counts against the first attempt's timeout only; a retry asks again within its own", async () => {
    const arrivals: number[] = [];
    server.handle((_req, res) => {
      arrivals.push(Date.now());
      setTimeout(() => res.end('"ok"'), 70);
    });
    let calls = 0;
    const retried: unknown[] = [];
    const api = axios.create({ baseURL: server.origin, timeout: 100 });
    attachAuth(api, {
      authToken: () =>
        ++calls === 1
          ? new Promise<string>((resolve) => setTimeout(() => resolve('t1'), 60))
          : 't2',
    });
    const t0 = Date.now();
    const pending = api.get('/x', {
      resilience: {
        retries: 1,
        retryDelay: 0,
        totalTimeout: 1_000,
        onRetry: (e) => void retried.push(e.error),
      },
    });
    await advance(60);
    await until(() => arrivals.length === 1, 'the first attempt');
    await jest.advanceTimersByTimeAsync(40);
    await until(() => arrivals.length === 2, 'the second attempt');
    await jest.advanceTimersByTimeAsync(70);
    const response = await pending;

    expect(arrivals.map((t) => t - t0)).toEqual([60, 100]);
    expect(retried.map(String)).toEqual(['AxiosError: timeout of 40ms exceeded']);
    expect(server.requests.map((r) => r.headers['authorization'])).toEqual([
      'Bearer t1',
      'Bearer t2',
    ]);
    expect(response.data).toBe('ok');
  });
});
