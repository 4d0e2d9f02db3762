import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the server received it. */
export interface ReceivedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export type Handler = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  received: ReceivedRequest,
) => unknown;

/** A real HTTP server on 127.0.0.1 with an ephemeral port, recording what it receives. */
export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly requests: ReceivedRequest[];
  /** Replace the handler (default: 200 with a JSON echo of what was received). */
  handle(handler: Handler): void;
  close(): Promise<void>;
}

const echo: Handler = (_req, res, received) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(received));
};

export async function startServer(handler: Handler = echo): Promise<TestServer> {
  let current = handler;
  const requests: ReceivedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const received: ReceivedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(received);
      Promise.resolve(current(req, res, received)).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
    });
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    handle(next) {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

/**
 * A fresh server for each test of the file (started in beforeEach, closed in afterEach). The
 * returned object always stands for the current test's server.
 */
export function useServer(handler?: Handler): TestServer {
  let current: TestServer | undefined;
  beforeEach(async () => {
    current = await startServer(handler);
  });
  afterEach(() => current?.close());
  return new Proxy({} as TestServer, {
    get: (_target, property) => {
      if (current === undefined) throw new Error('useServer: the server exists only inside a test');
      return current[property as keyof TestServer];
    },
  });
}

/**
 * Waits for every one of `requests`, then resolves with their values or rejects with the first
 * failure. Unlike Promise.all, a test never ends (and the next one starts) while some of its
 * requests are still in flight.
 */
export async function allOf<T>(requests: readonly Promise<T>[]): Promise<T[]> {
  const results = await Promise.allSettled(requests);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
}

/**
 * How long a test of hundreds of concurrent requests may take: each takes well under a second
 * on an idle machine, but CI shares 2 cores with other jobs (a load average of 8 has been seen).
 */
export const CONCURRENCY_TIMEOUT_MS = 60_000;
