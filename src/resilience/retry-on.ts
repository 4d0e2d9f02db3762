import { ConfigurationError } from '../errors';
import { errorCodes, isTransientError, statusOf } from './failure';

/**
 * One thing `retryOn` retries: an HTTP status (`503`), an error code (`'ECONNRESET'`), an
 * error class (`TypeError`), or a predicate `(error) => boolean`.
 *
 * @example
 * ```ts
 * const retryOn: RetryCondition[] = [503, 'ECONNRESET', (e) => isAxiosError(e) && !e.response];
 * ```
 */
export type RetryCondition =
  number | string | (abstract new (...args: any[]) => unknown) | ((error: unknown) => boolean);

type Matcher = (error: unknown) => boolean;

const isClass = (fn: Function): boolean =>
  fn === Error ||
  (fn.prototype as unknown) instanceof Error ||
  /^class[\s{]/.test(Function.prototype.toString.call(fn));

function matcherOf(condition: unknown, index: string): Matcher {
  if (typeof condition === 'number') {
    if (!Number.isInteger(condition) || condition < 100 || condition > 599) {
      throw new ConfigurationError(
        `retryOn${index} is ${condition}, not an HTTP status: give statuses from 100 to 599 (503), error codes ('ECONNRESET'), error classes or a predicate.`,
      );
    }
    return (error) => statusOf(error) === condition;
  }
  if (typeof condition === 'string') {
    if (condition === '') throw new ConfigurationError(`retryOn${index} is an empty error code.`);
    return (error) => errorCodes(error).includes(condition);
  }
  if (typeof condition === 'function') {
    if (isClass(condition)) return (error) => error instanceof (condition as new () => unknown);
    return (error) => {
      const answer: unknown = (condition as Matcher)(error);
      if (typeof answer !== 'boolean') {
        throw new ConfigurationError(
          `The retryOn predicate returned ${typeof answer === 'object' ? 'a promise or object' : typeof answer}: it must return true or false, synchronously.`,
        );
      }
      return answer;
    };
  }
  throw new ConfigurationError(
    `retryOn${index} is ${condition === null ? 'null' : typeof condition}: give HTTP statuses (503), error codes ('ECONNRESET'), error classes or a predicate (error) => boolean.`,
  );
}

/**
 * Checks `retryOn` at setup. Without it, transient failures are retried
 * ({@link isTransientError}); with it, exactly what it lists (dequest retried nothing at all
 * without `retry_on_exceptions`).
 */
export function compileRetryOn(
  option: RetryCondition | readonly RetryCondition[] | undefined,
): Matcher {
  if (option === undefined) return isTransientError;
  if (!Array.isArray(option)) return matcherOf(option, '');
  if (option.length === 0) {
    throw new ConfigurationError(
      'retryOn is an empty list, which retries nothing: leave it out for the transient failures, or list what to retry.',
    );
  }
  const matchers = option.map((condition: unknown, i) => matcherOf(condition, `[${i}]`));
  return (error) => matchers.some((match) => match(error));
}
