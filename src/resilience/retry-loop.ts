import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import type { GiveUpReason } from '../events/dequest-event';
import { canceledError, isAborted, onAbort, sleep } from './abort';
import { CircuitBreakerOpenError } from './circuit-breaker-open-error';
import { Deadline } from './deadline';
import { recordCoolDown, waitForCoolDown } from './cool-down';
import { isCanceled, neverReachedServer, statusOf } from './failure';
import { retryAfterOf } from './retry-after';
import type { DelaySchedule } from './retry-delay';
import type { RetryCall } from './retry-call';
import { callbackFailure, giveUp, notifyRetry } from './retry-hooks';
import { describeTarget, methodOf } from './target';

type Decision =
  { readonly delayMs: number } | { readonly reason: GiveUpReason; readonly error: unknown };

/** Thrown past the loop untouched: an outer layer's status, never retried or counted here. */
class HandOver {
  constructor(readonly error: unknown) {}
}

/**
 * Sends one call: attempts until one succeeds or the plan gives up, waiting between them.
 * Resolves with the response, or rejects with the last error (with `attempts` set on it).
 */
export async function sendWithRetries(call: RetryCall): Promise<AxiosResponse> {
  const { retry, config, timers } = call;
  const deadline =
    retry.totalTimeout === undefined ? undefined : new Deadline(retry.totalTimeout, timers, config);
  let schedule: DelaySchedule | undefined;
  let attempts = 0;
  let lastError: unknown;
  try {
    for (;;) {
      if (attempts > 0 && call.breaker && call.admission) {
        const recheck = await call.breaker.recheck(call.admission, call.listener);
        if (!recheck.allowed) {
          const open = new CircuitBreakerOpenError(
            describeTarget(config),
            recheck.state,
            recheck.retryAfterMs,
            { cause: lastError },
          );
          throw giveUp(call, 'breaker-open', open, attempts);
        }
      }
      try {
        const wait = waitForCoolDown(call, deadline);
        if (wait) await wait;
      } catch (aborted) {
        throw giveUp(call, 'aborted', aborted, attempts);
      }
      attempts++;
      try {
        return await call.attempt(deadline ? deadline.configFor(config) : config, attempts);
      } catch (error) {
        lastError = error;
      }
      recordCoolDown(call, lastError);
      const decision = decide(
        call,
        lastError,
        attempts,
        deadline,
        () => (schedule ??= retry.schedule()),
      );
      if ('reason' in decision) throw giveUp(call, decision.reason, decision.error, attempts);
      notifyRetry(call, attempts, decision.delayMs, lastError);
      if (decision.delayMs > 0) {
        try {
          await sleep(decision.delayMs, timers, [
            (stop) => onAbort(config, () => stop(canceledError(config))),
            ...(deadline
              ? [(stop: (e: unknown) => void) => deadline.onExpire(() => stop(lastError))]
              : []),
          ]);
        } catch (interrupted) {
          throw giveUp(
            call,
            isCanceled(interrupted) ? 'aborted' : 'deadline',
            interrupted,
            attempts,
          );
        }
      }
      if (isAborted(config)) throw giveUp(call, 'aborted', canceledError(config), attempts);
    }
  } catch (error) {
    throw error instanceof HandOver ? error.error : error;
  } finally {
    deadline?.clear();
  }
}

function decide(
  call: RetryCall,
  error: unknown,
  attempts: number,
  deadline: Deadline | undefined,
  schedule: () => DelaySchedule,
): Decision {
  const { retry, config } = call;
  if (deadline?.expired)
    return { reason: 'deadline', error: isCanceled(error) ? deadline.timeoutError() : error };
  if (isCanceled(error)) return { reason: 'aborted', error };
  if (call.isOuter(statusOf(error))) throw new HandOver(error);
  let delayMs: number;
  try {
    if (!retry.matches(error)) return { reason: 'not-retryable', error };
    if (!isIdempotent(config, error, retry.methods)) return { reason: 'not-retryable', error };
    if (attempts > retry.retries) return { reason: 'exhausted', error };
    if (retry.giveup?.(error, attempts)) return { reason: 'giveup', error };
    delayMs = schedule().next(attempts, error);
  } catch (thrown) {
    return { reason: 'giveup', error: callbackFailure(thrown, error) };
  }
  const retryAfter = retryAfterOf(error, call.timers.epoch());
  if (retryAfter !== undefined) {
    if (retryAfter > retry.maxRetryAfter) return { reason: 'retry-after-too-long', error };
    delayMs = Math.max(delayMs, retryAfter);
    if (deadline && delayMs >= deadline.remaining())
      return { reason: 'retry-after-too-long', error };
  } else if (deadline && delayMs >= deadline.remaining()) {
    return { reason: 'deadline', error };
  }
  return { delayMs };
}

/** POST and PATCH go again only when listed, with an Idempotency-Key, or when nothing was sent. */
function isIdempotent(
  config: InternalAxiosRequestConfig,
  error: unknown,
  methods: ReadonlySet<string>,
): boolean {
  return (
    methods.has(methodOf(config)) ||
    config.headers?.has?.('idempotency-key') === true ||
    neverReachedServer(error)
  );
}
