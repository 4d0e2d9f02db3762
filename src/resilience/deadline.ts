import { AxiosError } from 'axios';
import type { InternalAxiosRequestConfig } from 'axios';
import { onAbort } from './abort';
import type { Timers } from './clock';

/**
 * `totalTimeout` for one call: a timer over all attempts and delays. Each attempt is sent with
 * axios's own `timeout` cut to the time left, and with a signal that aborts when the time is up
 * (or the caller aborts), so the attempt in flight ends exactly at the deadline.
 */
export class Deadline {
  expired = false;
  readonly #controller = new AbortController();
  readonly #at: number;
  readonly #timer: unknown;
  readonly #stopListening: () => void;
  readonly #onExpire = new Set<() => void>();

  constructor(
    readonly totalMs: number,
    private readonly timers: Timers,
    private readonly config: InternalAxiosRequestConfig,
  ) {
    this.#at = timers.now() + totalMs;
    this.#timer = timers.setTimeout(() => this.#expire(), totalMs);
    this.#stopListening = onAbort(config, () => this.#controller.abort());
  }

  /** Milliseconds left (≤ 0 once past). */
  remaining(): number {
    return this.#at - this.timers.now();
  }

  /** The config for one attempt: the caller's, with the time left as timeout and our signal. */
  configFor(config: InternalAxiosRequestConfig): InternalAxiosRequestConfig {
    const left = Math.max(1, Math.ceil(this.remaining()));
    const own = config.timeout !== undefined && config.timeout > 0 ? config.timeout : Infinity;
    return { ...config, timeout: Math.min(own, left), signal: this.#controller.signal };
  }

  /** Calls `listener` once the time is up. Returns the unsubscribe. */
  onExpire(listener: () => void): () => void {
    this.#onExpire.add(listener);
    return () => this.#onExpire.delete(listener);
  }

  /** The error a call ends with when its time ran out during an attempt. */
  timeoutError(): AxiosError {
    const clarify = this.config.transitional?.clarifyTimeoutError === true;
    return new AxiosError(
      `totalTimeout of ${this.totalMs}ms exceeded`,
      clarify ? AxiosError.ETIMEDOUT : AxiosError.ECONNABORTED,
      this.config,
    );
  }

  clear(): void {
    this.timers.clearTimeout(this.#timer);
    this.#stopListening();
  }

  #expire(): void {
    this.expired = true;
    this.#controller.abort();
    for (const listener of this.#onExpire) listener();
  }
}
