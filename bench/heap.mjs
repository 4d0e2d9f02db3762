// Whether memory stays bounded: the heap after a full collection, before and after 100,000
// requests (10,000 with --quick), once every code path is warm (so compiled code and inline
// caches are not counted as growth).
import { drive } from './rounds.mjs';
import { inProcessTransport } from './transports.mjs';

const WARMUP = 10_000;
// Many requests in flight at once, as a busy service has: their state must be freed too.
const IN_FLIGHT = 100;

function heapAfterFullGc() {
  // Twice: the first collection can leave garbage that only a second one frees (weak refs).
  const gc = /** @type {() => void} */ (globalThis.gc); // run.mjs starts node with --expose-gc
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** Heap growth in MB over `requests` requests for each contender, on the in-process adapter. */
export async function measureHeap(contenders, requests, log) {
  const transport = inProcessTransport();
  const rows = [];
  for (const contender of contenders) {
    const client = contender.create(transport);
    await drive(client, WARMUP, IN_FLIGHT);
    const before = heapAfterFullGc();
    await drive(client, requests, IN_FLIGHT);
    const after = heapAfterFullGc();
    rows.push({ label: contender.label, before, after, growthMB: (after - before) / 2 ** 20 });
    log(`heap: ${contender.label}`);
  }
  return { requests, inFlight: IN_FLIGHT, rows };
}
