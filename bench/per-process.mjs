// The per-process mode: each contender in a fresh process of its own for every round, the
// order rotated each round as in the shared-process rounds. With all contenders in one process,
// one contender's garbage is collected during another's block, so one that allocates more is
// billed less than it costs; alone, each pays for its own.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL('./one-contender.mjs', import.meta.url));

const rotate = (list, by) => list.map((_, i) => list[(i + by) % list.length]);

/**
 * `{ cpu, wall, bytes }`: per contender id, one value per round (round r at index r), CPU and
 * wall µs per request and bytes allocated per request (null when every block saw a collection).
 */
export async function runPerProcess(ids, { rounds, requests, warmup, lib, log }) {
  const cpu = new Map(ids.map((id) => [id, []]));
  const wall = new Map(ids.map((id) => [id, []]));
  const bytes = new Map(ids.map((id) => [id, []]));
  for (let round = 0; round < rounds; round++) {
    for (const id of rotate(ids, round)) {
      const { stdout } = await run(
        process.execPath,
        [
          '--expose-gc',
          CHILD,
          id,
          String(requests),
          String(warmup),
          ...(lib ? [`--lib=${lib}`] : []),
        ],
        { timeout: 60_000 },
      );
      const result = JSON.parse(/** @type {string} */ (stdout.trim().split('\n').pop()));
      cpu.get(id)[round] = result.cpu;
      wall.get(id)[round] = result.wall;
      bytes.get(id)[round] = result.bytes;
    }
    if ((round + 1) % 2 === 0 || round + 1 === rounds)
      log(`per-process: round ${round + 1}/${rounds}`);
  }
  return { cpu, wall, bytes };
}
