// Retries of declared calls, on a real server with jest's fake clock: the attempts a user sees
// on the wire, and the error that says how many were made.
import axios, { isAxiosError } from 'axios';
import {
  asyncClient,
  attachResilience,
  attemptsOf,
  isHttpStatusError,
  isTimeoutError,
  syncClient,
} from '../../src';
import { deferred, rejectionOf } from '../helpers/declare';
import { useServer } from '../helpers/server';
import { advance, useFakeTime } from '../resilience/helpers/wire';

const server = useServer();
useFakeTime();

const times: number[] = [];
beforeEach(() => {
  times.length = 0;
  server.handle((_req, res) => {
    times.push(Date.now());
    res.statusCode = 503;
    res.end('{}');
  });
});

// timeout 0: axios would arm a fake-clock timer for its own timeout, which advance() would take
// for the layer's delay.
const declareGetUser = (extra: object = {}) =>
  syncClient({
    url: `${server.origin}/users/{id}`,
    timeout: 0,
    retries: 3,
    retryDelay: [100, 200, 400],
    ...extra,
  })(function getUser(_: { id: number }) {});

test('retries 3, always 503: 4 requests at t = 0, 100, 300, 700, then "failed after 4 attempts"', async () => {
  const getUser = declareGetUser();

  const failed = rejectionOf(getUser({ id: 1 }));
  for (const ms of [100, 200, 400]) await advance(ms);
  const error = await failed;

  expect(times.map((t) => t - times[0]!)).toEqual([0, 100, 300, 700]);
  expect(isHttpStatusError(error)).toBe(true);
  expect(error.message).toBe(
    `GET ${server.origin}/users/1 failed after 4 attempts: status 503 Service Unavailable`,
  );
  expect(error).toMatchObject({ status: 503, attempts: 4 });
  expect(attemptsOf(error)).toBe(4);
  // The last attempt's AxiosError is the cause.
  expect(isAxiosError(error.cause) && error.cause.response?.status).toBe(503);
});

test('through a client given, which has retries of its own: the declaration’s win, the instance keeps its own', async () => {
  const client = axios.create({ baseURL: server.origin, timeout: 0 });
  attachResilience(client, { retries: 1, retryDelay: 50 });
  const getUser = declareGetUser({ client });

  const failed = rejectionOf(getUser({ id: 2 }));
  for (const ms of [100, 200, 400]) await advance(ms);
  const error = await failed;
  expect(server.requests).toHaveLength(4);
  expect(error.message).toContain('failed after 4 attempts');

  const own = rejectionOf(client.get('/users/3'));
  await advance(50);
  await own;
  expect(server.requests).toHaveLength(6);
});

test('a 404 is not retried: one request, the message it always had, attempts 1', async () => {
  server.handle((_req, res) => {
    res.statusCode = 404;
    res.end('{}');
  });
  const getUser = declareGetUser();

  const error = await rejectionOf(getUser({ id: 1 }));

  expect(error.message).toBe(
    `Request failed with status 404 Not Found: GET ${server.origin}/users/1`,
  );
  expect(attemptsOf(error)).toBe(1);
  expect(server.requests).toHaveLength(1);
});

test('timeouts retried: a TimeoutError after 3 attempts', async () => {
  server.handle(() => undefined); // never answers
  const getReport = syncClient({
    url: `${server.origin}/report`,
    timeout: 100,
    retries: 2,
    retryDelay: 0,
  })(function getReport() {});

  const failed = rejectionOf(getReport());
  for (let attempt = 1; attempt <= 3; attempt++) await advance(100);
  const error = await failed;

  expect(isTimeoutError(error)).toBe(true);
  expect(error.message).toBe(
    `GET ${server.origin}/report failed after 3 attempts: timed out after 100 ms`,
  );
  expect(server.requests).toHaveLength(3);
});

test('asyncClient: onError gets the error after the retries', async () => {
  const failure = deferred<unknown>();
  const audit = asyncClient({
    url: `${server.origin}/audit`,
    timeout: 0,
    retries: 2,
    retryDelay: 10,
    onError: failure.resolve,
  })(function audit() {});

  audit();
  for (let i = 0; i < 2; i++) await advance(10);
  const error = (await failure.promise) as Error;

  expect(error.message).toBe(
    `GET ${server.origin}/audit failed after 3 attempts: status 503 Service Unavailable`,
  );
  expect(server.requests).toHaveLength(3);
});
