// Bytes allocated per request: the heap's growth over a block of requests during which no
// collection ran. After gc() the young generation is empty, and a block small enough to fit in
// it (a few hundred requests) allocates without a scavenge; a gc PerformanceObserver confirms
// it, and a block during which one ran anyway is discarded.
import { PerformanceObserver } from 'node:perf_hooks';
import { drive } from './rounds.mjs';
import { median } from './stats.mjs';

const BLOCK = 25;
const BLOCKS = 15;

/** Median bytes per request over blocks free of collections, or null when none was. */
export async function bytesPerRequest(client, concurrency = 1) {
  const collections = [];
  const observer = new PerformanceObserver((list) => collections.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  const samples = [];
  try {
    for (let block = 0; block < BLOCKS; block++) {
      /** @type {() => void} */ (globalThis.gc)(); // run.mjs starts node with --expose-gc
      await flush();
      const started = performance.now();
      const before = process.memoryUsage().heapUsed;
      await drive(client, BLOCK, concurrency);
      const after = process.memoryUsage().heapUsed;
      const ended = performance.now();
      await flush();
      const collected = collections.some((e) => e.startTime >= started && e.startTime <= ended);
      if (!collected) samples.push((after - before) / BLOCK);
    }
  } finally {
    observer.disconnect();
  }
  return samples.length === 0 ? null : median(samples);
}

// gc entries reach the observer on a later turn of the event loop.
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
