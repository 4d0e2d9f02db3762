import { emit, isWatched, WatchingListeners } from '../events/emit';
import type { DequestEvent, EventListener } from '../events/dequest-event';
import type { RedisUnavailableError } from './redis-unavailable-error';
import { describeFailure } from '../resilience/failure';

/**
 * Where a store writes its one line a minute about Redis being unavailable.
 *
 * @example
 * ```ts
 * const logger: StoreLogger = { warn: (message) => pino.warn(message) };
 * ```
 */
export interface StoreLogger {
  warn(message: string): void;
}

// An outage fails every request: one line a minute tells the operator without flooding the log.
const REPORT_EVERY_MS = 60_000;

/**
 * A store's view of Redis's health: the first failure and then at most one a minute becomes a
 * `store-unavailable` event and a warning; the first success after failures becomes a
 * `store-recovered` event.
 */
export class OutageLog {
  #failures = 0;
  #downSince: number | undefined;
  #reportedAt = -Infinity;
  readonly #watchers = new WatchingListeners();

  constructor(
    private readonly store: string,
    private readonly listener: EventListener | undefined,
    private readonly logger: StoreLogger | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** Adds a client's `onEvent`: it gets this store's events too (held weakly, kept once). */
  watch(listener: EventListener): void {
    this.#watchers.add(listener);
  }

  failed(error: RedisUnavailableError): void {
    const now = this.now();
    this.#failures++;
    // A bad or undecryptable value is a problem of the data: Redis itself still answers.
    if (error.reason !== 'bad-reply' && error.reason !== 'undecryptable') this.#downSince ??= now;
    if (now - this.#reportedAt < REPORT_EVERY_MS) return;
    this.#reportedAt = now;
    const failures = this.#failures;
    this.#failures = 0;
    const detail = error.cause === undefined ? undefined : describeFailure(error.cause);
    if (this.#watched()) {
      const { store } = this;
      const { reason, operation } = error;
      this.#emit({ type: 'store-unavailable', store, operation, reason, detail, failures });
    }
    try {
      this.logger?.warn(
        `axios-dequest: ${this.store} unavailable: ${error.message} Requests go on without it ` +
          `(${failures} failure${failures === 1 ? '' : 's'} since the last line; at most one line a minute).`,
      );
    } catch {
      // A logger is for watching; its failure is not the request's.
    }
  }

  succeeded(): void {
    if (this.#downSince === undefined) return;
    const unavailableMs = this.now() - this.#downSince;
    this.#downSince = undefined;
    this.#failures = 0;
    if (this.#watched()) {
      this.#emit({ type: 'store-recovered', store: this.store, unavailableMs });
    }
  }

  #watched(): boolean {
    return isWatched(this.listener) || this.#watchers.any;
  }

  #emit(event: DequestEvent): void {
    emit(this.listener, event);
    this.#watchers.emit(event, this.listener);
  }
}
