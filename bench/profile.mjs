// Runs one contender alone, for a CPU profile of its per-request cost:
//   node --cpu-prof --cpu-prof-dir=.profiles bench/profile.mjs ours-create [requests] [--loopback]
//   node bench/profile-summary.mjs .profiles/<file>.cpuprofile
// On the in-process adapter by default; --loopback sends through the loopback server.
import * as axiosDequest from 'axios-dequest';
import { createContenders } from './contenders.mjs';
import { resilienceContenders } from './resilience.mjs';
import { drive } from './rounds.mjs';
import { inProcessTransport, loopbackTransport } from './transports.mjs';

const args = process.argv.slice(2);
const loopback = args.includes('--loopback');
const [id = 'ours-create', count = loopback ? '40000' : '200000'] = args.filter(
  (a) => !a.startsWith('--'),
);
const contenders = [...createContenders(axiosDequest), ...resilienceContenders(axiosDequest)];
const contender = contenders.find((c) => c.id === id);
if (!contender) {
  process.stderr.write(
    `Unknown contender ${id}; one of: ${contenders.map((c) => c.id).join(', ')}\n`,
  );
  process.exit(2);
}
const LOOPBACK_IN_FLIGHT = 8;
const transport = loopback ? await loopbackTransport(LOOPBACK_IN_FLIGHT) : inProcessTransport();
try {
  const requests = Number(count);
  const client = contender.create(transport);
  await drive(client, Math.min(requests, 20_000), transport.concurrency);
  const started = performance.now();
  await drive(client, requests, transport.concurrency);
  const micros = ((performance.now() - started) * 1000) / requests;
  process.stderr.write(
    `${id} (${transport.name}): ${micros.toFixed(2)} µs/request over ${requests} requests\n`,
  );
} finally {
  await transport.close();
}
