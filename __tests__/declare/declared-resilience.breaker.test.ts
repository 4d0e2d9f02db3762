// dequest's circuit breaker test, through declared calls: a function that makes its own client
// and one that sends through the user's instance, and an API class (standard and legacy
// decorators: this file runs in both jest projects).
import axios from 'axios';
import type { AxiosInstance } from 'axios';
import {
  ApiClient,
  asyncClient,
  CircuitBreaker,
  declared,
  Get,
  isCircuitBreakerOpenError,
  isHttpStatusError,
  syncClient,
} from '../../src';
import { deferred, rejectionOf } from '../helpers/declare';
import { useServer } from '../helpers/server';
import { answerAlways, useFakeTime } from '../resilience/helpers/wire';

const server = useServer();
useFakeTime();

class User {
  constructor(readonly raw: unknown) {}
}

// The breaker's fallback gets what the call got (dequest: fallback_function(*args, **kwargs)).
const offline = (args: { id: number }) => ({ id: args.id, name: 'offline' });

const clients: readonly (readonly [string, (origin: string) => AxiosInstance | undefined])[] = [
  ['its own client', () => undefined],
  ['the client given', (origin) => axios.create({ baseURL: origin })],
];

describe.each(clients)('a declared function, through %s', (_name, clientFor) => {
  test('threshold 3, retries 2, always 500: opens after the third call (9 requests); the fourth sends nothing and gets the fallback of its arguments', async () => {
    answerAlways(server, 500);
    const breaker = new CircuitBreaker({
      failureThreshold: 3,
      recoveryTimeout: 30_000,
      fallback: offline,
    });
    const client = clientFor(server.origin);
    const getUser = syncClient<User, { id: number }>({
      url: `${server.origin}/users/{id}`,
      ...(client === undefined ? {} : { client }),
      retries: 2,
      retryDelay: 0,
      circuitBreaker: breaker,
      dto: User,
    })(function getUser(_: { id: number }) {});

    const seen: string[] = [];
    for (let id = 1; id <= 3; id++) {
      const error = await rejectionOf(getUser({ id }));
      seen.push(`${isHttpStatusError(error)} ${breaker.state} after ${server.requests.length}`);
    }
    const fourth = await getUser({ id: 4 });

    expect(seen).toEqual(['true CLOSED after 3', 'true CLOSED after 6', 'true OPEN after 9']);
    expect(server.requests).toHaveLength(9);
    // The fallback's value is the result as it is: not constructed with the dto.
    expect(fourth).toEqual({ id: 4, name: 'offline' });
    if (client !== undefined) {
      // The user's instance itself got nothing: neither the breaker nor the retries.
      await rejectionOf(client.get('/users/5'));
      expect(server.requests).toHaveLength(10);
    }
  });

  test('without a fallback the open breaker rejects with CircuitBreakerOpenError as it is', async () => {
    answerAlways(server, 503);
    const breaker = new CircuitBreaker({ failureThreshold: 1 });
    const client = clientFor(server.origin);
    const getUser = syncClient({
      url: `${server.origin}/users/{id}`,
      ...(client === undefined ? {} : { client }),
      circuitBreaker: breaker,
    })(function getUser(_: { id: number }) {});

    await rejectionOf(getUser({ id: 1 }));
    const error = await rejectionOf(getUser({ id: 2 }));

    expect(isCircuitBreakerOpenError(error)).toBe(true);
    expect(error.message).toContain(`GET ${server.origin}/users/2`);
    expect(server.requests).toHaveLength(1);
  });
});

test('@ApiClient with a breaker: every method shares it, and each gets its fallback with its own positional arguments', async () => {
  answerAlways(server, 500);
  const breaker = new CircuitBreaker({
    failureThreshold: 2,
    fallback: (...args: unknown[]) => ({ fallbackOf: args }),
  });
  @ApiClient({ baseURL: server.origin, circuitBreaker: breaker })
  class Users {
    @Get('/users/{id}', { args: ['id'] })
    getUser(_id: number): Promise<unknown> {
      return declared();
    }

    @Get('/teams/{team}/users', { args: ['team', 'page'] })
    listUsers(_team: string, _page: number): Promise<unknown> {
      return declared();
    }
  }
  const api = new Users();

  await rejectionOf(api.getUser(1));
  await rejectionOf(api.listUsers('a', 1));
  const results = [await api.getUser(7), await api.listUsers('b', 2)];

  expect(breaker.state).toBe('OPEN');
  expect(server.requests).toHaveLength(2);
  expect(results).toEqual([{ fallbackOf: [7] }, { fallbackOf: ['b', 2] }]);
});

test('a fallback that throws: a DequestError that says so, its error as cause, nothing sent', async () => {
  answerAlways(server, 500);
  const broken = new Error('fallback broke');
  const breaker = new CircuitBreaker({
    failureThreshold: 1,
    fallback: () => {
      throw broken;
    },
  });
  const getUser = syncClient({ url: `${server.origin}/users/{id}`, circuitBreaker: breaker })(
    function getUser(_: { id: number }) {},
  );

  await rejectionOf(getUser({ id: 1 }));
  const error = await rejectionOf(getUser({ id: 2 }));

  expect(error.message).toBe(
    `The circuit breaker is OPEN and its fallback failed: GET ${server.origin}/users/2. Nothing was sent.`,
  );
  expect(error.cause).toBe(broken);
  expect(server.requests).toHaveLength(1);
});

test('asyncClient: the fallback of its arguments goes to callback', async () => {
  answerAlways(server, 500);
  const breaker = new CircuitBreaker({ failureThreshold: 1, fallback: offline });
  const results = [deferred<unknown>(), deferred<unknown>()];
  let call = 0;
  const refresh = asyncClient({
    url: `${server.origin}/users/{id}`,
    circuitBreaker: breaker,
    callback: (user) => results[1]!.resolve(user),
    onError: (error) => results[call++]!.resolve(error),
  })(function refresh(_: { id: number }) {});

  refresh({ id: 1 });
  await results[0]!.promise;
  refresh({ id: 2 });

  expect(await results[1]!.promise).toEqual({ id: 2, name: 'offline' });
  expect(server.requests).toHaveLength(1);
});
