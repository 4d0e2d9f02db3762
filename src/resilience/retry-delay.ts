import { ConfigurationError } from '../errors';

/**
 * How long to wait before each retry, in ms: a number; an iterable of numbers (restarted for
 * every call; once exhausted its last value repeats); a generator function (dequest's
 * `retry_delay` callable, called once per call); or `(attempt, error) => ms`.
 *
 * @example
 * ```ts
 * const delays: RetryDelay = function* () { yield 100; yield 500; yield 2_000; };
 * ```
 */
export type RetryDelay =
  | number
  | Iterable<number>
  | (() => Iterable<number>)
  | ((attempt: number, error: unknown) => number);

// Exponential from 1 s, capped at 30 s: 0.5–1 s, 1–2 s, 2–4 s … (axios-retry waits 0 by default).
const BASE_MS = 1_000;
const CAP_MS = 30_000;

/** The delay before retry `attempt` (1-based) by default: equal jitter, half fixed, half random. */
export function defaultDelay(attempt: number, random: () => number): number {
  const ceiling = Math.min(CAP_MS, BASE_MS * 2 ** Math.min(attempt - 1, 30));
  return ceiling / 2 + random() * (ceiling / 2);
}

/** The delays of one call, in order: `next(attempt, error)` for retry 1, 2, … */
export interface DelaySchedule {
  next(attempt: number, error: unknown): number;
}

const isIterable = (value: unknown): value is Iterable<unknown> =>
  typeof value === 'object' && value !== null && Symbol.iterator in value;

const isGeneratorFunction = (value: unknown): boolean =>
  typeof value === 'function' && value.constructor?.name === 'GeneratorFunction';

export function checkDelay(value: unknown, from: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ConfigurationError(
      `${from} must be a number of milliseconds ≥ 0, got ${typeof value === 'number' ? String(value) : typeof value}.`,
    );
  }
  return value;
}

/**
 * Checks `retryDelay` at setup and returns what starts a schedule per call. A one-shot
 * iterator (a generator's result) is refused: it would be used up by the first call.
 */
export function compileDelay(
  option: RetryDelay | undefined,
  random: () => number,
): () => DelaySchedule {
  if (option === undefined) return () => ({ next: (attempt) => defaultDelay(attempt, random) });
  if (typeof option === 'number') {
    const ms = checkDelay(option, 'retryDelay');
    return () => ({ next: () => ms });
  }
  if (isIterable(option)) {
    const iterator = option[Symbol.iterator]();
    if ((iterator as unknown) === option) {
      throw new ConfigurationError(
        'retryDelay is an iterator, which the first call would use up: pass the generator function itself (retryDelay: delays, not delays()) or an array.',
      );
    }
    if (Array.isArray(option)) {
      if (option.length === 0)
        throw new ConfigurationError('retryDelay is empty: give at least one delay in ms.');
      option.forEach((value: unknown, i) => checkDelay(value, `retryDelay[${i}]`));
    }
    // Any other iterable may be endless: it is checked value by value as calls read it.
    return () => fromIterator(option[Symbol.iterator](), 'retryDelay');
  }
  if (typeof option !== 'function') {
    throw new ConfigurationError(
      `retryDelay takes milliseconds, a list of them, a generator function or (attempt, error) => ms; got ${typeof option}.`,
    );
  }
  if (isGeneratorFunction(option))
    return () =>
      fromIterator((option as () => Iterable<number>)()[Symbol.iterator](), 'retryDelay');
  return () => fromFunction(option as (attempt: number, error: unknown) => unknown);
}

/** Values of an iterator; its last value repeats once it is exhausted (dequest: StopIteration). */
function fromIterator(iterator: Iterator<unknown>, from: string): DelaySchedule {
  let last: number | undefined;
  let done = false;
  return {
    next() {
      if (!done) {
        const step = iterator.next();
        if (step.done) done = true;
        else last = checkDelay(step.value, `A value of ${from}`);
      }
      if (last === undefined)
        throw new ConfigurationError(`${from} yielded no delay: yield at least one, in ms.`);
      return last;
    },
  };
}

/**
 * A plain function is either `(attempt, error) => ms` or dequest's factory of an iterator
 * (`lambda: iter([…])`): its first answer tells which.
 */
function fromFunction(fn: (attempt: number, error: unknown) => unknown): DelaySchedule {
  let iterator: DelaySchedule | undefined;
  return {
    next(attempt, error) {
      if (iterator) return iterator.next(attempt, error);
      const answer = fn(attempt, error);
      if (isIterable(answer)) {
        iterator = fromIterator(answer[Symbol.iterator](), 'The iterable retryDelay returned');
        return iterator.next(attempt, error);
      }
      return checkDelay(answer, 'retryDelay');
    },
  };
}
