import type { CacheEntry } from '../resilience/cache-store';

const ENCODINGS: ReadonlySet<unknown> = new Set(['json', 'text', 'base64']);

/**
 * The entry a stored text holds, or `undefined` when it is not one this store wrote (corrupt,
 * foreign, or from an incompatible version): the cache layer must never get a half entry.
 */
export function parseCacheEntry(text: string): CacheEntry | undefined {
  let entry: unknown;
  try {
    entry = JSON.parse(text);
  } catch {
    return undefined;
  }
  return isCacheEntry(entry) ? entry : undefined;
}

function isCacheEntry(value: unknown): value is CacheEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<keyof CacheEntry, unknown>;
  return (
    Number.isInteger(entry.status) &&
    typeof entry.statusText === 'string' &&
    isHeaders(entry.headers) &&
    typeof entry.body === 'string' &&
    ENCODINGS.has(entry.encoding) &&
    [entry.storedAt, entry.expiresAt, entry.staleUntil].every(Number.isFinite)
  );
}

const isHeaders = (headers: unknown): boolean =>
  typeof headers === 'object' &&
  headers !== null &&
  !Array.isArray(headers) &&
  Object.values(headers).every((value) => typeof value === 'string');
