// asyncClient: fire and forget. The call returns void at once; results go to callback,
// failures to onError or a warning, never to an unhandled rejection.
import { inspect } from 'node:util';
import {
  asyncClient,
  CredentialError,
  DequestError,
  Header,
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

  expect(() => {
    load({ id: 'elphant' });
  }).not.toThrow();

  expect(await failed.promise).toBeInstanceOf(InvalidParameterValueError);
  expect(server.requests).toHaveLength(0);
});

test("without onError a failure is one warning line on the logger: the error's name and message, no error object", async () => {
  server.handle((_req, res) => {
    res.statusCode = 500;
    res.end();
  });
  const warned = deferred<unknown[]>();
  const load = asyncClient({
    url: `${server.origin}/data`,
    logger: {
      warn: (...logged: unknown[]) => {
        warned.resolve(logged);
      },
    },
  })(function load() {});

  load();

  expect(await warned.promise).toEqual([
    `axios-dequest: load failed: HttpStatusError: Request failed with status 500 Internal Server Error: GET ${server.origin}/data`,
  ]);
});

test('the warning never shows a secret from a cause: a header converter that quotes the value', async () => {
  const warned = deferred<unknown[]>();
  const send = asyncClient({
    url: `${server.origin}/data`,
    params: {
      key: Header({
        name: 'X-Key',
        type: (v: string) => {
          throw new Error('bad key ' + v);
        },
      }),
    },
    logger: {
      warn: (...logged: unknown[]) => {
        warned.resolve(logged);
      },
    },
  })(function send(_: { key: string }) {});

  send({ key: 'SECRET-KEY-VALUE' });
  const logged = await warned.promise;

  expect(logged).toEqual([
    expect.stringMatching(/^axios-dequest: send failed: InvalidParameterValueError: /),
  ]);
  expect(inspect(logged, { depth: null })).not.toContain('SECRET-KEY-VALUE');
  expect(server.requests).toHaveLength(0);
});

test('the warning never shows a secret from a cause: a token provider whose error quotes its token', async () => {
  const warned = deferred<unknown[]>();
  const load = asyncClient({
    url: `${server.origin}/data`,
    authToken: () => {
      throw new Error('token SECRET-TOKEN-VALUE expired');
    },
    logger: {
      warn: (...logged: unknown[]) => {
        warned.resolve(logged);
      },
    },
  })(function load() {});

  load();
  const logged = await warned.promise;

  expect(logged).toEqual([expect.stringMatching(/^axios-dequest: load failed: CredentialError: /)]);
  expect(inspect(logged, { depth: null })).not.toContain('SECRET-TOKEN-VALUE');
});

test('onError still gets the error itself, cause and all', async () => {
  const failed = deferred<unknown>();
  const cause = new Error('token SECRET-TOKEN-VALUE expired');
  const load = asyncClient({
    url: `${server.origin}/data`,
    authToken: () => {
      throw cause;
    },
    onError: failed.resolve,
  })(function load() {});

  load();
  const error = (await failed.promise) as Error;

  expect(error).toBeInstanceOf(CredentialError);
  expect(error.cause).toBe(cause);
});

test('the default logger is console: a failure without onError is one console.warn line', async () => {
  const warned = deferred<void>();
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => {
    warned.resolve();
  });
  try {
    const load = asyncClient({ url: `${server.origin}/users/{id}` })(function load() {});

    load();
    await warned.promise;

    expect(warn.mock.calls).toEqual([
      [
        expect.stringMatching(
          /^axios-dequest: load failed: ConfigurationError: load: missing path argument "id"/,
        ),
      ],
    ]);
  } finally {
    warn.mockRestore();
  }
});

test('an onError that throws is reported on the logger, not as an unhandled rejection', async () => {
  const warned = deferred<unknown[]>();
  const load = asyncClient({
    url: `${server.origin}/users/{id}`,
    onError: () => {
      throw new TypeError('onError broke');
    },
    logger: {
      warn: (...logged: unknown[]) => {
        warned.resolve(logged);
      },
    },
  })(function load() {});

  load();

  expect(await warned.promise).toEqual(['axios-dequest: load failed: TypeError: onError broke']);
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
