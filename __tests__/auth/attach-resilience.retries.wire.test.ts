// Retries as a user gets them: through createClient and through attachResilience, on a real
// server, with jest's fake clock. The seam's own rules are proven in __tests__/resilience.
import axios, { isAxiosError, isCancel } from 'axios';
import { attemptsOf } from '../../src/index';
import { makers } from '../helpers/resilient-clients';
import { useServer } from '../helpers/server';
import {
  advance,
  answerWith,
  failure,
  retryHooks,
  until,
  useFakeTime,
} from '../resilience/helpers/wire';

const server = useServer();
useFakeTime();

describe.each(makers)('through %s', (_name, make) => {
  test('500, 500, 200 with retries: 2 and retryDelay: [100, 200] sends at t = 0, 100, 300', async () => {
    const arrivals = answerWith(server, [500, 500, 200]);
    const api = make(server.origin, { retries: 2, retryDelay: [100, 200] });
    const t0 = Date.now();
    const pending = api.get('/flaky');
    await until(() => arrivals.length === 1, 'the first request');
    await advance(100);
    await until(() => arrivals.length === 2, 'the second request');
    await advance(200);
    const response = await pending;

    expect(arrivals.map((t) => t - t0)).toEqual([0, 100, 300]);
    expect(response.data).toEqual({ request: 3 });
  });

  test('retries: 3 against an always-503 server: 4 requests, the last AxiosError, 4 attempts', async () => {
    const arrivals = answerWith(server, [503]);
    const watch = retryHooks();
    const api = make(server.origin, { retries: 3, retryDelay: 10, ...watch.options });
    const failed = failure(api.get('/down'));
    for (let i = 0; i < 3; i++) await advance(10);
    const error = await failed;

    expect(arrivals).toHaveLength(4);
    expect(isAxiosError(error) && error.response?.status).toBe(503);
    expect(attemptsOf(error)).toBe(4);
    expect(watch.giveUps).toEqual([{ attempts: 4, error, reason: 'exhausted' }]);
  });

  test('a POST goes once; with an Idempotency-Key, or retryMethods: [POST], 4 times', async () => {
    const arrivals = answerWith(server, [503]);
    const api = make(server.origin, { retries: 3, retryDelay: 10 });
    await failure(api.post('/pay', { amount: 1 }));
    expect(arrivals).toHaveLength(1);

    const keyed = failure(api.post('/pay', { amount: 1 }, { headers: { 'Idempotency-Key': 'k' } }));
    for (let i = 0; i < 3; i++) await advance(10);
    await keyed;
    expect(arrivals).toHaveLength(5);

    const listed = make(server.origin, { retries: 3, retryDelay: 10, retryMethods: ['POST'] });
    const failed = failure(listed.post('/pay', { amount: 1 }));
    for (let i = 0; i < 3; i++) await advance(10);
    await failed;
    expect(arrivals).toHaveLength(9);
  });

  test('429 with Retry-After: 2 sends again at t = 2,000; Retry-After: 120 gives up at once', async () => {
    const arrivals = answerWith(server, [429, 200], { 'retry-after': '2' });
    const watch = retryHooks();
    const api = make(server.origin, { retries: 1, retryDelay: 10, ...watch.options });
    const t0 = Date.now();
    const pending = api.get('/limited');
    await until(() => arrivals.length === 1, 'the first request');
    await advance(2_000);
    expect((await pending).status).toBe(200);
    expect(arrivals.map((t) => t - t0)).toEqual([0, 2_000]);

    const longer = answerWith(server, [429], { 'retry-after': '120' });
    const error = await failure(api.get('/limited'));
    expect(longer).toHaveLength(1);
    expect(watch.giveUps.map((g) => [g.reason, g.attempts, g.error])).toEqual([
      ['retry-after-too-long', 1, error],
    ]);
  });

  test('an abort during the delay: one request, no further onRetry, reason aborted', async () => {
    const arrivals = answerWith(server, [500]);
    const watch = retryHooks();
    const api = make(server.origin, { retries: 3, retryDelay: 1_000, ...watch.options });
    const controller = new AbortController();
    const failed = failure(api.get('/down', { signal: controller.signal }));
    await advance(500);
    controller.abort();
    const error = await failed;
    await jest.advanceTimersByTimeAsync(10_000);

    expect(isCancel(error)).toBe(true);
    expect(arrivals).toHaveLength(1);
    expect(watch.retried).toHaveLength(1);
    expect(watch.giveUps.map((g) => g.reason)).toEqual(['aborted']);
  });

  test("a CancelToken's cancel during the delay rejects with its own reason, as axios does", async () => {
    const arrivals = answerWith(server, [500]);
    const api = make(server.origin, { retries: 3, retryDelay: 1_000 });
    const source = axios.CancelToken.source();
    const failed = failure(api.get('/down', { cancelToken: source.token }));
    await advance(500);
    source.cancel('the user left the page');
    const error = await failed;

    expect(isCancel(error)).toBe(true);
    expect(error.message).toBe('the user left the page');
    expect(arrivals).toHaveLength(1);
  });

  // In seconds, not ms: the http adapter (follow-redirects) also arms the socket's idle timeout
  // on Node's own clock, which no fake clock moves; on a busy machine it fired first at 100 ms.
  test('timeout: 100, totalTimeout: 250, a 200 ms server: 3 attempts, rejected at t = 250 (x1,000)', async () => {
    const unit = 1_000;
    const arrivals: number[] = [];
    server.handle((_req, res) => {
      arrivals.push(Date.now());
      setTimeout(() => res.end('late'), 200 * unit);
    });
    const watch = retryHooks();
    const api = make(server.origin, {
      timeout: 100 * unit,
      totalTimeout: 250 * unit,
      retries: 5,
      retryDelay: 0,
      ...watch.options,
    });
    const t0 = Date.now();
    let settledAt: number | undefined;
    const failed = failure(api.get('/slow')).finally(() => (settledAt = Date.now()));
    for (let n = 1; n <= 3; n++) {
      await until(() => arrivals.length === n, `request ${n}`);
      await jest.advanceTimersByTimeAsync((n < 3 ? 100 : 50) * unit);
    }
    await failed;

    expect(arrivals.map((t) => (t - t0) / unit)).toEqual([0, 100, 200]);
    expect((settledAt! - t0) / unit).toBe(250);
    expect(watch.giveUps.map((g) => [g.reason, g.attempts])).toEqual([['deadline', 3]]);
  });

  test('per request: resilience: false sends once, { retries: 0 } overrides the client', async () => {
    const arrivals = answerWith(server, [503]);
    const api = make(server.origin, { retries: 3, retryDelay: 10 });
    await failure(api.get('/a', { resilience: false }));
    await failure(api.get('/a', { resilience: { retries: 0 } }));
    expect(arrivals).toHaveLength(2);
  });
});

test('createClient sends its credential on every attempt, and none is left on the config', async () => {
  const arrivals = answerWith(server, [503, 200]);
  const [, make] = makers[0]!;
  const api = make(server.origin, { retries: 1, retryDelay: 10 });
  const pending = api.get('/me');
  await until(() => arrivals.length === 1, 'the first request');
  await advance(10);
  const response = await pending;

  expect(server.requests.map((r) => r.headers['authorization'])).toEqual([
    'Bearer secret',
    'Bearer secret',
  ]);
  expect(response.config.headers.has('Authorization')).toBe(false);
});
