// withPlans: how a declared call sends through a client it does not own, with its own
// credentials and its own resilience, leaving the client as it is.
import axios from 'axios';
import type { AxiosResponse } from 'axios';
import { compileAuthPlanIfWanted, withPlans } from '../../src/auth';
import { attachResilience, CircuitBreaker, isCircuitBreakerOpenError } from '../../src/index';
import { compileResilience } from '../../src/resilience';
import { useServer } from '../helpers/server';

const server = useServer((_req, res) => {
  res.statusCode = 500;
  res.end('{}');
});

test("a request's own resilience wins over its instance's, and its onBreakerOpen ends a refused call", async () => {
  const client = axios.create({ baseURL: server.origin });
  attachResilience(client, { retries: 2, retryDelay: 0 });
  const breaker = new CircuitBreaker({ failureThreshold: 1, fallback: () => 'instance fallback' });
  const refused: unknown[] = [];
  const resilience = {
    plan: compileResilience({ circuitBreaker: breaker }, { method: 'GET' }),
    onBreakerOpen: (error: unknown): AxiosResponse => {
      refused.push(error);
      return { data: 'declared fallback' } as AxiosResponse;
    },
  };
  const auth = compileAuthPlanIfWanted({ authToken: 'declared' }, server.origin);
  const send = () => client.request(withPlans(client, { url: '/x' }, { auth, resilience }));

  await expect(send()).rejects.toMatchObject({ response: { status: 500 } });
  const answer = await send();

  expect(server.requests.map((r) => r.headers.authorization)).toEqual(['Bearer declared']);
  expect(breaker.state).toBe('OPEN');
  expect(answer.data).toBe('declared fallback');
  expect(refused.map(isCircuitBreakerOpenError)).toEqual([true]);
});
