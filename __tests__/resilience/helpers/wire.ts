// How the resilience layer's wire tests send: an axios instance whose adapter runs the seam
// with axios's real http (or fetch) adapter as the attempt, the way the auth layer's adapter
// wrapper does (src/auth/send-resilient.ts). A credential given here is put on inside each
// attempt and taken off again, as attachAuth does, and handed to the seam for the cache key.
// Below it, the fake clock and the server scripts these tests share with the auth layer's
// resilience wire tests (__tests__/auth/attach-resilience.*).
import axios from 'axios';
import type { AxiosError, AxiosInstance, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import type { EventListener } from '../../../src/events/dequest-event';
import type { GiveUpEvent, RetryEvent } from '../../../src/index';
import { compileResilience, runResilient } from '../../../src/resilience';
import type { ResilienceOptions } from '../../../src/resilience';
import type { TestServer } from '../../helpers/server';

export interface WireOptions extends ResilienceOptions {
  readonly baseURL: string;
  readonly adapter?: 'http' | 'fetch';
  readonly timeout?: number;
  readonly onEvent?: EventListener;
  /** The token sent on each attempt, asked per attempt (as a provider is). */
  readonly token?: () => string;
  readonly outerStatuses?: ReadonlySet<number>;
}

export function resilientClient(options: WireOptions): AxiosInstance {
  const {
    baseURL,
    adapter = 'http',
    timeout,
    onEvent,
    token,
    outerStatuses,
    ...resilience
  } = options;
  const plan = compileResilience(resilience, onEvent ? { onEvent } : {});
  const send = axios.getAdapter(adapter);
  return axios.create({
    baseURL,
    ...(timeout === undefined ? {} : { timeout }),
    adapter: (config) => {
      const first = token?.();
      const attempt = async (c: InternalAxiosRequestConfig, n: number) => {
        const value = n === 1 ? first : token?.();
        if (value === undefined) return send(c);
        c.headers.set('Authorization', `Bearer ${value}`);
        try {
          return await send(c);
        } finally {
          c.headers.delete('Authorization');
        }
      };
      return runResilient(plan, {
        config,
        attempt,
        credentials: first === undefined ? [] : [`Bearer ${first}`],
        ...(outerStatuses ? { outerStatuses } : {}),
      });
    },
  });
}

/** jest's fake clock for this layer's tests: timers and Date, never the event loop's own turns. */
export const useFakeTime = (): void => {
  beforeEach(() => {
    jest.useFakeTimers({
      doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'],
      now: 1_000_000,
    });
  });
  afterEach(() => {
    jest.useRealTimers();
  });
};

const realNow = (): number => Number(process.hrtime.bigint() / 1_000_000n);

/**
 * Lets real I/O run (the loopback server, sockets) until `condition` holds. Fake time does
 * not move meanwhile. Fails after 10 s of real time, naming what it waited for.
 */
export async function until(condition: () => boolean, what: string): Promise<void> {
  const started = realNow();
  while (!condition()) {
    if (realNow() - started > 10_000) throw new Error(`still waiting for ${what} after 10 s`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * Waits until the layer sleeps on a timer, then moves fake time by `ms`. follow-redirects arms
 * a 0 ms timer per request (axios calls `setTimeout(0)` on it when there is no timeout): such
 * timers are fired first, without moving time, so only a real wait counts.
 */
export async function advance(ms: number): Promise<void> {
  for (;;) {
    await until(() => jest.getTimerCount() > 0, 'a pending timer');
    await jest.advanceTimersByTimeAsync(0);
    if (jest.getTimerCount() > 0) break;
  }
  await jest.advanceTimersByTimeAsync(ms);
}

/**
 * Has `server` answer each request with the next status of `statuses` (the last one repeats)
 * and a body `{ request: n }`. Returns the fake-clock time of each arrival, filled as they come.
 */
export function answerWith(
  server: TestServer,
  statuses: number[],
  headers: Record<string, string> = {},
): number[] {
  const arrivals: number[] = [];
  server.handle((_req, res) => {
    arrivals.push(Date.now());
    res.writeHead(statuses[Math.min(arrivals.length, statuses.length) - 1]!, {
      'content-type': 'application/json',
      ...headers,
    });
    res.end(JSON.stringify({ request: arrivals.length }));
  });
  return arrivals;
}

/** Has `server` answer every request with `status` and a body `{ status }`. */
export function answerAlways(server: TestServer, status: number): void {
  server.handle((_req, res) => {
    res.statusCode = status;
    res.end(JSON.stringify({ status }));
  });
}

/** onRetry and onGiveUp listeners (spread `options` into a client's) and what they heard. */
export function retryHooks() {
  const retried: RetryEvent[] = [];
  const giveUps: GiveUpEvent[] = [];
  return {
    retried,
    giveUps,
    options: {
      onRetry: (e: RetryEvent) => void retried.push(e),
      onGiveUp: (e: GiveUpEvent) => void giveUps.push(e),
    },
  };
}

/** The error a request fails with; fails the test if it succeeds. */
export async function failure(promise: Promise<unknown>): Promise<AxiosError> {
  try {
    await promise;
  } catch (error) {
    return error as AxiosError;
  }
  throw new Error('expected the request to fail');
}

/**
 * GET /me as alice, bob, then alice again: `setUser` is called with each name before its
 * request (to set the token the next request carries). The three responses, in order.
 */
export async function meAsAliceBobAlice(
  api: AxiosInstance,
  setUser: (user: string) => void,
): Promise<AxiosResponse[]> {
  const responses: AxiosResponse[] = [];
  for (const user of ['alice', 'bob', 'alice']) {
    setUser(user);
    responses.push(await api.get('/me'));
  }
  return responses;
}
