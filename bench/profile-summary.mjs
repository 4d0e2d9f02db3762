// Summarises a .cpuprofile written by `node --cpu-prof bench/profile.mjs <contender>`:
// self time per function (file:line), per file, and the inclusive time of the package's
// own functions. Given a second profile of the same number of requests (another
// contender), it prints where the first spends more, in µs per request.
//
//   node bench/profile-summary.mjs ours.cpuprofile
//   node bench/profile-summary.mjs ours.cpuprofile hand.cpuprofile --requests=220000
import { readFileSync } from 'node:fs';

// Piped into `head`, the reader may leave early: that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const args = process.argv.slice(2);
const files = args.filter((a) => !a.startsWith('--'));
const requests = Number(args.find((a) => a.startsWith('--requests='))?.split('=')[1] ?? 0);
const ROWS = 30;
if (files.length === 0) {
  process.stderr.write(
    'usage: node bench/profile-summary.mjs <a.cpuprofile> [<b.cpuprofile> --requests=N]\n',
  );
  process.exit(2);
}

const shortUrl = (url) =>
  url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/node_modules\//, '')
    .replace(/^.*\/(dist|bench)\//, '$1/');

const keyOf = ({ functionName, url, lineNumber }) =>
  `${functionName || '(anonymous)'} ${url ? `${shortUrl(url)}:${lineNumber + 1}` : '(native)'}`;

/** Self and inclusive microseconds per function key, from one profile. */
function summarise(file) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  // Each sample names the node on top of the stack; the time deltas weigh it.
  const selfOfNode = new Map();
  profile.samples.forEach((nodeId, i) => {
    selfOfNode.set(nodeId, (selfOfNode.get(nodeId) ?? 0) + Math.max(0, profile.timeDeltas[i] ?? 0));
  });
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  const byFile = new Map();
  for (const node of profile.nodes) {
    const micros = selfOfNode.get(node.id) ?? 0;
    if (micros === 0) continue;
    const key = keyOf(node.callFrame);
    self.set(key, (self.get(key) ?? 0) + micros);
    const fileKey = node.callFrame.url ? shortUrl(node.callFrame.url) : node.callFrame.functionName;
    byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + micros);
  }
  // Inclusive time (the function and all it calls), counted once per stack.
  const inclusiveOfNode = new Map();
  const totalOf = (node) => {
    let micros = inclusiveOfNode.get(node.id);
    if (micros !== undefined) return micros;
    micros = selfOfNode.get(node.id) ?? 0;
    for (const child of node.children ?? []) micros += totalOf(nodes.get(child));
    inclusiveOfNode.set(node.id, micros);
    return micros;
  };
  const inclusive = new Map();
  const stack = [[profile.nodes[0], new Set()]];
  while (stack.length > 0) {
    const [node, open] = /** @type {[any, Set<string>]} */ (stack.pop()); // the loop checked length
    const key = keyOf(node.callFrame);
    const counted = !open.has(key);
    if (counted) inclusive.set(key, (inclusive.get(key) ?? 0) + totalOf(node));
    const next = counted ? new Set(open).add(key) : open;
    for (const child of node.children ?? []) stack.push([nodes.get(child), next]);
  }
  const total = [...selfOfNode.values()].reduce((a, b) => a + b, 0);
  return { self, byFile, inclusive, total };
}

/**
 * @param {Map<string, number>} map
 * @param {(value: number) => string} format
 * @param {(key: string) => boolean} [filter]
 */
const top = (map, format, filter = () => true) =>
  [...map.entries()]
    .filter(([key]) => filter(key))
    .sort((a, b) => b[1] - a[1])
    .slice(0, ROWS)
    .map(([key, value]) => `${format(value)}  ${key}`)
    .join('\n');

const a = summarise(files[0]);
const share = (micros) => `${((micros / a.total) * 100).toFixed(1).padStart(5)}%`;
const isOwn = (key) => key.includes('dist/index.');

if (files.length === 1) {
  process.stdout.write(`Self time by function:\n${top(a.self, share)}\n\n`);
  process.stdout.write(`Self time by file:\n${top(a.byFile, share)}\n\n`);
  process.stdout.write(
    `Inclusive time of the package's functions:\n${top(a.inclusive, share, isOwn)}\n`,
  );
} else {
  if (!(requests > 0)) {
    process.stderr.write('Comparing two profiles needs --requests=N (requests in each run).\n');
    process.exit(2);
  }
  const b = summarise(files[1]);
  const perRequest = (micros) => `${(micros / requests).toFixed(3).padStart(7)} µs`;
  const difference = (x, y) => {
    const keys = new Set([...x.keys(), ...y.keys()]);
    return new Map([...keys].map((key) => [key, (x.get(key) ?? 0) - (y.get(key) ?? 0)]));
  };
  process.stdout.write(
    `Total: ${perRequest(a.total)} vs ${perRequest(b.total)} per request ` +
      `(difference ${perRequest(a.total - b.total)}).\n\n`,
  );
  process.stdout.write(
    `Self time, first minus second:\n${top(difference(a.self, b.self), perRequest)}\n\n`,
  );
  process.stdout.write(
    `Inclusive time of the package's functions in the first:\n${top(a.inclusive, perRequest, isOwn)}\n`,
  );
}
