// The response cache's store contract as agreed in the team's shared interfaces, declared here
// until src/resilience/cache-store.ts (its owner's file) lands: then this file goes, and the
// Redis store imports that one. Keep the two identical in meaning.

/** One stored response, JSON-serialisable. */
export interface CacheEntry {
  readonly status: number;
  readonly statusText: string;
  /** Response headers, lower-case names; never set-cookie. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body, encoded so that it survives JSON (the cache layer decides the encoding). */
  readonly body: string;
  /** How `body` is encoded: 'json' (JSON text), 'text', 'base64' (bytes). */
  readonly encoding: 'json' | 'text' | 'base64';
  /** Epoch ms when it was stored, and until when it is fresh; `staleUntil` >= `expiresAt`. */
  readonly storedAt: number;
  readonly expiresAt: number;
  readonly staleUntil: number;
}

/** Where responses are kept. Each method may be sync or async. */
export interface CacheStore {
  get(key: string): CacheEntry | undefined | Promise<CacheEntry | undefined>;
  /** `ttlMs` is how long the store must keep it at most (staleUntil - now). */
  set(key: string, entry: CacheEntry, ttlMs: number): void | Promise<void>;
  delete(key: string): void | Promise<void>;
  /** Removes only this store's entries (its namespace), never anything else. */
  clear(): void | Promise<void>;
  /** True when other processes share this store: the cache then requires an explicit keySecret. */
  readonly shared?: boolean;
}
