// One contender alone in a fresh process (started by per-process.mjs with --expose-gc): warm
// up, time a block of requests in CPU time, measure bytes allocated per request, and print one
// line of JSON. Nothing else runs in this process, so its garbage is its own.
//   node --expose-gc bench/one-contender.mjs <id> <requests> <warmup> [--lib=<file>]
import { pathToFileURL } from 'node:url';
import { bytesPerRequest } from './allocation.mjs';
import { createContenders } from './contenders.mjs';
import { resilienceContenders } from './resilience.mjs';
import { drive, verify } from './rounds.mjs';
import { inProcessTransport } from './transports.mjs';

const args = process.argv.slice(2);
const [id, requests, warmup] = args.filter((a) => !a.startsWith('--'));
const libArg = args.find((a) => a.startsWith('--lib='))?.slice('--lib='.length);
const lib = await import(libArg ? pathToFileURL(libArg).href : 'axios-dequest');
const contender = [...createContenders(lib), ...resilienceContenders(lib)].find((c) => c.id === id);
if (!contender) throw new Error(`unknown contender ${id}`);

const transport = inProcessTransport();
const client = contender.create(transport);
await verify(contender, client);
await drive(client, Number(warmup), 1);
const cpuBefore = process.cpuUsage();
const started = process.hrtime.bigint();
await drive(client, Number(requests), 1);
const wall = Number(process.hrtime.bigint() - started) / 1_000 / Number(requests);
const { user, system } = process.cpuUsage(cpuBefore);
const bytes = await bytesPerRequest(client);
process.stdout.write(
  JSON.stringify({ id, cpu: (user + system) / Number(requests), wall, bytes }) + '\n',
);
