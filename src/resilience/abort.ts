// The caller's ways to cancel a request (an AbortSignal, or axios's older CancelToken), seen
// from outside the adapter: between attempts, during a delay, while waiting on a shared request.
import { CanceledError } from 'axios';
import type { InternalAxiosRequestConfig } from 'axios';
import type { Timers } from './clock';

interface CancelTokenLike {
  reason?: unknown;
  subscribe?(listener: (reason: unknown) => void): void;
  unsubscribe?(listener: (reason: unknown) => void): void;
}

interface SignalLike {
  aborted?: boolean;
  addEventListener?(type: 'abort', listener: () => void): void;
  removeEventListener?(type: 'abort', listener: () => void): void;
}

const tokenOf = (config: InternalAxiosRequestConfig): CancelTokenLike | undefined =>
  config.cancelToken as CancelTokenLike | undefined;
const signalOf = (config: InternalAxiosRequestConfig): SignalLike | undefined =>
  config.signal as SignalLike | undefined;

/** True when the request can be cancelled at all (it carries a signal or a cancel token). */
export const isCancellable = (config: InternalAxiosRequestConfig): boolean =>
  config.signal != null || config.cancelToken != null;

/** True when the caller has already cancelled the request. */
export const isAborted = (config: InternalAxiosRequestConfig): boolean =>
  signalOf(config)?.aborted === true || tokenOf(config)?.reason != null;

/**
 * The error axios itself rejects with when a request is cancelled: a CancelToken's own reason
 * (a CanceledError holding the caller's message), else a CanceledError of this request.
 */
export function canceledError(config: InternalAxiosRequestConfig): Error {
  const reason = tokenOf(config)?.reason;
  return reason instanceof Error ? reason : new CanceledError(undefined, config);
}

/** Calls `listener` once when the caller cancels. Returns the unsubscribe. */
export function onAbort(config: InternalAxiosRequestConfig, listener: () => void): () => void {
  const signal = signalOf(config);
  const token = tokenOf(config);
  let done = false;
  const once = (): void => {
    if (done) return;
    done = true;
    listener();
  };
  signal?.addEventListener?.('abort', once);
  token?.subscribe?.(once);
  return () => {
    done = true;
    signal?.removeEventListener?.('abort', once);
    token?.unsubscribe?.(once);
  };
}

/** `promise`, unless the caller cancels first: then a CanceledError at once. */
export function raceAbort<T>(promise: Promise<T>, config: InternalAxiosRequestConfig): Promise<T> {
  if (!isCancellable(config)) return promise;
  if (isAborted(config)) return Promise.reject(canceledError(config));
  return new Promise<T>((resolve, reject) => {
    const stop = onAbort(config, () => reject(canceledError(config)));
    promise.then(
      (value) => {
        stop();
        resolve(value);
      },
      (error: unknown) => {
        stop();
        reject(error);
      },
    );
  });
}

/**
 * Waits `ms`; an `interrupt` (the caller's cancel, a deadline) ends the wait at once with the
 * error it hands over.
 */
export function sleep(
  ms: number,
  timers: Timers,
  interrupts: ReadonlyArray<(stop: (error: unknown) => void) => () => void>,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const cleanups: Array<() => void> = [];
    let settled = false;
    const finish = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      timers.clearTimeout(timer);
      for (const cleanup of cleanups) cleanup();
      if (error === undefined) resolve();
      else reject(error);
    };
    const timer = timers.setTimeout(() => finish(), ms);
    for (const interrupt of interrupts) {
      cleanups.push(interrupt((error) => finish(error)));
      if (settled) cleanups.pop()?.();
    }
  });
}
