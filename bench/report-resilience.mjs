// The markdown of the per-process mode and of the resilience layer's measurements.
import { median, ratioSummary } from './stats.mjs';

const micros = (value) => value.toFixed(1);
const ratio = ({ median: m, p25, p75 }) => `${m.toFixed(3)} (${p25.toFixed(3)}–${p75.toFixed(3)})`;
const kilobytes = (values) => {
  const measured = values.filter((v) => v !== null);
  return measured.length === 0 ? 'n/a' : (median(measured) / 1024).toFixed(1);
};

/**
 * Each contender in a fresh process per round, beside the shared-process ratio of the
 * in-process table: CPU µs per request, the paired ratios, and KB allocated per request.
 */
export function perProcessTable(contenders, { cpu, bytes }, shared, { rounds, requests }) {
  const lines = [
    `#### in-process adapter, a fresh process per contender per round: ${rounds} rounds × ${requests.toLocaleString('en-US')} requests`,
    '',
    '| Contender | µs/request (CPU) | × bare axios | × hand-written | × hand-written, shared process | KB allocated/request |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const contender of contenders) {
    const own = cpu.get(contender.id);
    const sharedOwn = shared.cpu.get(contender.id);
    lines.push(
      `| ${contender.label} | ${micros(median(own))} | ${ratio(ratioSummary(own, cpu.get('bare')))} | ` +
        `${ratio(ratioSummary(own, cpu.get('hand')))} | ` +
        `${sharedOwn ? ratio(ratioSummary(sharedOwn, shared.cpu.get('hand'))) : '–'} | ${kilobytes(bytes.get(contender.id))} |`,
    );
  }
  return lines.join('\n');
}

/** The resilience targets: shared-process and per-process median ratios to their reference. */
export function resilienceTargetTable(targets, shared, perProcess) {
  const lines = [
    '#### Targets of issue 8 (ratio of CPU time, in-process adapter)',
    '',
    '| Target | Reference | Shared process | Own process | Limit |',
    '| --- | --- | ---: | ---: | ---: |',
  ];
  for (const target of targets) {
    const one = (samples) =>
      ratioSummary(samples.cpu.get(target.id), samples.cpu.get(target.reference)).median.toFixed(3);
    lines.push(
      `| ${target.label} | ${target.reference} | ${one(shared)} | ${one(perProcess)} | ≤ ${target.max.toFixed(2)} |`,
    );
  }
  return lines.join('\n');
}

export function concurrentGetsTable({ requests, rows }) {
  return [
    `#### ${requests.toLocaleString('en-US')} concurrent identical GETs (the provider takes 5 ms)`,
    '',
    '| Client | Provider calls | Upstream requests |',
    '| --- | ---: | ---: |',
    ...rows.map((row) => `| ${row.label} | ${row.provider} | ${row.upstream} |`),
  ].join('\n');
}

export const notWiredLine = () =>
  '#### Resilience layer\n\nNot measured: `createClient` in this build does not apply the resilience options yet ' +
  '(the bench probes `retries: 1` against an adapter that fails once). Once it does, this section times ' +
  'retries + breaker against `createClient` alone, a cache hit against axios-cache-interceptor, and counts ' +
  'provider and upstream calls for 1,000 concurrent identical GETs.';
