// The markdown that `npm run bench` prints, and that docs/benchmark.md shows.
import { median, ratioSummary } from './stats.mjs';

const micros = (value) => value.toFixed(1);
const ratio = ({ median: m, p25, p75 }) => `${m.toFixed(3)} (${p25.toFixed(3)}–${p75.toFixed(3)})`;
const count = (n) => n.toLocaleString('en-US');

export function machineLines(machine, lib, seconds) {
  const peers = Object.entries(machine.peers)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ');
  return [
    '### axios-dequest benchmark',
    '',
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.os}; Node ${machine.node}; ` +
      `axios ${machine.axios}; ${peers}.`,
    `Measured: ${lib ? `\`${lib}\`` : 'the built package (dist/)'}. The run took ${seconds.toFixed(0)} s.`,
  ].join('\n');
}

/**
 * One table per transport: median wall and CPU µs per request, and the median of the
 * per-round ratios of CPU time (interquartile range in parentheses).
 */
export function timingTable(transport, contenders, { wall, cpu }, options) {
  const reference = (id) => cpu.get(id);
  const lines = [
    `#### ${transport.name}: ${options.rounds} rounds × ${count(options.requests)} requests per contender, ` +
      `${transport.concurrency} in flight`,
    '',
    '| Contender | µs/request (wall) | µs/request (CPU) | × bare axios | × hand-written | × hand-written (sync) |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const contender of contenders) {
    const own = cpu.get(contender.id);
    lines.push(
      `| ${contender.label} | ${micros(median(wall.get(contender.id)))} | ${micros(median(own))} | ` +
        `${ratio(ratioSummary(own, reference('bare')))} | ${ratio(ratioSummary(own, reference('hand')))} | ` +
        `${ratio(ratioSummary(own, reference('hand-sync')))} |`,
    );
  }
  return lines.join('\n');
}

/** Each target of the issue on each transport: the median paired CPU-time ratio, met or not. */
export function targetTable(targets, timings) {
  const lines = [
    '#### Targets of issue 4 (ratio to the hand-written interceptor)',
    '',
    '| Target | Transport | Median ratio | Limit | Met |',
    '| --- | --- | ---: | ---: | :---: |',
  ];
  for (const target of targets) {
    for (const { transport, samples } of timings) {
      const { median: m } = ratioSummary(samples.cpu.get(target.id), samples.cpu.get('hand'));
      lines.push(
        `| ${target.label} | ${transport.name} | ${m.toFixed(3)} | ≤ ${target.max.toFixed(2)} | ` +
          `${m <= target.max ? 'yes' : '**no**'} |`,
      );
    }
  }
  return lines.join('\n');
}

export function providerCallsTable({ requests, delayMs, rows }) {
  const cell = ({ calls, sent, authorized, rejected }) =>
    `${calls} (${sent} sent, ${authorized} authorized, ${rejected} rejected)`;
  return [
    `#### Provider calls for ${count(requests)} concurrent requests (the provider takes ${delayMs} ms)`,
    '',
    '| Credential | Provider succeeds | Provider fails |',
    '| --- | ---: | ---: |',
    ...rows.map((row) => `| ${row.label} | ${cell(row.ok)} | ${cell(row.failing)} |`),
  ].join('\n');
}

export function heapTable({ requests, inFlight, rows }) {
  const mb = (bytes) => (bytes / 2 ** 20).toFixed(2);
  return [
    `#### Heap over ${count(requests)} requests (${inFlight} in flight, in-process adapter, after full gc)`,
    '',
    '| Contender | Heap before (MB) | Heap after (MB) | Growth (MB) |',
    '| --- | ---: | ---: | ---: |',
    ...rows.map(
      (row) =>
        `| ${row.label} | ${mb(row.before)} | ${mb(row.after)} | ${row.growthMB.toFixed(2)} |`,
    ),
  ].join('\n');
}
