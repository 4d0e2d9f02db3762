import {
  CircuitBreaker,
  CircuitBreakerOpenError,
  ConfigurationError,
  isCircuitBreakerOpenError,
  isDequestError,
  memoryBreakerStore,
} from '../../src/index';
import type { BreakerStateChange, BreakerStateStore } from '../../src/index';

const manualClock = () => {
  const clock = { now: 0, read: () => clock.now };
  return clock;
};

describe('options are checked when the breaker is made', () => {
  test.each([
    [{ failureThreshold: 0 }, /failureThreshold must be a whole number, at least 1/],
    [{ failureThreshold: 2.5 }, /failureThreshold/],
    [{ recoveryTimeout: -1 }, /recoveryTimeout must be milliseconds ≥ 0/],
    [{ recoveryTimeout: Number.NaN }, /recoveryTimeout/],
    [{ halfOpenMaxCalls: 0 }, /halfOpenMaxCalls/],
    [{ fallback: 'cached' }, /fallback must be a function/],
    [{ isFailure: true }, /isFailure must be a function/],
    [
      { store: { read() {} } },
      /store must implement the BreakerStateStore interface; recordFailure is missing/,
    ],
    [{ store: memoryBreakerStore() }, /needs a name, the same in every process/],
    [{ name: '' }, /name must be a non-empty string/],
  ])('%p is a ConfigurationError saying how to fix it', (options, message) => {
    expect(() => new CircuitBreaker(options as never)).toThrow(ConfigurationError);
    expect(() => new CircuitBreaker(options as never)).toThrow(message);
  });

  test("dequest's defaults: 5 failures, 30 s, one probe", () => {
    const breaker = new CircuitBreaker();
    expect([breaker.failureThreshold, breaker.recoveryTimeout, breaker.halfOpenMaxCalls]).toEqual([
      5, 30_000, 1,
    ]);
    expect(breaker.state).toBe('CLOSED');
  });
});

describe('states', () => {
  test('opens at the threshold, turns HALF_OPEN after recoveryTimeout on its monotonic clock, and a probe closes it', async () => {
    const clock = manualClock();
    const changes: BreakerStateChange[] = [];
    const breaker = new CircuitBreaker({
      failureThreshold: 2,
      recoveryTimeout: 1_000,
      clock: clock.read,
      name: 'api',
    });
    breaker.onStateChange((c) => changes.push(c));
    for (let i = 0; i < 2; i++) await breaker.record(await breaker.admit(), 'failure');
    expect(breaker.state).toBe('OPEN');
    expect(await breaker.admit()).toEqual({ allowed: false, state: 'OPEN', retryAfterMs: 1_000 });
    clock.now = 999;
    expect(breaker.state).toBe('OPEN');
    clock.now = 1_000;
    expect(breaker.state).toBe('HALF_OPEN');
    const probe = await breaker.admit();
    expect(probe).toEqual({ allowed: true, probe: true });
    expect(await breaker.admit()).toEqual({ allowed: false, state: 'HALF_OPEN', retryAfterMs: 0 });
    await breaker.record(probe, 'success');
    expect(breaker.state).toBe('CLOSED');
    expect(changes).toEqual([
      { name: 'api', from: 'CLOSED', to: 'OPEN' },
      { name: 'api', from: 'OPEN', to: 'HALF_OPEN' },
      { name: 'api', from: 'HALF_OPEN', to: 'CLOSED' },
    ]);
  });

  test("a probe's failure opens it again and restarts the timer", async () => {
    const clock = manualClock();
    const breaker = new CircuitBreaker({
      failureThreshold: 1,
      recoveryTimeout: 1_000,
      clock: clock.read,
    });
    await breaker.record(await breaker.admit(), 'failure');
    clock.now = 1_000;
    await breaker.record(await breaker.admit(), 'failure');
    expect(breaker.state).toBe('OPEN');
    clock.now = 1_999;
    expect((await breaker.admit()).allowed).toBe(false);
    clock.now = 2_000;
    expect(await breaker.admit()).toEqual({ allowed: true, probe: true });
  });

  test('halfOpenMaxCalls: 3 lets three probes through, and a neutral probe gives its slot back', async () => {
    const clock = manualClock();
    const breaker = new CircuitBreaker({
      failureThreshold: 1,
      recoveryTimeout: 10,
      halfOpenMaxCalls: 3,
      clock: clock.read,
    });
    await breaker.record(await breaker.admit(), 'failure');
    clock.now = 10;
    const probes = [await breaker.admit(), await breaker.admit(), await breaker.admit()];
    expect(probes.every((p) => p.allowed)).toBe(true);
    expect((await breaker.admit()).allowed).toBe(false);
    await breaker.record(probes[0]!, 'neutral');
    expect((await breaker.admit()).allowed).toBe(true);
  });

  test('a success resets the count: failures must come in a row', async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 3 });
    for (const outcome of ['failure', 'failure', 'success', 'failure', 'failure'] as const)
      await breaker.record(await breaker.admit(), outcome);
    expect(breaker.state).toBe('CLOSED');
    await breaker.record(await breaker.admit(), 'failure');
    expect(breaker.state).toBe('OPEN');
  });

  test('reset() closes it, and a listener that throws does not break the breaker', async () => {
    const breaker = new CircuitBreaker({
      failureThreshold: 1,
      onStateChange: () => {
        throw new Error('listener bug');
      },
    });
    await breaker.record(await breaker.admit(), 'failure');
    expect(breaker.state).toBe('OPEN');
    await breaker.reset();
    expect(breaker.state).toBe('CLOSED');
  });

  test('two breakers on one store under different names are independent; the same name is one breaker', async () => {
    const store = memoryBreakerStore();
    const a = new CircuitBreaker({ name: 'a', store, failureThreshold: 1 });
    const b = new CircuitBreaker({ name: 'b', store, failureThreshold: 1 });
    const a2 = new CircuitBreaker({ name: 'a', store, failureThreshold: 1 });
    await a.record(await a.admit(), 'failure');
    expect([a.state, b.state, a2.state]).toEqual(['OPEN', 'CLOSED', 'OPEN']);
  });

  test('a store that fails lets calls through (fail open) and loses only its records', async () => {
    const broken = new Proxy(memoryBreakerStore(), {
      get: () => () => Promise.reject(new Error('store down')),
    }) as BreakerStateStore;
    const breaker = new CircuitBreaker({ name: 'x', store: broken, failureThreshold: 1 });
    const admission = await breaker.admit();
    expect(admission).toEqual({ allowed: true, probe: false });
    await expect(breaker.record(admission, 'failure')).resolves.toBeUndefined();
    expect(await breaker.recheck(admission)).toBe(admission);
  });
});

test('CircuitBreakerOpenError: a DequestError with a brand, a guard, retryAfterMs and a message naming target and state', () => {
  const error = new CircuitBreakerOpenError('GET https://api.example.com/users', 'OPEN', 12_300);
  expect(isDequestError(error)).toBe(true);
  expect(isCircuitBreakerOpenError(error)).toBe(true);
  expect(isCircuitBreakerOpenError(new Error('Circuit breaker is OPEN'))).toBe(false);
  expect(
    isCircuitBreakerOpenError(
      Object.assign(new Error('copy'), { isCircuitBreakerOpenError: true }),
    ),
  ).toBe(true);
  expect(error.name).toBe('CircuitBreakerOpenError');
  expect(error.retryAfterMs).toBe(12_300);
  expect(error.message).toBe(
    'Circuit breaker is OPEN: GET https://api.example.com/users blocked, retry in 13 s.',
  );
});
