import type { InternalAxiosRequestConfig } from 'axios';
import { canceledError, isAborted, isCancellable, onAbort } from './abort';

interface Flight<T> {
  readonly promise: Promise<T>;
  /** Absent when the request can never be cancelled: its starter waits for it, uncancellable. */
  readonly controller: AbortController | undefined;
  waiters: number;
}

/**
 * One request in flight per key: whoever asks while it runs waits for the same result or the
 * same failure. A waiter that cancels leaves at once with a CanceledError, without cancelling
 * the request for the others; when the last waiter has left, the request is cancelled too.
 */
export class SingleFlight<T> {
  readonly #flights = new Map<string, Flight<T>>();

  /** True while a request for `key` runs. */
  has(key: string): boolean {
    return this.#flights.has(key);
  }

  /**
   * Called by the request `flight` (the second argument its `run` got) once it knows its
   * result: true when someone besides `leaders` waits for it. When not, the flight closes at
   * once (a later caller starts afresh, as after it ends), so nobody else will need the result.
   */
  closeUnlessShared(key: string, flight: object, leaders: number): boolean {
    if (this.#flights.get(key) !== flight) return false;
    if ((flight as Flight<T>).waiters > leaders) return true;
    this.#flights.delete(key);
    return false;
  }

  /**
   * Waits for the request for `key`, starting it with `run` when none runs. `run` gets the
   * signal that cancels the shared request (never the caller's own), or undefined when the
   * caller that starts it cannot cancel: that caller waits to the end, so the request can
   * never lose its last waiter and needs no signal of its own.
   */
  join(
    key: string,
    config: InternalAxiosRequestConfig,
    run: (signal: AbortSignal | undefined, flight: object) => Promise<T>,
  ): Promise<T> {
    if (isAborted(config)) return Promise.reject(canceledError(config));
    const cancellable = isCancellable(config);
    const flight = this.#flights.get(key) ?? this.#start(key, run, cancellable);
    flight.waiters++;
    if (!cancellable) return flight.promise;
    return new Promise<T>((resolve, reject) => {
      const leave = onAbort(config, () => {
        reject(canceledError(config));
        if (--flight.waiters === 0) {
          if (this.#flights.get(key) === flight) this.#flights.delete(key);
          flight.controller?.abort();
        }
      });
      flight.promise.then(
        (value) => {
          leave();
          resolve(value);
        },
        (error: unknown) => {
          leave();
          reject(error);
        },
      );
    });
  }

  /** Starts a request for `key` that nobody waits for (a background refresh), unless one runs. */
  startDetached(key: string, run: (signal: AbortSignal) => Promise<T>): void {
    if (this.#flights.has(key)) return;
    this.#start(
      key,
      run as (signal: AbortSignal | undefined, flight: object) => Promise<T>,
      true,
    ).promise.catch(() => {
      // Nobody waits for a background refresh: its failure only means the entry stays stale.
    });
  }

  #start(
    key: string,
    run: (signal: AbortSignal | undefined, flight: object) => Promise<T>,
    cancellable: boolean,
  ): Flight<T> {
    const controller = cancellable ? new AbortController() : undefined;
    let flight: Flight<T>;
    // Removed before any waiter resumes, so a request made from a waiter's continuation starts afresh.
    const promise = Promise.resolve()
      .then(() => run(controller?.signal, flight))
      .finally(() => {
        if (this.#flights.get(key) === flight) this.#flights.delete(key);
      });
    flight = { promise, controller, waiters: 0 };
    this.#flights.set(key, flight);
    return flight;
  }
}
