import fc from 'fast-check';
import { ConfigurationError } from '../../src/index';
import { compileDelay, defaultDelay } from '../../src/resilience/retry-delay';

const RUNS = { seed: 20_251_201, numRuns: 1_000 };
const random01 = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

test('the default delay is equal jitter: within [d/2, d] for d = min(30 s, 1 s · 2^(n−1))', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 1_000 }), random01, (attempt, r) => {
      const ceiling = Math.min(30_000, 1_000 * 2 ** (attempt - 1));
      const delay = defaultDelay(attempt, () => r);
      return delay >= ceiling / 2 && delay <= ceiling && delay <= 30_000;
    }),
    RUNS,
  );
});

test('explicit delays are exact, and an exhausted list repeats its last value', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 8 }),
      fc.integer({ min: 1, max: 20 }),
      (delays, retries) => {
        const schedule = compileDelay(delays, Math.random)();
        const got = Array.from({ length: retries }, (_, i) => schedule.next(i + 1, undefined));
        const expected = Array.from(
          { length: retries },
          (_, i) => delays[Math.min(i, delays.length - 1)],
        );
        return JSON.stringify(got) === JSON.stringify(expected);
      },
    ),
    RUNS,
  );
});

test('a number is the same delay every time, exactly', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 10 ** 7 }), random01, (ms, r) => {
      const schedule = compileDelay(ms, () => r)();
      return [1, 2, 3, 10].every((n) => schedule.next(n, undefined) === ms);
    }),
    RUNS,
  );
});

test.each([
  [-1, /retryDelay must be a number of milliseconds ≥ 0, got -1/],
  [Number.NaN, /got NaN/],
  [Infinity, /got Infinity/],
  [[], /retryDelay is empty/],
  [[100, -5], /retryDelay\[1\] must be/],
  [
    '2s',
    /retryDelay must be a number of milliseconds ≥ 0, got string|retryDelay takes milliseconds/,
  ],
])('retryDelay: %p is a ConfigurationError at setup', (option, message) => {
  expect(() => compileDelay(option as never, Math.random)).toThrow(ConfigurationError);
  expect(() => compileDelay(option as never, Math.random)).toThrow(message);
});

test("a generator's result (one-shot iterator) is refused: the first call would use it up", () => {
  function* delays() {
    yield 100;
  }
  expect(() => compileDelay(delays() as never, Math.random)).toThrow(
    /pass the generator function itself/,
  );
});

test('a function that returns a bad delay fails the call with a ConfigurationError saying so', () => {
  const schedule = compileDelay(() => -3, Math.random)();
  expect(() => schedule.next(1, undefined)).toThrow(
    /retryDelay must be a number of milliseconds ≥ 0, got -3/,
  );
});
