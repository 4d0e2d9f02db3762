// The loopback server, in a process of its own: the bench's CPU time (process.cpuUsage) then
// counts the client alone, so the server's work neither dilutes nor scatters the ratios.
// Started by transports.mjs with fork(); reports its port over IPC and exits with its parent.
import http from 'node:http';
import { BODY, ECHO_PATH, echoOf } from './credentials.mjs';

const server = http.createServer((req, res) => {
  const body = req.url === ECHO_PATH ? echoOf((name) => req.headers[name]) : BODY;
  res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
});
// Never let an idle socket close between rounds.
server.keepAliveTimeout = 120_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  // Forked with an IPC channel by transports.mjs, so process.send exists.
  /** @type {NonNullable<typeof process.send>} */ (process.send)({ port });
});
process.on('disconnect', () => process.exit(0));
