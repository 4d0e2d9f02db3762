// Jest setup file: tests may only reach this machine. A connection to any other host fails at
// once with ELOOPBACKONLY, like a refused connection, instead of hanging on DNS or a firewall.
// Socket.prototype is shared by http, https and the fetch adapter (undici), so one patch covers
// every adapter; it is applied once per worker process.
const net = require('node:net');

const MARK = Symbol.for('axios-dequest.loopback-only');

// The host a Socket#connect call targets, in any of its call forms; null for an IPC path.
function targetHost(args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0]; // net.connect passes [options, cb]
  if (first !== null && typeof first === 'object') return first.path ? null : first.host;
  if (typeof first === 'string' && Number.isNaN(Number(first))) return null;
  return typeof args[1] === 'string' ? args[1] : undefined;
}

const isLoopback = (host) =>
  host == null || host === '' || host === 'localhost' || host === '::1' || /^127\./.test(host);

if (!net.Socket.prototype[MARK]) {
  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function loopbackOnlyConnect(...args) {
    const host = targetHost(args);
    if (!isLoopback(host)) {
      const error = new Error(`Tests may only connect to 127.0.0.1, not ${host}`);
      error.code = 'ELOOPBACKONLY';
      process.nextTick(() => this.destroy(error));
      return this;
    }
    return connect.apply(this, args);
  };
  Object.defineProperty(net.Socket.prototype, MARK, { value: true });
}
