// asyncClient: fire and forget. The call returns void at once; results go to callback,
// failures to onError or a warning, never to an unhandled rejection.
import {
  asyncClient,
  ConfigurationError,
  DequestError,
  InvalidParameterValueError,
  Path,
} from '../../src';
import { deferred } from '../helpers/declare';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => process.on('unhandledRejection', onUnhandled));
afterAll(() => process.off('unhandledRejection', onUnhandled));
beforeEach(async () => {
  unhandled.length = 0;
  server = await startServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end('{"ok":true}');
  });
});
afterEach(async () => {
  // Give any stray rejection the turn it needs to be reported.
  await new Promise((resolve) => setImmediate(resolve));
  expect(unhandled).toEqual([]);
  await server.close();
});

test('the call returns undefined before the request is sent, and callback gets the data', async () => {
  const done = deferred<unknown>();
  const notify = asyncClient({
    url: `${server.origin}/notify`,
    method: 'POST',
    callback: done.resolve,
  })(function notify(_: { event: string }) {});

  const returned: unknown = notify({ event: 'signup' });

  expect(returned).toBeUndefined();
  expect(server.requests).toHaveLength(0);
  expect(await done.promise).toEqual({ ok: true });
  expect(server.requests[0]!.body).toBe('{"event":"signup"}');
});

test('an async callback is awaited: what it rejects with goes to onError', async () => {
  const failed = deferred<unknown>();
  const problem = new Error('store is down');
  const load = asyncClient({
    url: `${server.origin}/data`,
    callback: async () => {
      throw problem;
    },
    onError: failed.resolve,
  })(function load() {});

  load();

  expect(await failed.promise).toBe(problem);
});

test('an HTTP failure goes to onError as a DequestError naming method and URL', async () => {
  server.handle((_req, res) => {
    res.statusCode = 503;
    res.end();
  });
  const failed = deferred<unknown>();
  const callback = jest.fn();
  const load = asyncClient({ url: `${server.origin}/data`, callback, onError: failed.resolve })(
    function load() {},
  );

  load();
  const error = (await failed.promise) as DequestError;

  expect(error).toBeInstanceOf(DequestError);
  expect(error.message).toBe(
    `Request failed with status 503 Service Unavailable: GET ${server.origin}/data`,
  );
  expect(callback).not.toHaveBeenCalled();
});

test('a bad argument goes to onError too, and nothing is sent', async () => {
  const failed = deferred<unknown>();
  const load = asyncClient({
    url: `${server.origin}/users/{id}`,
    params: { id: Path({ type: Number }) },
    onError: failed.resolve,
  })(function load(_: { id: unknown }) {});

  expect(() => load({ id: 'elphant' })).not.toThrow();

  expect(await failed.promise).toBeInstanceOf(InvalidParameterValueError);
  expect(server.requests).toHaveLength(0);
});

test('without onError a failure is a warning on the logger, with the error', async () => {
  server.handle((_req, res) => {
    res.statusCode = 500;
    res.end();
  });
  const warned = deferred<[string, unknown]>();
  const load = asyncClient({
    url: `${server.origin}/data`,
    logger: { warn: (message, error) => warned.resolve([message, error]) },
  })(function load() {});

  load();
  const [message, error] = await warned.promise;

  expect(message).toBe(
    `axios-dequest: load failed: Request failed with status 500 Internal Server Error: GET ${server.origin}/data`,
  );
  expect(error).toBeInstanceOf(DequestError);
});

test('the default logger is console: a failure without onError is a console.warn', async () => {
  const warned = deferred<void>();
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => warned.resolve());
  try {
    const load = asyncClient({ url: `${server.origin}/users/{id}` })(function load() {});

    load();
    await warned.promise;

    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/^axios-dequest: load failed: load: missing path argument "id"/),
      expect.any(ConfigurationError),
    );
  } finally {
    warn.mockRestore();
  }
});

test('an onError that throws is reported on the logger, not as an unhandled rejection', async () => {
  const warned = deferred<unknown>();
  const thrown = new Error('onError broke');
  const load = asyncClient({
    url: `${server.origin}/users/{id}`,
    onError: () => {
      throw thrown;
    },
    logger: { warn: (_message, error) => warned.resolve(error) },
  })(function load() {});

  load();

  expect(await warned.promise).toBe(thrown);
});

test('a callback that throws and a logger that throws leave no unhandled rejection', async () => {
  const attempted = deferred<void>();
  const load = asyncClient({
    url: `${server.origin}/data`,
    callback: () => {
      throw new Error('callback broke');
    },
    logger: {
      warn: () => {
        attempted.resolve();
        throw new Error('logger broke');
      },
    },
  })(function load() {});

  load();
  await attempted.promise;
  // afterEach checks that no rejection went unhandled.
});
