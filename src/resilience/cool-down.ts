import { isThenable } from '../http/syntax';
import { canceledError, onAbort, sleep } from './abort';
import type { Deadline } from './deadline';
import { retryAfterOf } from './retry-after';
import { safely } from './retry-hooks';
import type { RetryCall } from './retry-call';
import { originOfRequest } from './target';

// A 429 or 503 with Retry-After makes every call to that origin wait, not just this one.
export function recordCoolDown(call: RetryCall, error: unknown): void {
  if (call.coolDowns === undefined) return;
  const ms = retryAfterOf(error, call.timers.epoch());
  if (ms === undefined || ms <= 0) return;
  safely(() => call.coolDowns?.coolDown(originOfRequest(call.config), ms));
}

/** The wait a cool-down asks before an attempt: `undefined` (most calls) costs no promise. */
export function waitForCoolDown(
  call: RetryCall,
  deadline: Deadline | undefined,
): Promise<void> | undefined {
  if (call.coolDowns === undefined) return undefined;
  let remaining: number | Promise<number>;
  try {
    remaining = call.coolDowns.coolDownRemaining(originOfRequest(call.config));
  } catch {
    return undefined;
  }
  if (!isThenable(remaining)) return sleepFor(call, remaining as number, deadline);
  return (remaining as Promise<number>).then(
    (ms) => sleepFor(call, ms, deadline),
    () => undefined,
  );
}

function sleepFor(
  call: RetryCall,
  ms: number,
  deadline: Deadline | undefined,
): Promise<void> | undefined {
  // Too long to wait: send, and let the server's answer decide (and the give-up say why).
  if (!(ms > 0) || ms > call.retry.maxRetryAfter || (deadline && ms >= deadline.remaining()))
    return undefined;
  const { config } = call;
  return sleep(ms, call.timers, [(stop) => onAbort(config, () => stop(canceledError(config)))]);
}
