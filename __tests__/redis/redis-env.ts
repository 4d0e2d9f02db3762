// Where the Redis tests find Redis, and what they do without one: skip with one line locally,
// fail under CI=true (CI always has Redis, so a skip there would hide a whole feature).
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import IORedis from 'ioredis';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

// Decided while jest collects the tests (describe cannot wait for a promise): a child process
// sends one PING and exits 0 on +PONG.
function redisAnswers(url: string): boolean {
  const { hostname, port } = new URL(url);
  const probe = `
    const socket = require('node:net').connect(${Number(port) || 6379}, ${JSON.stringify(hostname)});
    socket.setTimeout(2000, () => process.exit(1));
    socket.on('error', () => process.exit(1));
    socket.on('connect', () => socket.write('PING\\r\\n'));
    socket.on('data', (data) => process.exit(String(data).startsWith('+PONG') ? 0 : 1));`;
  try {
    execFileSync(process.execPath, ['-e', probe], { timeout: 5_000, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const available = redisAnswers(REDIS_URL);

/** `describe` when Redis answers; otherwise a one-line skip, or a failure under CI=true. */
export function describeWithRedis(name: string, body: () => void): void {
  if (available) return describe(name, body);
  const why = `no Redis answers PING at ${REDIS_URL} (start redis-server, or set REDIS_URL)`;
  if (process.env.CI === 'true') {
    describe(name, () => {
      test('Redis is there (CI=true: a skipped Redis test is a failure)', () => {
        throw new Error(why);
      });
    });
    return;
  }
  console.warn(`skipping "${name}": ${why}`);
  describe.skip(name, body);
}

/** A key prefix no other test run (or engineer) uses: `test:<pid>:<uuid>`. */
export const uniqueNamespace = (): string => `test:${process.pid}:${randomUUID()}`;

const newNodeRedis = (url: string) => createClient({ url });
export type NodeRedis = ReturnType<typeof newNodeRedis>;

/** A connected node-redis client; an error listener keeps a dropped connection from crashing jest. */
export async function connectNodeRedis(url = REDIS_URL): Promise<NodeRedis> {
  const client = newNodeRedis(url);
  client.on('error', () => {});
  await client.connect();
  return client;
}

/** A connected ioredis client. */
export async function connectIoRedis(url = REDIS_URL): Promise<IORedis> {
  const client = new IORedis(url, { lazyConnect: true });
  client.on('error', () => {});
  await client.connect();
  return client;
}

/** Every key under `pattern`, with its value dumped as text (strings and hashes). */
export async function dumpKeys(
  client: NodeRedis,
  pattern: string,
): Promise<{ key: string; value: string }[]> {
  const dumped: { key: string; value: string }[] = [];
  for await (const keys of client.scanIterator({ MATCH: pattern, COUNT: 1000 })) {
    for (const key of [keys].flat()) {
      const type = String(await client.sendCommand(['TYPE', key]));
      const value =
        type === 'hash'
          ? JSON.stringify(await client.sendCommand(['HGETALL', key]))
          : String(await client.sendCommand(['GET', key]));
      dumped.push({ key, value });
    }
  }
  return dumped;
}

/** Deletes this run's keys only (never FLUSHDB: the server is shared). */
export async function deleteKeys(client: NodeRedis, pattern: string): Promise<void> {
  for await (const keys of client.scanIterator({ MATCH: pattern, COUNT: 1000 })) {
    const batch = [keys].flat();
    if (batch.length > 0) await client.sendCommand(['UNLINK', ...batch]);
  }
}
