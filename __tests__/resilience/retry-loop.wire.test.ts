import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { isAxiosError, isCancel } from 'axios';
import type { AxiosError } from 'axios';
import { attemptsOf, isDequestError } from '../../src/index';
import { hasFetchAdapter } from '../helpers/axios-features';
import { useServer } from '../helpers/server';
import {
  advance,
  answerWith,
  failure,
  resilientClient,
  retryHooks,
  until,
  useFakeTime,
} from './helpers/wire';

const server = useServer();
useFakeTime();

const adapters = hasFetchAdapter ? (['http', 'fetch'] as const) : (['http'] as const);

describe.each(adapters)('on the %s adapter', (adapter) => {
  test('500, 500, 200 with retries: 2 and retryDelay: [100, 200] sends at t = 0, 100, 300', async () => {
    const arrivals = answerWith(server, [500, 500, 200]);
    const client = resilientClient({
      baseURL: server.origin,
      adapter,
      retries: 2,
      retryDelay: [100, 200],
    });
    const t0 = Date.now();
    const pending = client.get('/flaky');
    await until(() => arrivals.length === 1, 'the first request');
    await advance(99);
    expect(arrivals).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    await until(() => arrivals.length === 2, 'the second request');
    await advance(199);
    expect(arrivals).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(1);
    const response = await pending;

    expect(arrivals.map((t) => t - t0)).toEqual([0, 100, 300]);
    expect(response.status).toBe(200);
    expect(response.data).toEqual({ request: 3 });
  });

  test('retries: 3 alone against an always-503 server sends 4 requests and says 4 attempts', async () => {
    const arrivals = answerWith(server, [503]);
    const watch = retryHooks();
    const client = resilientClient({
      baseURL: server.origin,
      adapter,
      retries: 3,
      ...watch.options,
    });
    const failed = failure(client.get('/down'));
    // The default delays: equal jitter under 1 s, 2 s, 4 s.
    for (const ceiling of [1_000, 2_000, 4_000]) await advance(ceiling);
    const error = await failed;

    expect(arrivals).toHaveLength(4);
    expect(error.response?.status).toBe(503);
    expect(attemptsOf(error)).toBe(4);
    expect(watch.retried.map((r) => r.attempt)).toEqual([1, 2, 3]);
    watch.retried.forEach((r, i) => {
      expect(r.delayMs).toBeGreaterThanOrEqual(500 * 2 ** i);
      expect(r.delayMs).toBeLessThanOrEqual(1_000 * 2 ** i);
    });
    expect(watch.giveUps).toEqual([{ attempts: 4, error, reason: 'exhausted' }]);
  });

  test('a POST is not retried; with an Idempotency-Key or retryMethods: [POST] it is', async () => {
    const arrivals = answerWith(server, [503]);
    const watch = retryHooks();
    const plain = resilientClient({
      baseURL: server.origin,
      adapter,
      retries: 3,
      retryDelay: 10,
      ...watch.options,
    });
    await failure(plain.post('/pay', { amount: 1 }));
    expect(arrivals).toHaveLength(1);
    expect(watch.giveUps.map((g) => g.reason)).toEqual(['not-retryable']);

    const keyed = failure(
      plain.post('/pay', { amount: 1 }, { headers: { 'Idempotency-Key': 'k-1' } }),
    );
    for (let i = 0; i < 3; i++) await advance(10);
    await keyed;
    expect(arrivals).toHaveLength(5);

    const listed = resilientClient({
      baseURL: server.origin,
      adapter,
      retries: 3,
      retryDelay: 10,
      retryMethods: ['POST'],
    });
    const failed = failure(listed.post('/pay', { amount: 1 }));
    for (let i = 0; i < 3; i++) await advance(10);
    await failed;
    expect(arrivals).toHaveLength(9);
  });

  test('429 with Retry-After: 2 waits 2 s (longer than retryDelay); Retry-After: 120 gives up at once', async () => {
    const arrivals = answerWith(server, [429, 200], { 'retry-after': '2' });
    const client = resilientClient({
      baseURL: server.origin,
      adapter,
      retries: 1,
      retryDelay: 100,
    });
    const t0 = Date.now();
    const pending = client.get('/limited');
    await advance(1_999);
    expect(arrivals).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    await pending;
    expect(arrivals.map((t) => t - t0)).toEqual([0, 2_000]);

    const slow = answerWith(server, [429], { 'retry-after': '120' });
    const watch = retryHooks();
    const patient = resilientClient({
      baseURL: server.origin,
      adapter,
      retries: 3,
      retryDelay: 100,
      ...watch.options,
    });
    const error = await failure(patient.get('/limited'));
    expect(slow).toHaveLength(1);
    expect(error.response?.status).toBe(429);
    expect(watch.retried).toEqual([]);
    expect(watch.giveUps.map((g) => g.reason)).toEqual(['retry-after-too-long']);
  });

  test('a Retry-After date 3 s ahead waits between 2 and 3 s (the date has whole seconds)', async () => {
    const arrivals: number[] = [];
    server.handle((_req, res) => {
      arrivals.push(Date.now());
      if (arrivals.length === 1) {
        res.writeHead(503, { 'retry-after': new Date(Date.now() + 3_000).toUTCString() });
        res.end();
      } else res.end('ok');
    });
    const client = resilientClient({
      baseURL: server.origin,
      adapter,
      retries: 1,
      retryDelay: 0,
    });
    const pending = client.get('/maintenance');
    await advance(3_000);
    await pending;

    expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(2_000);
    expect(arrivals[1]! - arrivals[0]!).toBeLessThanOrEqual(3_000);
  });

  test('an abort during a delay ends the call at once: one request, no further onRetry, reason aborted', async () => {
    const arrivals = answerWith(server, [500]);
    const watch = retryHooks();
    const client = resilientClient({
      baseURL: server.origin,
      adapter,
      retries: 3,
      retryDelay: 1_000,
      ...watch.options,
    });
    const controller = new AbortController();
    const t0 = Date.now();
    const failed = failure(client.get('/down', { signal: controller.signal }));
    await advance(500);
    controller.abort();
    const error = await failed;
    await jest.advanceTimersByTimeAsync(10_000);

    expect(isCancel(error)).toBe(true);
    expect(Date.now() - t0).toBe(10_500);
    expect(arrivals).toHaveLength(1);
    expect(watch.retried).toHaveLength(1);
    expect(watch.giveUps.map((g) => [g.reason, g.attempts])).toEqual([['aborted', 1]]);
  });

  test('a 404 is not retried by default; ECONNRESET is', async () => {
    const arrivals: number[] = [];
    server.handle((req, res) => {
      arrivals.push(Date.now());
      if (req.url === '/missing') {
        res.statusCode = 404;
        res.end();
      } else if (arrivals.length === 2) req.socket.destroy();
      else res.end('ok');
    });
    const client = resilientClient({
      baseURL: server.origin,
      adapter,
      retries: 2,
      retryDelay: 5,
    });
    await failure(client.get('/missing'));
    expect(arrivals).toHaveLength(1);

    const pending = client.get('/reset');
    await advance(5);
    expect((await pending).data).toBe('ok');
    expect(arrivals).toHaveLength(3);
  });

  test('config.resilience: false sends once; { retries: 0 } overrides the client', async () => {
    const arrivals = answerWith(server, [503]);
    const client = resilientClient({
      baseURL: server.origin,
      adapter,
      retries: 3,
      retryDelay: 5,
    });
    await failure(client.get('/a', { resilience: false }));
    await failure(client.get('/a', { resilience: { retries: 0 } }));
    expect(arrivals).toHaveLength(2);
  });
});

describe('deadlines and callbacks', () => {
  // The http adapter (follow-redirects) also arms the socket's idle timeout, on Node's own
  // clock, which no fake clock moves: on a busy machine it fired before the test moved the fake
  // one. Scaled by 1,000 there, the socket's timer is minutes away and only the fake clock counts.
  test.each(adapters)(
    'timeout: 100, totalTimeout: 250, a 200 ms server: 3 attempts, rejected at t = 250 (%s adapter; x1,000 on http)',
    async (adapter) => {
      const unit = adapter === 'http' ? 1_000 : 1;
      const arrivals: number[] = [];
      server.handle((_req, res) => {
        arrivals.push(Date.now());
        setTimeout(() => res.end('late'), 200 * unit);
      });
      const watch = retryHooks();
      const client = resilientClient({
        baseURL: server.origin,
        adapter,
        timeout: 100 * unit,
        totalTimeout: 250 * unit,
        retries: 5,
        retryDelay: 0,
        ...watch.options,
      });
      const t0 = Date.now();
      let settledAt: number | undefined;
      const failed = failure(client.get('/slow')).finally(() => (settledAt = Date.now()));
      for (let n = 1; n <= 3; n++) {
        await until(() => arrivals.length === n, `request ${n}`);
        await jest.advanceTimersByTimeAsync((n < 3 ? 100 : 50) * unit);
      }
      const error = await failed;

      expect(arrivals.map((t) => (t - t0) / unit)).toEqual([0, 100, 200]);
      expect((settledAt! - t0) / unit).toBe(250);
      expect(isAxiosError(error) && ['ECONNABORTED', 'ETIMEDOUT'].includes(error.code!)).toBe(true);
      expect(watch.giveUps.map((g) => [g.reason, g.attempts])).toEqual([['deadline', 3]]);
    },
  );

  test.each(adapters)(
    'totalTimeout ends an attempt in flight at the deadline (%s adapter, no axios timeout)',
    async (adapter) => {
      const arrivals: number[] = [];
      server.handle(() => void arrivals.push(Date.now())); // never answers
      const client = resilientClient({
        baseURL: server.origin,
        adapter,
        totalTimeout: 250,
        retries: 2,
      });
      const t0 = Date.now();
      const failed = failure(client.get('/hangs'));
      await until(() => arrivals.length === 1, 'the request');
      await jest.advanceTimersByTimeAsync(250);
      const error = await failed;

      expect(Date.now() - t0).toBe(250);
      expect(error.code).toBe('ECONNABORTED');
      expect(error.message).toBe('totalTimeout of 250ms exceeded');
      expect(arrivals).toHaveLength(1);
    },
  );

  test('retryDelay: [10] with retries: 3 waits 10, 10, 10 (an exhausted list repeats its last value)', async () => {
    answerWith(server, [503]);
    const watch = retryHooks();
    const client = resilientClient({
      baseURL: server.origin,
      retries: 3,
      retryDelay: [10],
      ...watch.options,
    });
    const failed = failure(client.get('/x'));
    for (let i = 0; i < 3; i++) await advance(10);
    await failed;
    expect(watch.retried.map((r) => r.delayMs)).toEqual([10, 10, 10]);
  });

  test('a generator function starts afresh for every call; (attempt) => ms is asked each time', async () => {
    answerWith(server, [503]);
    const seen: number[][] = [];
    const run = async (retryDelay: Parameters<typeof resilientClient>[0]['retryDelay']) => {
      const watch = retryHooks();
      const client = resilientClient({
        baseURL: server.origin,
        retries: 3,
        retryDelay,
        ...watch.options,
      });
      for (let call = 0; call < 2; call++) {
        const failed = failure(client.get('/x'));
        for (let i = 0; i < 3; i++) await advance(1_000);
        await failed;
      }
      seen.push(watch.retried.map((r) => r.delayMs));
    };
    await run(function* () {
      yield 5;
      yield 7;
    });
    await run((attempt: number) => attempt * 3);
    await run(() => [4, 6][Symbol.iterator]());

    expect(seen).toEqual([
      [5, 7, 7, 5, 7, 7],
      [3, 6, 9, 3, 6, 9],
      [4, 6, 6, 4, 6, 6],
    ]);
  });

  test('giveup is asked only for errors retryOn matched; a throwing giveup stops with the original error as cause', async () => {
    const port = await closedPort();
    const giveup = jest.fn((e: unknown) => (e as AxiosError).response!.status === 404);
    const refused = resilientClient({
      baseURL: `http://127.0.0.1:${port}`,
      retries: 2,
      retryDelay: 0,
      retryOn: [404],
      giveup,
    });
    const error = await failure(refused.get('/x'));
    expect(error.code).toBe('ECONNREFUSED');
    expect(giveup).not.toHaveBeenCalled();

    const arrivals = answerWith(server, [503]);
    const watch = retryHooks();
    const crashing = resilientClient({
      baseURL: server.origin,
      retries: 2,
      retryDelay: 0,
      giveup: (e) =>
        (e as { response: { data: { missing: { field: boolean } } } }).response.data.missing.field,
      ...watch.options,
    });
    const wrapped = await failure(crashing.get('/x'));
    expect(arrivals).toHaveLength(1);
    expect(isDequestError(wrapped)).toBe(true);
    expect(wrapped.message).toMatch(/a retry option threw \(TypeError: /);
    expect((wrapped.cause as AxiosError).response?.status).toBe(503);
    expect(watch.giveUps.map((g) => g.reason)).toEqual(['giveup']);
  });

  test('a POST that never reached the server (ECONNREFUSED) is sent again', async () => {
    const port = await closedPort();
    const listener = net.createServer();
    const client = resilientClient({
      baseURL: `http://127.0.0.1:${port}`,
      retries: 1,
      retryDelay: 50,
      onRetry: () => {
        listener.on('connection', (socket) =>
          socket.end('HTTP/1.1 201 Created\r\ncontent-length: 2\r\n\r\nok'),
        );
        listener.listen(port, '127.0.0.1');
      },
    });
    try {
      const pending = client.post('/orders', { n: 1 });
      await until(() => listener.listening, 'the server to listen');
      await advance(50);
      expect((await pending).status).toBe(201);
    } finally {
      listener.close();
    }
  });
});

/** A loopback port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
