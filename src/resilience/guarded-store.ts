import { emit, isWatched } from '../events/emit';
import type { EventListener } from '../events/dequest-event';
import { isThenable } from '../http/syntax';
import type { CacheEntry, CacheStore } from './cache-store';
import type { Timers } from './clock';

type Operation = 'get' | 'set' | 'delete' | 'clear';
type Failure = 'threw' | 'rejected' | 'timeout' | 'invalid-entry';

/**
 * A {@link CacheStore} seen through a guard: every call settles within `timeoutMs`, and a
 * throw, a rejection, a late answer or something that is not a cache entry becomes a miss (or
 * a skipped write), reported as a `cache-store-error` event. The request never fails because
 * of its cache (dequest failed every cached call with Redis down, and tripped the breaker).
 */
export class GuardedStore {
  constructor(
    private readonly store: CacheStore,
    private readonly timeoutMs: number,
    private readonly timers: Timers,
    private readonly listener: EventListener | undefined,
  ) {}

  /** The entry under `key`, or undefined: never rejects. Sync when the store is. */
  get(key: string): CacheEntry | undefined | Promise<CacheEntry | undefined> {
    const answer = this.call('get', () => this.store.get(key));
    return isThenable(answer)
      ? (answer as Promise<unknown>).then((value) => this.checked(value))
      : this.checked(answer);
  }

  /** Writes, or gives up silently: never rejects. */
  set(key: string, entry: CacheEntry, ttlMs: number): void | Promise<void> {
    return this.call('set', () => this.store.set(key, entry, ttlMs)) as void | Promise<void>;
  }

  delete(key: string): void | Promise<void> {
    return this.call('delete', () => this.store.delete(key)) as void | Promise<void>;
  }

  private checked(value: unknown): CacheEntry | undefined {
    if (value === undefined || value === null) return undefined;
    if (isCacheEntry(value)) return value;
    this.report('get', 'invalid-entry');
    return undefined;
  }

  private call(operation: Operation, run: () => unknown): unknown {
    let answer: unknown;
    try {
      answer = run();
    } catch {
      this.report(operation, 'threw');
      return undefined;
    }
    if (!isThenable(answer)) return answer;
    return new Promise<unknown>((resolve) => {
      const timer = this.timers.setTimeout(() => {
        this.report(operation, 'timeout');
        resolve(undefined);
      }, this.timeoutMs);
      (answer as Promise<unknown>).then(
        (value) => {
          this.timers.clearTimeout(timer);
          resolve(value);
        },
        () => {
          this.timers.clearTimeout(timer);
          this.report(operation, 'rejected');
          resolve(undefined);
        },
      );
    });
  }

  private report(operation: Operation, reason: Failure): void {
    if (isWatched(this.listener))
      emit(this.listener, { type: 'cache-store-error', operation, reason });
  }
}

const isFiniteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/** A store may hand back anything (a corrupted or hostile entry): only a well-formed one counts. */
export function isCacheEntry(value: unknown): value is CacheEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    Number.isInteger(entry['status']) &&
    typeof entry['statusText'] === 'string' &&
    typeof entry['body'] === 'string' &&
    (entry['encoding'] === 'json' ||
      entry['encoding'] === 'text' ||
      entry['encoding'] === 'base64') &&
    isFiniteNumber(entry['storedAt']) &&
    isFiniteNumber(entry['expiresAt']) &&
    isFiniteNumber(entry['staleUntil']) &&
    typeof entry['headers'] === 'object' &&
    entry['headers'] !== null &&
    // AxiosHeaders reads a list as [name, value] pairs, and throws on anything else.
    !Array.isArray(entry['headers']) &&
    Object.values(entry['headers']).every((v) => typeof v === 'string')
  );
}
