// The two ways a contender's requests leave it: an in-process adapter (pure per-request
// overhead, nothing on the wire) and a loopback HTTP server on 127.0.0.1 (the whole path).
import { fork } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
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
 * A loopback server in a child process and one keep-alive agent shared by every contender, so
 * each finds warm sockets. `concurrency` requests are kept in flight: the server's work then
 * overlaps the client's instead of adding a full round trip to each request.
 */
export async function loopbackTransport(concurrency) {
  const server = fork(fileURLToPath(new URL('./loopback-server.mjs', import.meta.url)), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise((resolve, reject) => {
    server.once('message', (message) => resolve(/** @type {{ port: number }} */ (message).port));
    server.once('error', reject);
    server.once('exit', (code) => reject(new Error(`the loopback server exited (${code})`)));
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  return {
    name: 'loopback http server',
    config: { baseURL: `http://127.0.0.1:${port}`, httpAgent: agent, proxy: false },
    concurrency,
    close: async () => {
      agent.destroy();
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.disconnect();
      await exited;
    },
  };
}
