// The two ways a contender's requests leave it: an in-process adapter (pure per-request
// overhead, nothing on the wire) and a loopback HTTP server on 127.0.0.1 (the whole path).
import http from 'node:http';
import { BODY, ECHO_PATH, echoOf } from './credentials.mjs';

const JSON_HEADERS = { 'content-type': 'application/json' };

/**
 * An axios adapter that answers at once with a canned 200, as a real adapter would shape it.
 * `onRequest`, when given, sees each request's headers (for the provider-call counts).
 */
export function inProcessAdapter(onRequest) {
  return function inProcess(config) {
    if (onRequest) onRequest(config.headers);
    const data = config.url === ECHO_PATH ? echoOf((name) => config.headers.get(name)) : BODY;
    return Promise.resolve({
      data,
      status: 200,
      statusText: 'OK',
      headers: JSON_HEADERS,
      config,
      request: null,
    });
  };
}

/** The in-process transport: every contender gets the same adapter function. */
export function inProcessTransport() {
  return {
    name: 'in-process adapter',
    // Never dialled: the adapter answers. An absolute baseURL is what credentials are scoped to.
    config: { baseURL: 'http://127.0.0.1:9', adapter: inProcessAdapter() },
    concurrency: 1,
    close: async () => {},
  };
}

/**
 * A loopback server in this process and one keep-alive agent shared by every contender, so
 * each finds warm sockets. `concurrency` requests are kept in flight: the server's work then
 * overlaps the client's instead of adding a full round trip to each request.
 */
export async function loopbackTransport(concurrency) {
  const server = http.createServer((req, res) => {
    const body = req.url === ECHO_PATH ? echoOf((name) => req.headers[name]) : BODY;
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  });
  // Rounds pause for gc() between contenders; never let an idle socket close under them.
  server.keepAliveTimeout = 120_000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  return {
    name: 'loopback http server',
    config: { baseURL: `http://127.0.0.1:${port}`, httpAgent: agent, proxy: false },
    concurrency,
    close: async () => {
      agent.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
