import { isCacheEntry } from '../resilience/guarded-store';
import type { CacheEntry, CacheStore } from '../resilience/cache-store';
import type { EventListener } from '../events/dequest-event';
import type { RedisStoreOptions } from './store-options';
import { badReply, readStoreOptions } from './store-options';

// Every key gets an expiry, so a namespace can never fill Redis for good: a longer (or
// infinite) ttl is kept this long.
const MAX_TTL_MS = 30 * 24 * 60 * 60_000;
// SCAN's work per round trip: large enough that clearing 100,000 keys takes ~100 round trips.
const SCAN_COUNT = '1000';

/**
 * Options of {@link createRedisCacheStore}.
 *
 * @example
 * ```ts
 * const options: RedisCacheStoreOptions = { client, namespace: 'billing', timeoutMs: 50 };
 * ```
 */
export type RedisCacheStoreOptions = RedisStoreOptions;

/**
 * The store {@link createRedisCacheStore} makes: a {@link CacheStore} whose methods are async
 * and never reject, except `clear()`.
 *
 * @example
 * ```ts
 * const store: RedisCacheStore = createRedisCacheStore({ client });
 * const entry = await store.get(key); // undefined on a miss, or when Redis did not answer
 * ```
 */
export interface RedisCacheStore extends CacheStore {
  get(key: string): Promise<CacheEntry | undefined>;
  set(key: string, entry: CacheEntry, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  clear(): Promise<void>;
  readonly shared: true;
  /** Sends this store's `store-unavailable` / `store-recovered` events to `listener` too. */
  watch(listener: EventListener): void;
}

/**
 * A response cache in Redis, shared by every process that uses the same namespace.
 *
 * - Keys are `<namespace>:cache:<the cache's key>` (an HMAC of the request and its credentials,
 *   never a credential's bytes); values are the entry's JSON; every write has an expiry (`PX`).
 * - `get`, `set` and `delete` never fail: a Redis that is not ready, slower than `timeoutMs`
 *   or failing is a miss or a skipped write (logged at most once a minute).
 * - `clear()` removes this namespace's entries only (SCAN + UNLINK, never FLUSHDB), and
 *   rejects with a `RedisUnavailableError` if Redis fails meanwhile.
 * - `shared: true`: the cache then requires an explicit `keySecret`, the same in every process.
 *
 * @example
 * ```ts
 * import { createClient } from 'redis';
 * import { createRedisCacheStore } from 'axios-dequest/redis';
 *
 * const client = await createClient({ url: process.env.REDIS_URL }).on('error', log).connect();
 * const store = createRedisCacheStore({ client, namespace: 'billing' });
 * ```
 */
export function createRedisCacheStore(options: RedisCacheStoreOptions): RedisCacheStore {
  const { prefix, send, fail, log } = readStoreOptions('createRedisCacheStore', 'cache', options);
  const quietly = (): undefined => undefined; // already logged by send

  return {
    shared: true,
    watch: (listener) => log.watch(listener),

    async get(key: string): Promise<CacheEntry | undefined> {
      const reply = await send(['GET', prefix + key]).catch(quietly);
      if (reply === undefined || reply === null) return undefined;
      const entry = parseEntry(String(reply));
      if (entry === undefined) fail(badReply('GET', 'a value that is not a cache entry'));
      return entry;
    },

    async set(key: string, entry: CacheEntry, ttlMs: number): Promise<void> {
      // Nothing to keep (0, negative, NaN), and what was there is replaced by nothing.
      if (!(ttlMs > 0)) return this.delete(key);
      const px = String(Math.min(Math.ceil(ttlMs), MAX_TTL_MS));
      await send(['SET', prefix + key, JSON.stringify(entry), 'PX', px]).catch(quietly);
    },

    async delete(key: string): Promise<void> {
      await send(['UNLINK', prefix + key]).catch(quietly);
    },

    async clear(): Promise<void> {
      const match = escapeGlob(prefix) + '*';
      let cursor = '0';
      do {
        const [next, keys] = readScan(
          await send(['SCAN', cursor, 'MATCH', match, 'COUNT', SCAN_COUNT]),
        );
        if (keys.length > 0) await send(['UNLINK', ...keys]);
        cursor = next;
      } while (cursor !== '0');
    },
  };
}

// What another process (or anyone with access to Redis) wrote there: the cache layer's own rule
// decides whether it is an entry, so a half entry never reaches it.
function parseEntry(text: string): CacheEntry | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isCacheEntry(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

// SCAN's MATCH is a glob: a namespace may hold *, ?, [ or \ and must match only itself.
const escapeGlob = (text: string): string => text.replace(/[*?[\]\\]/g, '\\$&');

function readScan(reply: unknown): [string, string[]] {
  if (Array.isArray(reply) && reply.length === 2 && Array.isArray(reply[1])) {
    return [String(reply[0]), (reply[1] as unknown[]).map(String)];
  }
  throw badReply('SCAN', 'something that is not a cursor and keys');
}
