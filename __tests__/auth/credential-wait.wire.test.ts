import http from 'node:http';
import axios from 'axios';
import type { AxiosAdapter, AxiosInstance } from 'axios';
import { attachAuth, createClient, isCredentialError, syncClient } from '../../src/index';
import type { ClientOptions } from '../../src/index';
import type { CredentialContext, CredentialError } from '../../src/index';
import { hasFetchAdapter } from '../helpers/axios-features';
import { deferred } from '../helpers/declare';
import { useServer, type ReceivedRequest } from '../helpers/server';

const server = useServer();

// One connection at a time for the http adapter: a request sent late would be on the wire
// before the request that follows it, so "the server saw only the second" does not hang on time.
// No keep-alive: the test server drops idle connections at once, and a reused one could reset.
let agent: http.Agent;
beforeEach(() => {
  agent = new http.Agent({ keepAlive: false, maxSockets: 1 });
});
afterEach(() => {
  agent.destroy();
  jest.useRealTimers();
});

/** Fake timers (and clock) for a test; sockets, setImmediate and microtasks stay real. */
const fakeTime = (): void => {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'], now: 1_000 });
};

/** Lets every microtask queued so far, and the I/O callbacks ready now, run. No clock involved. */
const flush = () => new Promise((resolve) => setImmediate(resolve));

/** What a request has settled with so far, read without waiting for it. */
function outcomeOf(request: Promise<unknown>) {
  const outcome: { settled: boolean; error?: unknown } = { settled: false };
  request.then(
    () => {
      outcome.settled = true;
    },
    (error: unknown) => {
      outcome.settled = true;
      outcome.error = error;
    },
  );
  return outcome;
}

const seen = (requests: readonly ReceivedRequest[] = server.requests) =>
  requests.map((r) => `${r.method} ${r.url} ${r.headers.authorization ?? '-'}`);

/**
 * A token provider the test answers: the first call waits for `answer`, and `asked` resolves
 * when it was made; every later call returns `later` at once.
 */
function heldProvider(later = 'later-token') {
  const answer = deferred<string>();
  const asked = deferred<CredentialContext>();
  let calls = 0;
  const provider = (ctx: CredentialContext): string | Promise<string> => {
    if (++calls > 1) return later;
    asked.resolve(ctx);
    return answer.promise;
  };
  return { provider, answer, asked, calls: () => calls };
}

const never = (): Promise<string> => new Promise<string>(() => {});

/** A provider's pending answer: `asked` resolves when it is called, `answer` is what it awaits. */
const held = () => ({ asked: deferred<void>(), answer: deferred<string>() });

/** Once `request`'s provider was asked, `ms` of fake time pass; then it gets `value`. */
async function answerAfter<T>(
  request: Promise<T>,
  wait: ReturnType<typeof held>,
  ms: number,
  value: string,
): Promise<T> {
  await wait.asked.promise;
  jest.advanceTimersByTime(ms);
  wait.answer.resolve(value);
  return request;
}

const adapters = hasFetchAdapter ? (['http', 'fetch'] as const) : (['http'] as const);

describe.each(adapters)('with the %s adapter', (adapter) => {
  const client = (options: ClientOptions): AxiosInstance =>
    createClient({ baseURL: server.origin, adapter, httpAgent: agent, ...options });

  /** axios's own adapter, recording the `timeout` of each config it sends. */
  const recordingTimeouts = () => {
    const timeouts: unknown[] = [];
    const send = axios.getAdapter(adapter);
    const recording: AxiosAdapter = (config) => {
      timeouts.push(config.timeout);
      return send(config);
    };
    return { timeouts, adapter: recording };
  };

  describe('a cancelled request is never sent', () => {
    test('a POST aborted while its token provider resolves rejects at once and never reaches the server', async () => {
      const token = heldProvider();
      const api = client({ authToken: token.provider });
      const early = api.post('/early', { item: 'book' }, { signal: AbortSignal.abort() });
      await expect(early.catch((error: unknown) => axios.isCancel(error))).resolves.toBe(true);

      const controller = new AbortController();
      const request = api.post('/orders', { item: 'book' }, { signal: controller.signal });
      const outcome = outcomeOf(request);
      await token.asked.promise;
      controller.abort();
      await flush();

      expect(outcome.settled).toBe(true);
      expect(axios.isCancel(outcome.error)).toBe(true);
      expect(outcome.error).toBeInstanceOf(axios.CanceledError);
      // The provider answers after all; then another request goes the same way.
      token.answer.resolve('secret-token');
      await flush();
      await api.get('/after');
      expect(seen()).toEqual(['GET /after Bearer later-token']);
    });

    test('a request cancelled with a CancelToken while its provider resolves is never sent either', async () => {
      const key = heldProvider('later-key');
      const api = client({ apiKey: key.provider });
      const source = axios.CancelToken.source();

      const request = api.put('/orders/1', { item: 'pen' }, { cancelToken: source.token });
      const outcome = outcomeOf(request);
      await key.asked.promise;
      source.cancel('the user left');
      await flush();

      expect(outcome.settled).toBe(true);
      expect(axios.isCancel(outcome.error)).toBe(true);
      expect((outcome.error as Error).message).toBe('the user left');
      key.answer.resolve('secret-key');
      await flush();
      await api.get('/after');
      expect(
        server.requests.map((r) => `${r.method} ${r.url} ${String(r.headers['x-api-key'])}`),
      ).toEqual(['GET /after later-key']);
    });

    test('a request aborted while it waits for a refreshOn refresh is not replayed', async () => {
      server.handle((req, res) => {
        res.statusCode = req.headers.authorization === 'Bearer fresh' ? 200 : 401;
        res.end();
      });
      const refreshed = deferred<string>();
      const refreshAsked = deferred<void>();
      let current = 'stale';
      const api = client({
        refreshOn: [401],
        authToken: (ctx) => {
          if (!ctx.refresh) return current;
          refreshAsked.resolve();
          return refreshed.promise.then((token) => (current = token));
        },
      });
      const controller = new AbortController();

      const request = api.post('/orders', { item: 'book' }, { signal: controller.signal });
      const outcome = outcomeOf(request);
      await refreshAsked.promise;
      controller.abort();
      await flush();

      expect(outcome.settled).toBe(true);
      expect(axios.isCancel(outcome.error)).toBe(true);
      refreshed.resolve('fresh');
      await flush();
      await api.get('/after');
      expect(seen()).toEqual(['POST /orders Bearer stale', 'GET /after Bearer fresh']);
    });
  });

  describe('timeout bounds the whole call, credentials included', () => {
    test('a token provider that never answers fails the request at its timeout, nothing sent', async () => {
      fakeTime();
      const api = client({ timeout: 50, authToken: never });

      const outcome = outcomeOf(api.post('/orders', { item: 'book' }));
      await flush();
      expect(outcome.settled).toBe(false);
      jest.advanceTimersByTime(50);
      await flush();

      expect(outcome.settled).toBe(true);
      const error = outcome.error as CredentialError;
      expect(isCredentialError(error)).toBe(true);
      expect(error.credential).toBe('authToken');
      expect(error.message).toMatch(/authToken provider timed out after 50 ms/);
      expect(error.message).toMatch(/raise the request's timeout\./);
      expect(error.message).toMatch(new RegExp(`Request not sent: POST ${server.origin}/orders$`));
      await api.get('/after', { skipAuth: true });
      expect(seen()).toEqual(['GET /after -']);
    });

    test('the credential that did not answer is the one named: an api key beside a token that did', async () => {
      fakeTime();
      const api = client({ timeout: 80, authToken: async () => 'token', apiKey: never });

      const outcome = outcomeOf(api.get('/data'));
      await flush();
      jest.advanceTimersByTime(80);
      await flush();

      expect(outcome.settled).toBe(true);
      expect(isCredentialError(outcome.error)).toBe(true);
      expect((outcome.error as CredentialError).credential).toBe('apiKey');
      expect((outcome.error as Error).message).toMatch(/apiKey provider timed out after 80 ms/);
      await api.get('/after', { skipAuth: true });
      expect(seen()).toEqual(['GET /after -']);
    });

    test("a declared call through an instance with auth of its own: the instance's silent provider is named", async () => {
      fakeTime();
      const instance = axios.create({ baseURL: server.origin, adapter, httpAgent: agent });
      attachAuth(instance, { apiKey: never });
      const getData = syncClient({ client: instance, url: '/data', authToken: 'tok', timeout: 60 })(
        function getData() {},
      );

      const outcome = outcomeOf(getData());
      await flush();
      jest.advanceTimersByTime(60);
      await flush();

      expect(outcome.settled).toBe(true);
      expect((outcome.error as CredentialError).credential).toBe('apiKey');
      expect((outcome.error as Error).message).toMatch(/apiKey provider timed out after 60 ms/);
      await instance.get('/after', { skipAuth: true });
      expect(seen()).toEqual(['GET /after -']);
    });

    test('a refresh that never answers fails the request at its timeout, and nothing is replayed', async () => {
      fakeTime();
      server.handle((_req, res) => {
        res.statusCode = 401;
        res.end();
      });
      const refreshAsked = deferred<void>();
      const api = client({
        timeout: 1_000,
        refreshOn: [401],
        authToken: (ctx) => {
          if (!ctx.refresh) return 'stale';
          refreshAsked.resolve();
          return never();
        },
      });

      const outcome = outcomeOf(api.get('/data'));
      await refreshAsked.promise;
      jest.advanceTimersByTime(1_000);
      await flush();

      expect(outcome.settled).toBe(true);
      expect(isCredentialError(outcome.error)).toBe(true);
      expect((outcome.error as CredentialError).credential).toBe('authToken');
      expect((outcome.error as Error).message).toMatch(/timed out after 1000 ms/);
      await api.get('/after', { skipAuth: true }).catch(() => undefined);
      expect(seen()).toEqual(['GET /data Bearer stale', 'GET /after -']);
    });

    test('a request that waited for nothing keeps its own timeout, however long the wrapper took', async () => {
      fakeTime();
      const sent = recordingTimeouts();
      const api = client({
        timeout: 10_000,
        adapter: sent.adapter,
        // A synchronous provider: nothing to wait for. The clock moving stands for a busy
        // machine pausing the process between the wrapper's start and the send.
        authToken: () => {
          jest.advanceTimersByTime(5);
          return 'token';
        },
      });

      await api.get('/data');

      expect(sent.timeouts).toEqual([10_000]);
    });

    test('a replay after a refresh gets what the first send and the refresh left', async () => {
      fakeTime();
      server.handle((req, res) => {
        res.statusCode = req.headers.authorization === 'Bearer fresh' ? 200 : 401;
        res.end();
      });
      const sent = recordingTimeouts();
      const refresh = held();
      const api = client({
        timeout: 1_000,
        refreshOn: [401],
        adapter: sent.adapter,
        authToken: (ctx) => {
          if (!ctx.refresh) return 'stale';
          refresh.asked.resolve();
          return refresh.answer.promise;
        },
      });

      const response = await answerAfter(api.get('/data'), refresh, 400, 'fresh');

      expect(response.status).toBe(200);
      expect(sent.timeouts).toEqual([1_000, 600]);
      expect(seen()).toEqual(['GET /data Bearer stale', 'GET /data Bearer fresh']);
    });

    test('the adapter gets what is left of the timeout; 0 still means no bound', async () => {
      fakeTime();
      const sent = recordingTimeouts();
      let wait = held();
      const api = client({
        timeout: 10_000,
        adapter: sent.adapter,
        authToken: () => {
          wait.asked.resolve();
          return wait.answer.promise;
        },
      });

      const response = await answerAfter(api.get('/data'), wait, 4_000, 'token');
      wait = held();
      await answerAfter(api.get('/data', { timeout: 0 }), wait, 60_000, 'token');

      expect(sent.timeouts).toEqual([6_000, 0]);
      // The caller's config still says what the caller set.
      expect(response.config.timeout).toBe(10_000);
      expect(seen()).toEqual(['GET /data Bearer token', 'GET /data Bearer token']);
    });
  });
});
