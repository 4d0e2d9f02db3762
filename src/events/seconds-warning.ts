import type { EventListener } from './dequest-event';
import { emit, isWatched } from './emit';

/**
 * Reports a time that reads like seconds (dequest's unit) where milliseconds are meant (axios's):
 * a value above 0 and below 100. The option is accepted as it is; one `config-warning` goes to
 * the debug channel and to `listener`. `subject` names where it was given: `createClient: timeout`.
 */
export function warnOfSeconds(
  listener: EventListener | undefined,
  subject: string,
  value: unknown,
): void {
  if (typeof value !== 'number' || !(value > 0 && value < 100) || !isWatched(listener)) return;
  emit(listener, {
    type: 'config-warning',
    message: `${subject} is ${value} ms: did you mean seconds? Times are in milliseconds, as axios counts: ${value * 1000} is ${value} s.`,
  });
}
