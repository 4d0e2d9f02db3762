import { ConfigurationError } from '../errors';
import type { CacheEntry, CacheStore } from './cache-store';

// axios-cache-interceptor keeps 1,024; dequest keeps everything and grows on every miss.
const DEFAULT_MAX_ENTRIES = 1_000;

/**
 * Options of {@link memoryStore}.
 *
 * @example
 * ```ts
 * const options: MemoryStoreOptions = { maxEntries: 10_000 };
 * ```
 */
export interface MemoryStoreOptions {
  /**
   * How many responses are kept. Beyond it, the least recently used (read or written) goes.
   * @default 1000
   */
  maxEntries?: number;
  /**
   * The clock, in epoch milliseconds, that `ttlMs` is counted on. Inject one in tests.
   * @default Date.now
   */
  now?: () => number;
}

/**
 * A {@link CacheStore} that answers synchronously, as {@link memoryStore} does.
 *
 * @example
 * ```ts
 * const store: MemoryCacheStore = memoryStore();
 * const entry = store.get(key); // no await needed
 * ```
 */
export interface MemoryCacheStore extends CacheStore {
  get(key: string): CacheEntry | undefined;
  set(key: string, entry: CacheEntry, ttlMs: number): void;
  delete(key: string): void;
  clear(): void;
}

interface Slot {
  readonly entry: CacheEntry;
  readonly until: number;
}

/**
 * The default {@link CacheStore}: in this process's memory, a true LRU bounded by
 * `maxEntries`, each entry dropped once its `ttlMs` has passed. A miss stores nothing.
 *
 * @example
 * ```ts
 * const client = createClient({ baseURL, cache: { store: memoryStore({ maxEntries: 5_000 }) } });
 * ```
 */
export function memoryStore(options: MemoryStoreOptions = {}): MemoryCacheStore {
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new ConfigurationError(
      `memoryStore maxEntries must be a whole number of responses, at least 1 (default ${DEFAULT_MAX_ENTRIES}), got ${String(maxEntries)}.`,
    );
  }
  if (options.now !== undefined && typeof options.now !== 'function') {
    throw new ConfigurationError('memoryStore now must be a function returning epoch ms.');
  }
  const now = options.now ?? (() => Date.now());
  // A Map iterates in insertion order: re-inserting on every use keeps the least recent first.
  const slots = new Map<string, Slot>();
  return {
    get(key) {
      const slot = slots.get(key);
      if (slot === undefined) return undefined;
      slots.delete(key);
      if (now() >= slot.until) return undefined;
      slots.set(key, slot);
      return slot.entry;
    },
    set(key, entry, ttlMs) {
      slots.delete(key);
      if (!(ttlMs > 0)) return;
      slots.set(key, { entry, until: now() + ttlMs });
      while (slots.size > maxEntries) slots.delete(slots.keys().next().value as string);
    },
    delete(key) {
      slots.delete(key);
    },
    clear() {
      slots.clear();
    },
  };
}
