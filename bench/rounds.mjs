// Round-robin timing: every round times every contender once, in an order rotated by one
// each round, so no contender always runs first, last, or after the same neighbour.
import { BENCH_PATH, ECHO_PATH, API_KEY, TOKEN } from './credentials.mjs';

/** Sends `count` requests with `concurrency` in flight; resolves when all have answered. */
export async function drive(client, count, concurrency) {
  if (concurrency === 1) {
    for (let i = 0; i < count; i++) await client.get(BENCH_PATH);
    return;
  }
  const worker = async (first) => {
    for (let i = first; i < count; i += concurrency) await client.get(BENCH_PATH);
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
}

/**
 * Microseconds per request for `count` requests: elapsed (wall) time, and the CPU time this
 * process used meanwhile (every thread: GC helpers and, on loopback, the server too). CPU
 * time does not count time the process waited for a core, so another program busy on the
 * machine disturbs it far less.
 *
 * No gc() before a block: after a forced full collection the next block ran up to 1.7× as
 * slow here (bare axios 25 → 40 µs), and the more a contender allocates the more it
 * suffered, which skewed every ratio. The rotation of the order spreads each contender's
 * garbage evenly over the others instead.
 */
async function timeBlock(client, count, concurrency) {
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  await drive(client, count, concurrency);
  const wall = Number(process.hrtime.bigint() - started) / 1_000 / count;
  const { user, system } = process.cpuUsage(cpuBefore);
  return { wall, cpu: (user + system) / count };
}

/** Fails loudly when a contender does not send what it should: its timing would mean nothing. */
export async function verify(contender, client) {
  const { data } = await client.get(ECHO_PATH);
  const seen = typeof data === 'string' ? JSON.parse(data) : data;
  const expected =
    contender.sends === false
      ? { authorization: null, apiKey: null }
      : { authorization: `Bearer ${TOKEN}`, apiKey: API_KEY };
  if (seen.authorization !== expected.authorization || seen.apiKey !== expected.apiKey) {
    throw new Error(
      `${contender.id} sent ${JSON.stringify(seen)}, expected ${JSON.stringify(expected)}.`,
    );
  }
}

const rotate = (list, by) => list.map((_, i) => list[(i + by) % list.length]);

/**
 * Times `contenders` on one transport. Returns `{ wall, cpu }`: for each, per contender id,
 * its µs per request in each round (round r at index r), ready for paired ratios.
 */
export async function runRounds(transport, contenders, { rounds, requests, warmup, log }) {
  const clients = new Map(contenders.map((c) => [c.id, c.create(transport)]));
  for (const contender of contenders) await verify(contender, clients.get(contender.id));
  // Two warm-up passes, interleaved like the rounds, so every shared axios code path is
  // optimised for all contenders before the first timed request.
  for (let pass = 0; pass < 2; pass++) {
    for (const contender of contenders) {
      await drive(clients.get(contender.id), warmup, transport.concurrency);
    }
  }
  const wall = new Map(contenders.map((c) => [c.id, []]));
  const cpu = new Map(contenders.map((c) => [c.id, []]));
  for (let round = 0; round < rounds; round++) {
    for (const contender of rotate(contenders, round)) {
      const micros = await timeBlock(clients.get(contender.id), requests, transport.concurrency);
      wall.get(contender.id)[round] = micros.wall;
      cpu.get(contender.id)[round] = micros.cpu;
    }
    if ((round + 1) % 5 === 0 || round + 1 === rounds) {
      log(`${transport.name}: round ${round + 1}/${rounds}`);
    }
  }
  return { wall, cpu };
}
