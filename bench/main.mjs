// The benchmark itself (run.mjs only makes sure gc() is available).
import { pathToFileURL } from 'node:url';
import { createContenders, targets } from './contenders.mjs';
import { measureHeap } from './heap.mjs';
import { describeMachine } from './machine.mjs';
import { countProviderCalls } from './provider-calls.mjs';
import {
  heapTable,
  machineLines,
  providerCallsTable,
  targetTable,
  timingTable,
} from './report.mjs';
import { runPerProcess } from './per-process.mjs';
import {
  concurrentGetsTable,
  perProcessTable,
  resilienceTargetTable,
  notWiredLine,
} from './report-resilience.mjs';
import {
  countConcurrentGets,
  isWired,
  resilienceContenders,
  resilienceTargets,
} from './resilience.mjs';
import { runRounds } from './rounds.mjs';
import { inProcessAdapter, inProcessTransport, loopbackTransport } from './transports.mjs';

// Sized for three to seven minutes on 2 cores (more when other work shares them); `--quick` is a smoke run.
const FULL = {
  rounds: 30,
  inProcess: { requests: 1_500, warmup: 4_000 },
  loopback: { requests: 600, warmup: 1_000, concurrency: 8 },
  heapRequests: 100_000,
  perProcess: { rounds: 6, requests: 1_500, warmup: 2_000 },
};
const QUICK = {
  rounds: 3,
  inProcess: { requests: 300, warmup: 300 },
  loopback: { requests: 100, warmup: 100, concurrency: 8 },
  heapRequests: 10_000,
  perProcess: { rounds: 1, requests: 200, warmup: 200 },
};
// npm run bench must end by itself whatever happens: a hung request must not hang CI. A full run
// (shared rounds, every contender in its own process per round, the resilience rows) takes 4-7
// minutes on 2 cores that other work shares.
const DEADLINE_MS = 600_000;
const HEAP_CONTENDERS = ['bare', 'ours-create', 'ours-cached'];

const log = (line) => process.stderr.write(`bench: ${line}\n`);

/**
 * `--quick`: a few seconds, numbers only good for checking that it runs.
 * `--lib=<file>`: measure another build of axios-dequest (a candidate fix) instead of the
 * package's own dist/, e.g. `--lib=/tmp/index.mjs`.
 */
export async function main(args) {
  const settings = args.includes('--quick') ? QUICK : FULL;
  const libArg = args.find((a) => a.startsWith('--lib='))?.slice('--lib='.length);
  const lib = await import(libArg ? pathToFileURL(libArg).href : 'axios-dequest');
  const contenders = createContenders(lib);

  const watchdog = setTimeout(() => {
    log(`still running after ${DEADLINE_MS / 1000} s: aborting.`);
    process.exit(1);
  }, DEADLINE_MS);
  watchdog.unref();
  const started = performance.now();

  const timings = [];
  for (const open of [
    () => inProcessTransport(),
    () => loopbackTransport(settings.loopback.concurrency),
  ]) {
    const transport = await open();
    const sizes = transport.concurrency === 1 ? settings.inProcess : settings.loopback;
    const options = { rounds: settings.rounds, ...sizes, log };
    try {
      timings.push({
        transport,
        options,
        samples: await runRounds(transport, contenders, options),
      });
    } finally {
      await transport.close();
    }
  }
  const wired = await isWired(lib);
  const extra = wired ? resilienceContenders(lib) : [];
  let resilienceTiming;
  if (wired) {
    const transport = inProcessTransport();
    const measured = [
      ...contenders.filter((c) => ['bare', 'hand', 'hand-sync', 'ours-create'].includes(c.id)),
      ...extra,
    ];
    const options = { rounds: settings.rounds, ...settings.inProcess, log };
    resilienceTiming = {
      transport,
      options,
      contenders: measured,
      samples: await runRounds(transport, measured, options),
    };
  }
  const perProcess = await runPerProcess(
    [...contenders, ...extra].map((c) => c.id),
    {
      ...settings.perProcess,
      lib: libArg,
      log,
    },
  );
  const concurrent = wired ? await countConcurrentGets(lib, inProcessAdapter, log) : undefined;
  const providerCalls = await countProviderCalls(lib, log);
  const heap = await measureHeap(
    contenders.filter((c) => HEAP_CONTENDERS.includes(c.id)),
    settings.heapRequests,
    log,
  );
  const seconds = (performance.now() - started) / 1000;

  const sections = [
    machineLines(describeMachine(), libArg, seconds),
    ...timings.map(({ transport, options, samples }) =>
      timingTable(transport, contenders, samples, options),
    ),
    targetTable(targets, timings),
    perProcessTable(
      [...contenders, ...extra],
      perProcess,
      /** @type {(typeof timings)[number]} */ (timings[0]).samples,
      settings.perProcess,
    ),
    ...(resilienceTiming !== undefined && concurrent !== undefined
      ? [
          timingTable(
            resilienceTiming.transport,
            resilienceTiming.contenders,
            resilienceTiming.samples,
            resilienceTiming.options,
          ),
          resilienceTargetTable(resilienceTargets, resilienceTiming.samples, perProcess),
          concurrentGetsTable(concurrent),
        ]
      : [notWiredLine()]),
    providerCallsTable(providerCalls),
    heapTable(heap),
  ];
  process.stdout.write(sections.join('\n\n') + '\n');
  clearTimeout(watchdog);
}
