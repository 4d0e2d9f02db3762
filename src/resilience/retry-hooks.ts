import { DequestError } from '../errors';
import type { GiveUpReason } from '../events/dequest-event';
import { emit, isWatched } from '../events/emit';
import { markAttempts } from './attempts';
import { describeFailure } from './failure';
import type { RetryCall } from './retry-call';
import { describeTarget } from './target';

/** What the hooks need to know of a call. */
type Watched = Pick<RetryCall, 'retry' | 'listener' | 'config'>;

// A user's retryOn, giveup or retryDelay threw: stop, and say so with the request's own error kept.
export function callbackFailure(thrown: unknown, original: unknown): DequestError {
  const what = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
  return new DequestError(
    `Gave up retrying because a retry option threw (${what}). Fix retryOn, giveup or retryDelay: they get network errors too, where error.response is undefined. The request's own error is the cause.`,
    { cause: original },
  );
}

/** Ends a call's retries: marks the error with its attempts and tells the hooks and events. */
export function giveUp(
  call: Watched,
  reason: GiveUpReason,
  error: unknown,
  attempts: number,
): unknown {
  markAttempts(error, attempts);
  if (call.retry.retries > 0 && isWatched(call.listener))
    emit(call.listener, {
      type: 'retry-gave-up',
      target: describeTarget(call.config),
      attempts,
      reason,
    });
  safely(() => call.retry.onGiveUp?.({ attempts, error, reason }));
  return error;
}

/** Tells the hooks and events that a retry follows. */
export function notifyRetry(call: Watched, attempt: number, delayMs: number, error: unknown): void {
  if (isWatched(call.listener))
    emit(call.listener, {
      type: 'retry-scheduled',
      target: describeTarget(call.config),
      attempt,
      delayMs,
      failure: describeFailure(error),
    });
  safely(() => call.retry.onRetry?.({ attempt, delayMs, error }));
}

export const safely = (hook: () => unknown): void => {
  try {
    const result = hook();
    if (result instanceof Promise) result.catch(() => {});
  } catch {
    // A hook is for watching: its failure is not the call's.
  }
};
