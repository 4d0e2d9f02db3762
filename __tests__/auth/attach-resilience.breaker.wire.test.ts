// The circuit breaker as a user gets it: through createClient and through attachResilience, on
// a real server, with jest's fake clock.
import axios from 'axios';
import {
  attachAuth,
  attachResilience,
  CircuitBreaker,
  isCircuitBreakerOpenError,
  isCredentialError,
} from '../../src/index';
import { makers } from '../helpers/resilient-clients';
import { allOf, useServer } from '../helpers/server';
import { answerAlways, failure, useFakeTime } from '../resilience/helpers/wire';

const server = useServer();
useFakeTime();

describe.each(makers)('through %s', (_name, make) => {
  test('threshold 3, retries 2, always 500: opens after the third call (9 requests); the fourth sends nothing', async () => {
    answerAlways(server, 500);
    const breaker = new CircuitBreaker({ failureThreshold: 3, recoveryTimeout: 30_000 });
    const api = make(server.origin, { retries: 2, retryDelay: 0, circuitBreaker: breaker });
    const states: string[] = [];
    for (let call = 1; call <= 3; call++) {
      await failure(api.get('/users/1'));
      states.push(`${breaker.state} after ${server.requests.length}`);
    }
    const fourth = await failure(api.get('/users/1'));

    expect(states).toEqual(['CLOSED after 3', 'CLOSED after 6', 'OPEN after 9']);
    expect(isCircuitBreakerOpenError(fourth)).toBe(true);
    expect(server.requests).toHaveLength(9);
  });

  test('at the recovery time, 10 concurrent calls send 1 request and get 9 fallbacks', async () => {
    answerAlways(server, 500);
    const breaker = new CircuitBreaker({
      failureThreshold: 1,
      recoveryTimeout: 30_000,
      fallback: () => ({ fallback: true }),
    });
    const api = make(server.origin, { circuitBreaker: breaker });
    await failure(api.get('/items'));
    await jest.advanceTimersByTimeAsync(30_000);
    answerAlways(server, 200);
    const responses = await allOf(Array.from({ length: 10 }, () => api.get('/items')));

    expect(server.requests).toHaveLength(2);
    expect(responses.filter((r) => r.fallback === true)).toHaveLength(9);
    expect(breaker.state).toBe('CLOSED');
  });

  test('ten 404s and ten 401s never open it (threshold 3)', async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 3 });
    const api = make(server.origin, { circuitBreaker: breaker, retries: 2, retryDelay: 0 });
    for (const status of [404, 401]) {
      answerAlways(server, status);
      for (let i = 0; i < 10; i++) await failure(api.get('/me'));
    }
    expect(server.requests).toHaveLength(20);
    expect(breaker.state).toBe('CLOSED');
  });
});

test.each(['before', 'after'] as const)(
  'a credential that cannot be resolved fails as such: no cached response, no breaker verdict, nothing sent (attachAuth %s attachResilience)',
  async (place) => {
    server.handle((req, res) => {
      res.statusCode = req.url === '/down' ? 500 : 200;
      res.end('{}');
    });
    let vault = true;
    const breaker = new CircuitBreaker({ failureThreshold: 1, fallback: () => 'fallback' });
    const api = axios.create({ baseURL: server.origin });
    const auth = () =>
      attachAuth(api, {
        authToken: () => {
          if (!vault) throw new Error('vault down');
          return 'token';
        },
      });
    if (place === 'before') auth();
    attachResilience(api, { circuitBreaker: breaker, retries: 3, retryDelay: 0, cache: true });
    if (place === 'after') auth();
    await api.get('/cached');
    await failure(api.get('/down')); // 4 attempts, then OPEN
    expect(server.requests).toHaveLength(5);
    expect(breaker.state).toBe('OPEN');

    vault = false;
    const errors = [await failure(api.get('/cached')), await failure(api.get('/down'))];

    expect(errors.map(isCredentialError)).toEqual([true, true]);
    expect(server.requests).toHaveLength(5);
    expect(breaker.state).toBe('OPEN');
  },
);
