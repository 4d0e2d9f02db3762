import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Console } from 'node:console';
import { Writable } from 'node:stream';
import util from 'node:util';
import axios, { type AxiosError, type AxiosInstance, type AxiosRequestConfig } from 'axios';
import { attachAuth, createClient, type AuthOptions } from '../../src';
import { hasFetchAdapter } from '../helpers/axios-features';
import {
  startServer,
  type Handler,
  type ReceivedRequest,
  type TestServer,
} from '../helpers/server';

// Every secret below contains this marker, so one search finds any of them wherever it ends up.
const SECRET = 's3cr3t';

/** One way of holding credentials, and what the server must see when they were sent fresh. */
interface CredentialCase {
  options: () => AuthOptions;
  /** Provider calls so far (0 for static credentials). */
  calls: () => number;
  /** Asserts that `request` carried the credentials of the latest provider call. */
  expectSent: (request: ReceivedRequest) => void;
}

const credentialCases = (): [string, CredentialCase][] => {
  let tokenCalls = 0;
  let keyCalls = 0;
  return [
    [
      'a static token',
      {
        options: () => ({ authToken: `static-tok-${SECRET}` }),
        calls: () => 0,
        expectSent: (r) => {
          expect(r.headers.authorization).toBe(`Bearer static-tok-${SECRET}`);
        },
      },
    ],
    [
      'a token provider',
      {
        options: () => ({ authToken: async () => `provided-tok-${SECRET}-${++tokenCalls}` }),
        calls: () => tokenCalls,
        expectSent: (r) => {
          expect(r.headers.authorization).toBe(`Bearer provided-tok-${SECRET}-${tokenCalls}`);
        },
      },
    ],
    [
      'an api key header from a provider',
      {
        options: () => ({ apiKey: () => `provided-key-${SECRET}-${++keyCalls}` }),
        calls: () => keyCalls,
        expectSent: (r) => {
          expect(r.headers['x-api-key']).toBe(`provided-key-${SECRET}-${keyCalls}`);
        },
      },
    ],
    [
      'an api key query parameter',
      {
        options: () => ({ apiKey: `query-key-${SECRET}`, apiKeyQueryParam: 'api_key' }),
        calls: () => 0,
        expectSent: (r) => {
          expect(r.url).toBe(`/data?api_key=query-key-${SECRET}`);
        },
      },
    ],
  ];
};

type Adapter = 'http' | 'fetch';
type Way = (options: AuthOptions & AxiosRequestConfig) => AxiosInstance;
const ways: [string, Way][] = [
  ['createClient', (options) => createClient(options)],
  [
    'attachAuth on axios.create',
    ({ authToken, apiKey, apiKeyQueryParam, allowedOrigins, ...config }) => {
      const instance = axios.create(config);
      attachAuth(instance, { authToken, apiKey, apiKeyQueryParam, allowedOrigins });
      return instance;
    },
  ],
];

/** Everything a log line, an error reporter or a developer at a REPL could print of a value. */
function printed(value: unknown): Record<string, string> {
  const chunks: string[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  // Node's own Console, as the global console.log is outside jest, writing where we can read it.
  new Console({ stdout: out, stderr: out }).log(value);
  const error = value as AxiosError;
  return {
    'util.inspect': util.inspect(value, { depth: Infinity, showHidden: false }),
    // Beyond what console.log shows: non-enumerable properties too (the sent request lives there).
    'util.inspect showHidden': util.inspect(value, { depth: Infinity, showHidden: true }),
    'console.log': chunks.join(''),
    String: String(value),
    ...(axios.isAxiosError(value)
      ? {
          message: error.message,
          stack: String(error.stack),
          'JSON.stringify': JSON.stringify(error),
          'JSON.stringify(toJSON())': JSON.stringify(error.toJSON()),
        }
      : {}),
  };
}

const expectNoSecret = (value: unknown): void => {
  for (const [how, text] of Object.entries(printed(value))) {
    expect({ how, leaks: text.includes(SECRET) }).toEqual({ how, leaks: false });
  }
};

/**
 * A server that closes every connection before reading a request, until `recover()`: a network
 * failure without a response, on a port this test holds from start to end, so no other process
 * can take it meanwhile (as it could a released port that the test meant to reopen).
 */
async function droppingServer(): Promise<TestServer & { recover(): TestServer }> {
  let dropping = true;
  const requests: ReceivedRequest[] = [];
  const server = http.createServer((req, res) => {
    const received = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: '',
    };
    requests.push(received);
    void ok(req, res, received);
  });
  server.on('connection', (socket) => {
    if (dropping) socket.destroy();
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const dropper: TestServer & { recover(): TestServer } = {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    handle: () => {
      throw new Error('not used');
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
    recover() {
      dropping = false;
      return dropper;
    },
  };
  return dropper;
}

const ok: Handler = (_req, res) => void res.end('ok');

/** How a failing request is set up: where the client points, and how to make the re-send work. */
interface Setup {
  /** The baseURL of the client. */
  origin: string;
  /** Extra credential options the setup needs (an allowed origin). */
  options?: AuthOptions;
  /** The server the failed request reached, if any. */
  reached?: TestServer;
  /** Makes the next attempt succeed; returns the server that receives it. */
  recover(): Promise<TestServer>;
  /** Servers to close after the test. */
  servers: TestServer[];
}

interface Failure {
  /** The status of error.response, per adapter. */
  status(adapter: Adapter): number | undefined;
  /** The error codes axios gives this failure (they differ between adapters and versions). */
  codes: (string | undefined)[];
  config?: AxiosRequestConfig;
  /** The client may give up before the server has read the request (a timeout on a busy machine). */
  mayNotArrive?: boolean;
  start(): Promise<Setup>;
}

// The timeout of a request that must time out (its server never answers): short, since the test waits it out.
const TIMEOUT_MS = 300;
const RESEND_TIMEOUT_MS = 30_000;

/** A server that answers the first request with `first` and every later one with 200 `ok`. */
async function failingOnce(first: Handler): Promise<Setup> {
  let failed = false;
  const server = await startServer((req, res, received) => {
    if (failed) return ok(req, res, received);
    failed = true;
    return first(req, res, received);
  });
  return { origin: server.origin, reached: server, recover: async () => server, servers: [server] };
}

const failures: [string, Failure][] = [
  ...[401, 500].map((status): [string, Failure] => [
    `a ${status} response`,
    {
      status: () => status,
      codes: [status < 500 ? 'ERR_BAD_REQUEST' : 'ERR_BAD_RESPONSE'],
      start: () =>
        failingOnce((_req, res) => {
          res.statusCode = status;
          res.end('nope');
        }),
    },
  ]),
  [
    'a connection closed before any response',
    {
      status: () => undefined,
      codes: ['ECONNRESET', 'ERR_NETWORK'],
      async start() {
        const dropping = await droppingServer();
        return {
          origin: dropping.origin,
          recover: async () => dropping.recover(),
          servers: [dropping],
        };
      },
    },
  ],
  [
    'a timeout',
    {
      status: () => undefined,
      codes: ['ECONNABORTED', 'ETIMEDOUT'],
      config: { timeout: TIMEOUT_MS },
      mayNotArrive: true,
      // Never answers; the connection is closed with the server.
      start: () => failingOnce(() => undefined),
    },
  ],
  [
    'too many redirects',
    {
      // follow-redirects gives no response with this error; our fetch redirects keep the last 3xx.
      status: (adapter) => (adapter === 'fetch' ? 302 : undefined),
      codes: ['ERR_FR_TOO_MANY_REDIRECTS'],
      config: { maxRedirects: 2 },
      async start() {
        let looping = true;
        const server = await startServer((req, res, received) => {
          if (!looping) return ok(req, res, received);
          res.writeHead(302, { location: '/data' });
          res.end();
        });
        const recover = async () => {
          looping = false;
          return server;
        };
        return { origin: server.origin, reached: server, recover, servers: [server] };
      },
    },
  ],
  [
    'a redirect to an allowed origin that closes the connection',
    {
      status: () => undefined,
      codes: ['ECONNRESET', 'ERR_NETWORK'],
      async start() {
        const dropping = await droppingServer();
        // The credentials go on to the failing origin: the hop that fails carries them.
        const server = await startServer((_req, res) => {
          res.writeHead(307, { location: `${dropping.origin}/data` });
          res.end();
        });
        return {
          origin: server.origin,
          options: { allowedOrigins: [dropping.origin] },
          reached: server,
          recover: async () => dropping.recover(),
          servers: [server, dropping],
        };
      },
    },
  ],
];

describe.each<Adapter>(['http', 'fetch'])('redaction with the %s adapter', (adapter) => {
  const describeIf = adapter === 'fetch' && !hasFetchAdapter ? describe.skip : describe;

  describeIf.each(ways)('through %s', (_way, make) => {
    describe.each(credentialCases())('with %s', (_credential, credential) => {
      describe.each(failures)('an error from %s', (_failure, failure) => {
        let setup: Setup | undefined;
        afterEach(() => Promise.all(setup?.servers.map((server) => server.close()) ?? []));

        test('prints no secret, yet stays a working AxiosError that can be re-sent', async () => {
          setup = await failure.start();
          const api = make({
            baseURL: setup.origin,
            adapter,
            ...failure.config,
            ...setup.options,
            ...credential.options(),
          });

          const error = await api.get('/data').catch((e: unknown) => e);
          expect(axios.isAxiosError(error)).toBe(true);
          if (!axios.isAxiosError(error)) return;
          expectNoSecret(error);
          expect(error.response?.status).toBe(failure.status(adapter));
          expect(failure.codes).toContain(error.code);
          expect(error.request).toBeDefined();
          const first = setup.reached?.requests[0];
          if (setup.reached && (first !== undefined || !failure.mayNotArrive)) {
            credential.expectSent(first!);
          }

          const callsBefore = credential.calls();
          const target = await setup.recover();
          // The re-send is error.config as a retry library sends it; only the timeout is
          // widened, so that a loaded machine cannot make the timeout case fail its re-send.
          const retried = await api.request({ ...error.config!, timeout: RESEND_TIMEOUT_MS });
          expect(retried.data).toBe('ok');
          expect(credential.calls()).toBe(callsBefore === 0 ? 0 : callsBefore + 1);
          credential.expectSent(target.requests[target.requests.length - 1]!);
          expectNoSecret(retried);
        });
      });

      test('a successful response prints no secret, and its request is still reachable', async () => {
        const server = await startServer(ok);
        try {
          const api = make({ baseURL: server.origin, adapter, ...credential.options() });
          const response = await api.get('/data');
          credential.expectSent(server.requests[0]!);
          expectNoSecret(response);
          expect(response.request).toBeDefined();
        } finally {
          await server.close();
        }
      });
    });
  });
});

describe('what an error.config reaches', () => {
  test('even printed without custom inspection, the config of an error holds no credential', async () => {
    const server = await startServer((_req, res) => {
      res.statusCode = 401;
      res.end();
    });
    try {
      const api = createClient({
        baseURL: server.origin,
        authToken: 'static-s3cr3t-token',
        apiKey: 'static-s3cr3t-key',
      });
      const error = (await api.get('/').catch((e: unknown) => e)) as AxiosError;
      const printed = util.inspect(error.config, {
        customInspect: false,
        depth: Infinity,
        showHidden: true,
      });
      expect(printed).not.toContain('s3cr3t');
    } finally {
      await server.close();
    }
  });
});
