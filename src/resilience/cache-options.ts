import { ConfigurationError } from '../errors';
import { HTTP_TOKEN } from '../http/syntax';
import type { CacheStore } from './cache-store';
import { perProcessSecret, type KeyRules } from './cache-key';
import { memoryStore } from './memory-store';

// dequest's default TTL is none at all (forever); five minutes is axios-cache-interceptor's.
const DEFAULT_TTL_MS = 300_000;
// A store slower than this is treated as down: a cache must never cost more than it saves.
const DEFAULT_STORE_TIMEOUT_MS = 100;
// A secret shorter than this is guessable enough to forge keys that collide on purpose.
const MIN_SECRET_BYTES = 16;

/**
 * The response cache (`cache: true` or these options). GET and HEAD only.
 *
 * @example
 * ```ts
 * const client = createClient({ baseURL, authToken, cache: { ttl: 60_000, staleWhileRevalidate: 30_000 } });
 * ```
 */
export interface CacheOptions {
  /** How long a response is fresh, in ms (dequest `cache_ttl`, in seconds). @default 300_000 */
  ttl?: number;
  /** Where responses are kept. @default memoryStore({ maxEntries }) */
  store?: CacheStore;
  /** Size of the default memory store (not allowed with `store`). @default 1000 */
  maxEntries?: number;
  /**
   * For this many ms past `ttl`, a stale response is answered at once while one background
   * request per key refreshes it. @default 0 (off)
   */
  staleWhileRevalidate?: number;
  /**
   * For this many ms past `ttl`, a stale response is answered when the request fails (after
   * retries) or the circuit breaker is open. @default 0 (off)
   */
  staleIfError?: number;
  /**
   * `true` for public data only: one cached response serves every user, because the
   * credentials are left out of the key (and `Cache-Control: private` is not stored).
   * @default false
   */
  shared?: boolean;
  /**
   * The HMAC secret of the keys (at least 16 bytes). Required when the store is shared by
   * processes (`store.shared`), so every replica computes the same keys.
   * @default a random secret per process
   */
  keySecret?: string | Uint8Array;
  /** More request headers that select a different response (lower-case). @default ['accept', 'accept-language'] */
  vary?: readonly string[];
  /** A store call slower than this (ms) is a miss, never a wait. @default 100 */
  storeTimeout?: number;
}

/** The checked cache options. */
export interface CachePlan {
  readonly ttl: number;
  readonly staleWhileRevalidate: number;
  readonly staleIfError: number;
  readonly store: CacheStore;
  readonly storeTimeout: number;
  readonly keys: KeyRules;
}

const KNOWN = new Set([
  'ttl',
  'store',
  'maxEntries',
  'staleWhileRevalidate',
  'staleIfError',
  'shared',
  'keySecret',
  'vary',
  'storeTimeout',
]);

const fail = (message: string): never => {
  throw new ConfigurationError(message);
};

function duration(name: string, value: unknown, fallback: number, allowInfinity = false): number {
  if (value === undefined) return fallback;
  if (
    typeof value !== 'number' ||
    Number.isNaN(value) ||
    value < 0 ||
    (!allowInfinity && !Number.isFinite(value))
  )
    fail(
      `cache.${name} must be a number of milliseconds ≥ 0${allowInfinity ? ' (or Infinity)' : ''}, got ${String(value)}.`,
    );
  return value as number;
}

/** Checks `cache` once, at setup. `undefined` when the cache is off. */
export function compileCache(option: boolean | CacheOptions | undefined): CachePlan | undefined {
  if (option === undefined || option === false) return undefined;
  const options: CacheOptions = option === true ? {} : option;
  if (typeof options !== 'object' || options === null)
    fail(
      `cache takes true, false or an options object such as { ttl: 60_000 }, got ${typeof option}.`,
    );
  for (const name of Object.keys(options))
    if (!KNOWN.has(name))
      fail(`cache has no option ${JSON.stringify(name)}; it takes ${[...KNOWN].join(', ')}.`);
  const ttl = duration('ttl', options.ttl, DEFAULT_TTL_MS, true);
  if (ttl === 0)
    fail(
      'cache.ttl is 0, which would keep nothing (dequest meant "forever"): give a ttl in ms, or Infinity to keep responses until evicted.',
    );
  const store =
    options.store ??
    memoryStore(options.maxEntries === undefined ? {} : { maxEntries: options.maxEntries });
  if (options.store !== undefined) {
    if (options.maxEntries !== undefined)
      fail(
        'cache.maxEntries sizes the default memory store; with your own store, size that store (memoryStore({ maxEntries }) for example).',
      );
    for (const method of ['get', 'set', 'delete', 'clear'] as const)
      if (typeof (store as unknown as Record<string, unknown>)[method] !== 'function')
        fail(
          `cache.store must implement get, set, delete and clear (the CacheStore interface); ${method} is missing.`,
        );
  }
  const secret = options.keySecret;
  if (
    secret !== undefined &&
    !(
      (typeof secret === 'string' || secret instanceof Uint8Array) &&
      byteLength(secret) >= MIN_SECRET_BYTES
    )
  )
    fail(
      `cache.keySecret must be a string or bytes of at least ${MIN_SECRET_BYTES} bytes, e.g. randomBytes(32).toString('base64') kept with your other secrets.`,
    );
  if (store.shared === true && secret === undefined)
    fail(
      'cache.store is shared by other processes, so every replica must compute the same keys: give cache.keySecret (at least 16 random bytes, the same on every replica, e.g. from your secret manager).',
    );
  if (options.shared !== undefined && typeof options.shared !== 'boolean')
    fail('cache.shared must be true (public data: one response for every user) or false.');
  const vary = options.vary ?? [];
  if (
    !Array.isArray(vary) ||
    !vary.every((name) => typeof name === 'string' && HTTP_TOKEN.test(name))
  )
    fail("cache.vary takes request header names, such as ['x-tenant'].");
  return {
    ttl,
    staleWhileRevalidate: duration('staleWhileRevalidate', options.staleWhileRevalidate, 0),
    staleIfError: duration('staleIfError', options.staleIfError, 0),
    store,
    storeTimeout: positive('storeTimeout', options.storeTimeout, DEFAULT_STORE_TIMEOUT_MS),
    keys: {
      secret:
        secret === undefined
          ? perProcessSecret()
          : typeof secret === 'string'
            ? secret
            : Buffer.from(secret),
      vary: ['accept', 'accept-language', ...vary.map((name) => name.toLowerCase())],
      sharedByUsers: options.shared === true,
    },
  };
}

const byteLength = (secret: string | Uint8Array): number =>
  typeof secret === 'string' ? Buffer.byteLength(secret) : secret.byteLength;

function positive(name: string, value: unknown, fallback: number): number {
  const ms = duration(name, value, fallback);
  if (ms === 0) fail(`cache.${name} must be more than 0 ms.`);
  return ms;
}
