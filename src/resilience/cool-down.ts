import { canceledError, onAbort, sleep } from './abort';
import type { Deadline } from './deadline';
import { retryAfterOf } from './retry-after';
import { safely } from './retry-hooks';
import type { RetryCall } from './retry-loop';
import { originOfRequest } from './target';

// A 429 or 503 with Retry-After makes every call to that origin wait, not just this one.
export function recordCoolDown(call: RetryCall, error: unknown): void {
  if (call.coolDowns === undefined) return;
  const ms = retryAfterOf(error, call.timers.epoch());
  if (ms === undefined || ms <= 0) return;
  safely(() => call.coolDowns?.coolDown(originOfRequest(call.config), ms));
}

export async function waitForCoolDown(
  call: RetryCall,
  deadline: Deadline | undefined,
): Promise<void> {
  if (call.coolDowns === undefined) return;
  let ms: number;
  try {
    ms = await call.coolDowns.coolDownRemaining(originOfRequest(call.config));
  } catch {
    return;
  }
  // Too long to wait: send, and let the server's answer decide (and the give-up say why).
  if (!(ms > 0) || ms > call.retry.maxRetryAfter || (deadline && ms >= deadline.remaining()))
    return;
  const { config } = call;
  await sleep(ms, call.timers, [(stop) => onAbort(config, () => stop(canceledError(config)))]);
}
