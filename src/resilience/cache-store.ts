// The response cache's storage contract, agreed with the Redis store: keep its meaning stable.
import type { EventListener } from '../events/dequest-event';

/**
 * One stored response. JSON-serialisable: `JSON.parse(JSON.stringify(entry))` equals it.
 *
 * @example
 * ```ts
 * const entry: CacheEntry = {
 *   status: 200, statusText: 'OK', headers: { 'content-type': 'application/json' },
 *   body: '{"id":1}', encoding: 'text',
 *   storedAt: Date.now(), expiresAt: Date.now() + 60_000, staleUntil: Date.now() + 60_000,
 * };
 * ```
 */
export interface CacheEntry {
  readonly status: number;
  readonly statusText: string;
  /** Response headers, lower-case names; never set-cookie. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body, encoded so that it survives JSON (the cache layer decides the encoding). */
  readonly body: string;
  /** How `body` is encoded: 'json' (JSON text), 'text', 'base64' (bytes). */
  readonly encoding: 'json' | 'text' | 'base64';
  /**
   * Epoch ms when it was stored, and until when it is fresh; `staleUntil` >= `expiresAt`
   * bounds staleWhileRevalidate / staleIfError.
   */
  readonly storedAt: number;
  readonly expiresAt: number;
  readonly staleUntil: number;
}

/**
 * Where responses are kept. Each method may be sync or async; the cache layer bounds and
 * survives failures (a throw, a rejection or a slow answer is a miss / a skipped write).
 * Keys are made by the cache layer: a fixed prefix and an HMAC-SHA256 of the canonical request
 * and the credentials sent, so a key never holds a credential's bytes.
 *
 * @example
 * ```ts
 * const store: CacheStore = {
 *   get: (key) => map.get(key),
 *   set: (key, entry) => void map.set(key, entry),
 *   delete: (key) => void map.delete(key),
 *   clear: () => map.clear(),
 * };
 * ```
 */
export interface CacheStore {
  get(key: string): CacheEntry | undefined | Promise<CacheEntry | undefined>;
  /** `ttlMs` is how long the store must keep it at most (staleUntil - now). */
  set(key: string, entry: CacheEntry, ttlMs: number): void | Promise<void>;
  delete(key: string): void | Promise<void>;
  /** Removes only this store's entries (its namespace), never anything else. */
  clear(): void | Promise<void>;
  /**
   * True when other processes share this store: the cache then requires an explicit
   * keySecret so every replica computes the same credential-partitioned keys.
   */
  readonly shared?: boolean;
  /**
   * Optional: called once by each client whose cache uses this store, with the client's
   * `onEvent`, so the store's own events (a Redis store's `store-unavailable`,
   * `store-recovered`) reach that listener too. Hold it weakly (a client may be dropped).
   */
  watch?(listener: EventListener): void;
}
