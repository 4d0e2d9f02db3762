// How many attempts a call made, kept on its final error: plain instances reject with the
// last AxiosError (drop-in), and declared calls say "failed after N attempts" from it.

const KEY = 'attempts';

/** Records on the final error how many attempts the call made. Never enumerable (never printed). */
export function markAttempts(error: unknown, attempts: number): void {
  if (typeof error !== 'object' || error === null || !Object.isExtensible(error)) return;
  Object.defineProperty(error, KEY, {
    value: attempts,
    writable: true,
    configurable: true,
    enumerable: false,
  });
}

/**
 * How many attempts the call that failed with `error` made (0 when the circuit breaker refused
 * it), or `undefined` when it did not go through the resilience layer.
 *
 * @example
 * ```ts
 * catch (error) { log.error(`gave up after ${attemptsOf(error) ?? 1} attempts`, error); }
 * ```
 */
export function attemptsOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const value = (error as Record<string, unknown>)[KEY];
  return typeof value === 'number' ? value : undefined;
}
