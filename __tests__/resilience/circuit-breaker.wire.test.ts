import type { AxiosError } from 'axios';
import { attemptsOf, CircuitBreaker, isCircuitBreakerOpenError } from '../../src/index';
import type { CircuitBreakerOpenError, GiveUpEvent } from '../../src/index';
import type { DequestEvent } from '../../src/events/dequest-event';
import { useServer } from '../helpers/server';
import { advance, answerAlways, resilientClient, until, useFakeTime } from './helpers/wire';

const server = useServer();
useFakeTime();

const failure = async <E = AxiosError>(promise: Promise<unknown>): Promise<E> => {
  try {
    await promise;
  } catch (error) {
    return error as E;
  }
  throw new Error('expected the request to fail');
};

test("dequest's breaker test: threshold 3, retries 2, always 500 — opens after the third call (9 requests); the fourth sends nothing", async () => {
  answerAlways(server, 500);
  const breaker = new CircuitBreaker({ failureThreshold: 3, recoveryTimeout: 30_000 });
  const giveUps: GiveUpEvent[] = [];
  const client = resilientClient({
    baseURL: server.origin,
    retries: 2,
    retryDelay: 0,
    circuitBreaker: breaker,
    onGiveUp: (e) => giveUps.push(e),
  });
  const states: string[] = [];
  for (let call = 1; call <= 3; call++) {
    await failure(client.get('/users/1'));
    states.push(`${breaker.state} after ${server.requests.length}`);
  }
  expect(states).toEqual(['CLOSED after 3', 'CLOSED after 6', 'OPEN after 9']);

  const error = await failure<CircuitBreakerOpenError>(
    client.get('http://alice:secret@' + server.origin.slice(7) + '/users/1?api_key=k'),
  );
  expect(server.requests).toHaveLength(9);
  expect(isCircuitBreakerOpenError(error)).toBe(true);
  expect(error.state).toBe('OPEN');
  expect(error.retryAfterMs).toBe(30_000);
  expect(error.message).toBe(
    `Circuit breaker is OPEN: GET ${server.origin}/users/1 blocked, retry in 30 s.`,
  );
  expect(attemptsOf(error)).toBe(0);
  expect(giveUps.map((g) => g.reason)).toEqual([
    'exhausted',
    'exhausted',
    'exhausted',
    'breaker-open',
  ]);
});

test('recovery: still refused at +29,999 ms; at +30,000 ten concurrent calls send 1 request and get 9 fallbacks; its 200 closes the breaker', async () => {
  answerAlways(server, 500);
  const fallback = jest.fn((config: { url?: string }, error: unknown) => ({
    fallback: config.url,
    open: isCircuitBreakerOpenError(error),
  }));
  const breaker = new CircuitBreaker({ failureThreshold: 1, recoveryTimeout: 30_000, fallback });
  const client = resilientClient({ baseURL: server.origin, circuitBreaker: breaker });
  await failure(client.get('/items'));
  expect(breaker.state).toBe('OPEN');

  await jest.advanceTimersByTimeAsync(29_999);
  expect((await client.get('/items')).data).toEqual({ fallback: '/items', open: true });
  expect(server.requests).toHaveLength(1);

  await jest.advanceTimersByTimeAsync(1);
  answerAlways(server, 200);
  const responses = await Promise.all(Array.from({ length: 10 }, () => client.get('/items')));
  expect(server.requests).toHaveLength(2);
  expect(responses.filter((r) => r.fallback === true)).toHaveLength(9);
  expect(responses.filter((r) => r.fallback !== true).map((r) => r.data)).toEqual([
    { status: 200 },
  ]);
  expect(breaker.state).toBe('CLOSED');
});

test('a failed probe opens it again; the next probe goes 30 s later', async () => {
  answerAlways(server, 503);
  const breaker = new CircuitBreaker({ failureThreshold: 1, recoveryTimeout: 30_000 });
  const client = resilientClient({ baseURL: server.origin, circuitBreaker: breaker });
  await failure(client.get('/x'));
  await jest.advanceTimersByTimeAsync(30_000);
  await failure(client.get('/x'));
  expect(server.requests).toHaveLength(2);
  expect(breaker.state).toBe('OPEN');
  await jest.advanceTimersByTimeAsync(29_999);
  expect(isCircuitBreakerOpenError(await failure(client.get('/x')))).toBe(true);
  await jest.advanceTimersByTimeAsync(1);
  await failure(client.get('/x'));
  expect(server.requests).toHaveLength(3);
});

test('ten 404s and ten 401s never open it (threshold 3)', async () => {
  const breaker = new CircuitBreaker({ failureThreshold: 3 });
  const client = resilientClient({
    baseURL: server.origin,
    circuitBreaker: breaker,
    retries: 2,
    retryDelay: 0,
  });
  for (const status of [404, 401]) {
    answerAlways(server, status);
    for (let i = 0; i < 10; i++) await failure(client.get('/me'));
  }
  expect(server.requests).toHaveLength(20);
  expect(breaker.state).toBe('CLOSED');
});

test('statuses an outer layer handles (refreshOn) are neither retried nor counted, even as 5xx', async () => {
  answerAlways(server, 503);
  const breaker = new CircuitBreaker({ failureThreshold: 1 });
  const client = resilientClient({
    baseURL: server.origin,
    circuitBreaker: breaker,
    retries: 3,
    retryDelay: 0,
    outerStatuses: new Set([503]),
  });
  await failure(client.get('/x'));
  expect(server.requests).toHaveLength(1);
  expect(breaker.state).toBe('CLOSED');
});

test('a breaker opened by another call stops this call between its retries', async () => {
  let release: () => void = () => {};
  server.handle((req, res) => {
    res.statusCode = 500;
    if (req.url === '/slow') release = () => res.end();
    else res.end();
  });
  const breaker = new CircuitBreaker({ failureThreshold: 1 });
  const events: DequestEvent[] = [];
  const client = resilientClient({
    baseURL: server.origin,
    circuitBreaker: breaker,
    retries: 3,
    retryDelay: 10,
    onEvent: (e) => events.push(e),
  });
  const slow = failure(client.get('/slow'));
  await until(() => server.requests.length === 1, 'the slow request');
  const fast = failure(client.get('/fast', { resilience: { retries: 0 } }));
  await fast;
  expect(breaker.state).toBe('OPEN');
  release();
  await advance(10);
  const error = await slow;
  expect(isCircuitBreakerOpenError(error)).toBe(true);
  expect((error as unknown as { cause: AxiosError }).cause.response?.status).toBe(500);
  expect(server.requests).toHaveLength(2);
  expect(events).toContainEqual({
    type: 'breaker-state-change',
    breaker: breaker.name,
    from: 'CLOSED',
    to: 'OPEN',
  });
  expect(events).toContainEqual(
    expect.objectContaining({ type: 'retry-gave-up', attempts: 1, reason: 'breaker-open' }),
  );
});

test('a caller abort is not a failure; a 429 is', async () => {
  server.handle(() => {}); // never answers
  const breaker = new CircuitBreaker({ failureThreshold: 1 });
  const client = resilientClient({ baseURL: server.origin, circuitBreaker: breaker });
  const controller = new AbortController();
  const aborted = failure(client.get('/x', { signal: controller.signal }));
  await until(() => server.requests.length === 1, 'the request');
  controller.abort();
  await aborted;
  expect(breaker.state).toBe('CLOSED');
  answerAlways(server, 429);
  await failure(client.get('/x'));
  expect(breaker.state).toBe('OPEN');
});
