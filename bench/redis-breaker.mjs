// The shared breaker in bench/redis.mjs: what a call through a CircuitBreaker on the Redis store
// costs beside the in-memory breaker, with the store's local view (the default) and without it
// (maxStalenessMs: 0, a Redis round trip per call), and how soon another replica sees a trip.
// A call is one GET through createClient({ circuitBreaker }) on an in-process adapter that
// answers at once: the request pipeline admits, checks the origin's cool-down, sends, records.
// The same client without a breaker is the baseline.
import { randomUUID } from 'node:crypto';
import { CircuitBreaker, createClient } from 'axios-dequest';
import { createRedisBreakerStore } from 'axios-dequest/redis';
import { median, quantile, ratioSummary } from './stats.mjs';

const ORIGIN = 'https://api.example.com';

/** @typedef {'plain' | 'memory' | 'view' | 'everyCall'} Contender */
/** @typedef {{ median: number, p25: number, p75: number }} Ratio */
/** @typedef {{ cpu: number, wall: number, cpuRatio: Ratio, wallRatio: Ratio, plainRatio: Ratio, commands: number }} Cost */
/** @typedef {{ p50: number, p90: number, max: number }} Delays */
/** @typedef {{ rounds: number, perRound: number, trials: number }} Settings */

/** @type {readonly Contender[]} */
const CONTENDERS = ['plain', 'memory', 'view', 'everyCall'];

/**
 * @param {unknown} value
 * @returns {value is PromiseLike<unknown>}
 */
const isThenable = (value) =>
  typeof value === 'object' &&
  value !== null &&
  'then' in value &&
  typeof value.then === 'function';

/** An adapter that answers at once, as a real one shapes its response. */
/** @type {import('axios').AxiosAdapter} */
const instant = (config) =>
  Promise.resolve({
    data: '{}',
    status: 200,
    statusText: 'OK',
    headers: {},
    config,
    request: null,
  });

/** @param {CircuitBreaker | undefined} circuitBreaker */
const clientWith = (circuitBreaker) =>
  createClient({
    baseURL: ORIGIN,
    authToken: 'bench-token',
    adapter: instant,
    ...(circuitBreaker && { circuitBreaker }),
  });

/** A breaker driven directly, as the request pipeline drives it (to warm a replica's view). */
/** @param {CircuitBreaker} breaker */
async function call(breaker) {
  let admission = breaker.admitNow();
  if (isThenable(admission)) admission = await admission;
  if (!admission.allowed) throw new Error('the bench breaker refused a call');
  const coolDown = breaker.store.coolDownRemaining(ORIGIN);
  if (isThenable(coolDown)) await coolDown;
  await undefined; // the request: an in-process adapter answers at once
  const recorded = breaker.recordNow(admission, 'success');
  if (recorded) await recorded;
}

/**
 * CPU and wall µs per request through createClient, round by round, each contender in turn
 * (the order alternates).
 * @param {Settings} settings
 * @param {Record<Contender, CircuitBreaker | undefined>} breakers
 * @param {Record<Contender, () => number>} sent Redis commands sent so far, per contender
 * @returns {Promise<Record<Contender, Cost>>}
 */
async function perCall(settings, breakers, sent) {
  /** @type {Record<Contender, number[]>} */
  const cpu = { plain: [], memory: [], view: [], everyCall: [] };
  /** @type {Record<Contender, number[]>} */
  const wall = { plain: [], memory: [], view: [], everyCall: [] };
  const commands = { plain: 0, memory: 0, view: 0, everyCall: 0 };
  /** @type {Record<Contender, import('axios').AxiosInstance>} */
  const clients = {
    plain: clientWith(breakers.plain),
    memory: clientWith(breakers.memory),
    view: clientWith(breakers.view),
    everyCall: clientWith(breakers.everyCall),
  };
  /** @param {Contender} name */
  const measure = async (name) => {
    const [started, t0, before] = [process.cpuUsage(), performance.now(), sent[name]()];
    const client = clients[name];
    for (let i = 0; i < settings.perRound; i++) await client.get('/orders');
    const { user, system } = process.cpuUsage(started);
    cpu[name].push((user + system) / settings.perRound);
    wall[name].push(((performance.now() - t0) * 1000) / settings.perRound);
    commands[name] += sent[name]() - before;
  };
  for (const name of CONTENDERS) await measure(name); // warm-up, dropped
  for (const name of CONTENDERS) [cpu[name].length, wall[name].length, commands[name]] = [0, 0, 0];
  for (let round = 0; round < settings.rounds; round++) {
    const order = round % 2 ? [...CONTENDERS].reverse() : CONTENDERS;
    for (const name of order) await measure(name);
  }
  /** @param {Contender} name @returns {Cost} */
  const cost = (name) => ({
    cpu: median(cpu[name]),
    wall: median(wall[name]),
    cpuRatio: ratioSummary(cpu[name], cpu.memory),
    wallRatio: ratioSummary(wall[name], wall.memory),
    plainRatio: ratioSummary(cpu[name], cpu.plain),
    commands: (1_000 * commands[name]) / (settings.rounds * settings.perRound),
  });
  return {
    plain: cost('plain'),
    memory: cost('memory'),
    view: cost('view'),
    everyCall: cost('everyCall'),
  };
}

/**
 * Milliseconds from one replica's trip (its recordFailure answered) to the first call another
 * replica's breaker refuses, that replica calling once a millisecond meanwhile.
 * @param {Settings} settings
 * @param {import('axios-dequest/redis').RedisClient} one the replica that trips it
 * @param {import('axios-dequest/redis').RedisClient} other the replica that must see it
 * @param {number} maxStalenessMs
 * @returns {Promise<Delays>}
 */
async function propagation(settings, one, other, maxStalenessMs) {
  /** @type {number[]} */
  const delays = [];
  for (let trial = 0; trial < settings.trials; trial++) {
    const namespace = `bench:${process.pid}:${randomUUID()}`;
    const options = { namespace, maxStalenessMs, logger: null };
    const a = createRedisBreakerStore({ client: one, ...options });
    const b = createRedisBreakerStore({ client: other, ...options });
    const breaker = new CircuitBreaker({ name: 'api', store: b, recoveryTimeout: 60_000 });
    await call(breaker); // b knows the breaker CLOSED: its view is fresh
    await new Promise((resolve) => setTimeout(resolve, Math.random() * maxStalenessMs));
    for (let i = 0; i < 4; i++) await a.recordFailure('api', 5, 60_000);
    const tripped = await a.recordFailure('api', 5, 60_000);
    if (!tripped.tripped) throw new Error('the bench breaker did not trip');
    const t0 = performance.now();
    for (;;) {
      let admission = breaker.admitNow();
      if (isThenable(admission)) admission = await admission;
      if (!admission.allowed) break;
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    delays.push(performance.now() - t0);
    await a.reset('api');
  }
  return { p50: median(delays), max: Math.max(...delays), p90: quantile(delays, 0.9) };
}

/**
 * A node-redis client that counts the commands sent through it.
 * @param {import('axios-dequest/redis').NodeRedisClient} redis
 */
function counting(redis) {
  let sent = 0;
  /** @type {import('axios-dequest/redis').NodeRedisClient} */
  const client = {
    sendCommand: (args) => {
      sent++;
      return redis.sendCommand(args);
    },
    get isReady() {
      return redis.isReady;
    },
  };
  return { client, sent: () => sent };
}

/**
 * The numbers for the report: per-call cost of each contender, and how soon a trip is seen.
 * @param {Settings} settings
 * @param {import('axios-dequest/redis').NodeRedisClient} redis
 * @param {import('axios-dequest/redis').RedisClient} io a second client: another replica
 */
export async function measureBreaker(settings, redis, io) {
  const namespace = `bench:${process.pid}:${randomUUID()}`;
  const counters = { view: counting(redis), everyCall: counting(redis) };
  const breakers = {
    plain: undefined,
    memory: new CircuitBreaker(),
    view: new CircuitBreaker({
      name: 'hot',
      store: createRedisBreakerStore({ client: counters.view.client, namespace }),
    }),
    everyCall: new CircuitBreaker({
      name: 'hot',
      store: createRedisBreakerStore({
        client: counters.everyCall.client,
        namespace,
        maxStalenessMs: 0,
      }),
    }),
  };
  const sent = {
    plain: () => 0,
    memory: () => 0,
    view: counters.view.sent,
    everyCall: counters.everyCall.sent,
  };
  const costs = await perCall(settings, breakers, sent);
  const seen = {
    view: await propagation(settings, redis, io, 100),
    everyCall: await propagation(settings, redis, io, 0),
  };
  return { costs, seen };
}

/**
 * The report's lines.
 * @param {Settings} settings
 * @param {{ costs: Record<Contender, Cost>, seen: { view: Delays, everyCall: Delays } }} measured
 */
export function breakerReport(settings, { costs, seen }) {
  /** @param {number} value */
  const us = (value) => value.toFixed(1);
  /** @param {Ratio} ratio */
  const ratio = ({ median: m, p25, p75 }) =>
    `${m.toFixed(2)} (${p25.toFixed(2)}–${p75.toFixed(2)})`;
  /** @param {number} value */
  const ms = (value) => value.toFixed(1);
  /** @param {string} label @param {Contender} name */
  const row = (label, name) => {
    const c = costs[name];
    return `| ${label} | ${us(c.cpu)} | ${ratio(c.plainRatio)} | ${ratio(c.cpuRatio)} | ${us(c.wall)} | ${ratio(c.wallRatio)} | ${c.commands.toFixed(1)} |`;
  };
  return [
    `#### Circuit breaker through createClient: one GET (in-process adapter), ${settings.rounds} rounds × ${settings.perRound} sequential requests`,
    '',
    '| `createClient` with | CPU µs/request | × no breaker | × in memory | wall µs/request | × in memory | Redis commands / 1,000 requests |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    row('no `circuitBreaker`', 'plain'),
    row('a `CircuitBreaker` in memory (default store)', 'memory'),
    row('a `CircuitBreaker` on `createRedisBreakerStore` (local view, 100 ms)', 'view'),
    row('a `CircuitBreaker` on `createRedisBreakerStore` (`maxStalenessMs: 0`)', 'everyCall'),
    '',
    `The local view answers from memory and asks Redis at most once per 100 ms per breaker and per origin (a read and a PTTL), whatever the call rate; here ${settings.perRound} calls ran back to back after each other contender's round, so each round began with a stale view.`,
    '',
    `#### Another replica's trip, seen: ms from the trip to the first refused call (calling every ms), ${settings.trials} trials`,
    '',
    '| store | p50 ms | p90 ms | max ms |',
    '| --- | ---: | ---: | ---: |',
    `| local view, 100 ms | ${ms(seen.view.p50)} | ${ms(seen.view.p90)} | ${ms(seen.view.max)} |`,
    `| \`maxStalenessMs: 0\` | ${ms(seen.everyCall.p50)} | ${ms(seen.everyCall.p90)} | ${ms(seen.everyCall.max)} |`,
  ];
}
