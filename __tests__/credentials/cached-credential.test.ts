import type { InternalAxiosRequestConfig } from 'axios';
import { cachedCredential } from '../../src/credentials/cached-credential';
import type { CredentialContext, CredentialValue } from '../../src/credentials/source';
import { ConfigurationError } from '../../src/errors';

const ctx: CredentialContext = { config: {} as InternalAxiosRequestConfig, refresh: false };
const refreshCtx: CredentialContext = { ...ctx, refresh: true };

/** A clock the test moves by hand. */
const manualClock = (start = 1_700_000_000_000) => {
  let time = start;
  return { now: () => time, advance: (ms: number) => void (time += ms) };
};

const base64url = (text: string) => Buffer.from(text).toString('base64url');
/** An unsigned JWT whose payload holds `claims` (the signature is never checked). */
const jwt = (claims: Record<string, unknown>) =>
  `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}.c2lnbmF0dXJl`;

/** A promise with its resolve/reject exposed, to control when an async provider settles. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** An async provider that hands out `token-1`, `token-2`, ... and settles when the test says. */
function controlledProvider() {
  const calls: ReturnType<typeof deferred<CredentialValue>>[] = [];
  let next = 0;
  const provider = jest.fn((_ctx: CredentialContext) => {
    const d = deferred<CredentialValue>();
    calls.push(d);
    return d.promise;
  });
  const settleNext = (value: CredentialValue) => {
    calls[next++]!.resolve(value);
  };
  const failNext = (error: unknown) => {
    calls[next++]!.reject(error);
  };
  return { provider, calls, settleNext, failNext };
}

/** A provider that waits until `open()`: callers pile up behind one call without waiting on a timer. */
function gated<T>(produce: () => T) {
  const gate = deferred<void>();
  return {
    provider: async () => {
      await gate.promise;
      return produce();
    },
    open: () => {
      gate.resolve();
    },
  };
}

describe('cachedCredential: single-flight', () => {
  test('1,000 concurrent callers share one call of a slow async provider and all get its value', async () => {
    let calls = 0;
    const { provider, open } = gated(() => {
      calls++;
      return 'tok';
    });
    const token = cachedCredential(provider, { ttl: 60_000 });

    const pending = Array.from({ length: 1000 }, () => token(ctx));
    open();
    const values = await Promise.all(pending);

    expect(calls).toBe(1);
    expect(values).toHaveLength(1000);
    expect(values.every((value) => value === 'tok')).toBe(true);
  });

  test('20 concurrent callers of a failing provider: 1 call, 20 rejections with the same error, and the next call tries again', async () => {
    const failure = new Error('token server down');
    const gate = gated(() => {
      throw failure;
    });
    const provider = jest.fn<Promise<CredentialValue>, []>(gate.provider);
    const token = cachedCredential(provider, { ttl: 60_000 });

    const pending = Array.from({ length: 20 }, () => token(ctx));
    gate.open();
    const results = await Promise.allSettled(pending);

    expect(provider).toHaveBeenCalledTimes(1);
    expect(results.map((r) => r.status)).toEqual(Array(20).fill('rejected'));
    for (const result of results) expect((result as PromiseRejectedResult).reason).toBe(failure);

    provider.mockResolvedValueOnce('recovered');
    await expect(token(ctx)).resolves.toBe('recovered');
    expect(provider).toHaveBeenCalledTimes(2);
  });

  test('the provider is called with the context of the request that caused the fetch', async () => {
    const provider = jest.fn(async (_ctx: CredentialContext) => 'tok');
    const token = cachedCredential(provider, { ttl: 1000 });

    await token(ctx);

    expect(provider).toHaveBeenCalledWith(ctx);
  });
});

describe('cachedCredential: ttl', () => {
  test('a fresh value is returned synchronously without calling the provider again', async () => {
    const provider = jest.fn(async () => 'tok');
    const token = cachedCredential(provider, { ttl: 1000 });

    await token(ctx);

    expect(token(ctx)).toBe('tok');
    expect(provider).toHaveBeenCalledTimes(1);
  });

  test('the value is reused until ttl ms after the provider was called, then fetched again', async () => {
    const clock = manualClock();
    const { provider, settleNext } = controlledProvider();
    const token = cachedCredential(provider, { ttl: 1000, now: clock.now });

    const first = token(ctx);
    clock.advance(200); // the provider takes 200 ms: the ttl counts from the call
    settleNext('token-1');
    await expect(first).resolves.toBe('token-1');

    clock.advance(799); // 999 ms after the call
    expect(token(ctx)).toBe('token-1');
    clock.advance(1); // 1000 ms after the call
    const second = token(ctx);
    settleNext('token-2');

    await expect(second).resolves.toBe('token-2');
    expect(provider).toHaveBeenCalledTimes(2);
  });

  test('callers arriving while an expired value is refetched wait for the new value, not the old one', async () => {
    const clock = manualClock();
    const { provider, settleNext } = controlledProvider();
    const token = cachedCredential(provider, { ttl: 1000, now: clock.now });
    const first = token(ctx);
    settleNext('token-1');
    await first;

    clock.advance(1000);
    const waiting = [token(ctx), token(ctx), token(ctx)];
    settleNext('token-2');

    await expect(Promise.all(waiting)).resolves.toEqual(['token-2', 'token-2', 'token-2']);
    expect(provider).toHaveBeenCalledTimes(2);
  });

  test('ttl 0 shares one call among concurrent callers but keeps nothing', async () => {
    const provider = jest.fn(async () => 'tok');
    const token = cachedCredential(provider, { ttl: 0 });

    await Promise.all([token(ctx), token(ctx), token(ctx)]);
    expect(provider).toHaveBeenCalledTimes(1);
    await token(ctx);

    expect(provider).toHaveBeenCalledTimes(2);
  });

  test('a sync provider is called once and its value is cached', () => {
    const clock = manualClock();
    const provider = jest.fn(() => 'sync-tok');
    const token = cachedCredential(provider, { ttl: 1000, now: clock.now });

    const values = Array.from({ length: 50 }, () => token(ctx));

    expect(values).toEqual(Array(50).fill('sync-tok'));
    expect(provider).toHaveBeenCalledTimes(1);
    clock.advance(1000);
    expect(token(ctx)).toBe('sync-tok');
    expect(provider).toHaveBeenCalledTimes(2);
  });

  test('a sync provider that throws throws to its caller, is not cached, and is called again next time', () => {
    const failure = new Error('no token');
    const provider = jest
      .fn<CredentialValue, [CredentialContext]>()
      .mockImplementationOnce(() => {
        throw failure;
      })
      .mockReturnValue('tok');
    const token = cachedCredential(provider, { ttl: 1000 });

    expect(() => token(ctx)).toThrow(failure);
    expect(token(ctx)).toBe('tok');
    expect(provider).toHaveBeenCalledTimes(2);
  });
});

describe('cachedCredential: empty values', () => {
  test.each([null, undefined, ''])(
    'a provider returning %p: every waiting caller gets it, and the next call asks the provider again',
    async (empty) => {
      const provider = jest.fn<Promise<CredentialValue>, []>().mockResolvedValueOnce(empty);
      provider.mockResolvedValue('logged-in');
      const token = cachedCredential(provider, { ttl: 60_000 });

      await expect(Promise.all([token(ctx), token(ctx)])).resolves.toEqual([empty, empty]);
      expect(provider).toHaveBeenCalledTimes(1);

      await expect(token(ctx)).resolves.toBe('logged-in');
      expect(provider).toHaveBeenCalledTimes(2);
    },
  );
});

describe('cachedCredential: jwt', () => {
  test('a JWT is kept until its exp minus the default 30 s skew, whatever the ttl', async () => {
    const clock = manualClock();
    const exp = Math.floor(clock.now() / 1000) + 3600; // one hour
    const provider = jest.fn(async () => jwt({ sub: 'svc', exp }));
    const token = cachedCredential(provider, { jwt: true, ttl: 1000, now: clock.now });
    await token(ctx);

    clock.advance(exp * 1000 - clock.now() - 30_001);
    expect(typeof token(ctx)).toBe('string');
    expect(provider).toHaveBeenCalledTimes(1);

    clock.advance(1);
    await token(ctx);
    expect(provider).toHaveBeenCalledTimes(2);
  });

  test('a custom skew moves the refetch to that many ms before exp', async () => {
    const clock = manualClock();
    const exp = Math.floor(clock.now() / 1000) + 600;
    const provider = jest.fn(async () => jwt({ exp }));
    const token = cachedCredential(provider, { jwt: { skew: 5000 }, now: clock.now });
    await token(ctx);

    clock.advance(exp * 1000 - clock.now() - 5001);
    void token(ctx); // starts the fetch; the test awaits what follows
    expect(provider).toHaveBeenCalledTimes(1);
    clock.advance(1);
    await token(ctx);

    expect(provider).toHaveBeenCalledTimes(2);
  });

  test('a JWT that arrives already within the skew of its exp reaches the waiting callers but is not kept', async () => {
    const clock = manualClock();
    const exp = Math.floor(clock.now() / 1000) + 10; // 10 s left, skew 30 s
    const provider = jest.fn(async () => jwt({ exp }));
    const token = cachedCredential(provider, { jwt: true, now: clock.now });

    const [a, b] = await Promise.all([token(ctx), token(ctx)]);
    expect(a).toBe(jwt({ exp }));
    expect(b).toBe(a);
    await token(ctx);

    expect(provider).toHaveBeenCalledTimes(2);
  });

  test('an opaque token with jwt and ttl falls back to the ttl', async () => {
    const clock = manualClock();
    const provider = jest.fn(async () => 'opaque-token-abc');
    const token = cachedCredential(provider, { jwt: true, ttl: 1000, now: clock.now });

    await expect(token(ctx)).resolves.toBe('opaque-token-abc');
    clock.advance(999);
    expect(token(ctx)).toBe('opaque-token-abc');
    clock.advance(1);
    await token(ctx);

    expect(provider).toHaveBeenCalledTimes(2);
  });

  test.each([
    ['an opaque token', 'opaque-token-abc'],
    ['a JWT without exp', jwt({ sub: 'svc' })],
    ['a JWT whose exp is a string', jwt({ exp: '1700000000' })],
    ['three parts that are not base64url JSON', 'a.b!c.d'],
    ['a payload that is not JSON', `x.${base64url('not json')}.y`],
    ['a JWE (five parts)', 'a.b.c.d.e'],
  ])('%s with jwt and no ttl is handed over, never kept, and never throws', async (_, value) => {
    const provider = jest.fn(async () => value);
    const token = cachedCredential(provider, { jwt: true });

    await expect(Promise.all([token(ctx), token(ctx)])).resolves.toEqual([value, value]);
    expect(provider).toHaveBeenCalledTimes(1);
    await expect(token(ctx)).resolves.toBe(value);
    expect(provider).toHaveBeenCalledTimes(2);
  });

  test('a JWT whose payload holds non-ASCII claims is still read', async () => {
    const clock = manualClock();
    const exp = Math.floor(clock.now() / 1000) + 3600;
    const provider = jest.fn(async () => jwt({ name: 'Jürgen 東京 🚀', exp }));
    const token = cachedCredential(provider, { jwt: true, now: clock.now });

    await token(ctx);
    void token(ctx); // starts the fetch; the test awaits what follows

    expect(provider).toHaveBeenCalledTimes(1);
  });
});

describe('cachedCredential: refresh', () => {
  test('refresh: true fetches a new value even while the cached one is fresh', async () => {
    const { provider, settleNext } = controlledProvider();
    const token = cachedCredential(provider, { ttl: 60_000 });
    const first = token(ctx);
    settleNext('token-1');
    await first;

    const refreshed = token(refreshCtx);
    settleNext('token-2');

    await expect(refreshed).resolves.toBe('token-2');
    expect(token(ctx)).toBe('token-2');
    expect(provider).toHaveBeenCalledTimes(2);
    // The refresh is told which value it replaces (an OAuth provider reads its state).
    expect(provider).toHaveBeenLastCalledWith({
      ...refreshCtx,
      previous: { value: 'token-1', expiresAt: expect.any(Number) },
    });
  });

  test('concurrent refreshers share one refresh, and ordinary callers arriving meanwhile wait for it', async () => {
    const { provider, settleNext } = controlledProvider();
    const token = cachedCredential(provider, { ttl: 60_000 });
    const first = token(ctx);
    settleNext('token-1');
    await first;

    const refreshers = Array.from({ length: 30 }, () => token(refreshCtx));
    const ordinary = token(ctx);
    settleNext('token-2');

    await expect(Promise.all(refreshers)).resolves.toEqual(Array(30).fill('token-2'));
    await expect(ordinary).resolves.toBe('token-2');
    expect(provider).toHaveBeenCalledTimes(2);
  });

  test('a refresh is not satisfied by a fetch that was already running when it was asked', async () => {
    const { provider, settleNext } = controlledProvider();
    const token = cachedCredential(provider, { ttl: 60_000 });

    const before = token(ctx);
    const refreshed = token(refreshCtx);
    expect(provider).toHaveBeenCalledTimes(2);
    settleNext('token-old'); // the fetch started before the refresh
    settleNext('token-new');

    await expect(before).resolves.toBe('token-old');
    await expect(refreshed).resolves.toBe('token-new');
    expect(token(ctx)).toBe('token-new');
  });

  test('an older fetch that finishes after a refresh does not overwrite the refreshed value', async () => {
    const { provider, calls } = controlledProvider();
    const token = cachedCredential(provider, { ttl: 60_000 });
    const before = token(ctx);
    const refreshed = token(refreshCtx);

    calls[1]!.resolve('token-new');
    await expect(refreshed).resolves.toBe('token-new');
    calls[0]!.resolve('token-old');
    await expect(before).resolves.toBe('token-old');

    expect(token(ctx)).toBe('token-new');
    expect(provider).toHaveBeenCalledTimes(2);
  });

  test('a failed refresh leaves nothing cached: the next call fetches again', async () => {
    const { provider, settleNext, failNext } = controlledProvider();
    const token = cachedCredential(provider, { ttl: 60_000 });
    const first = token(ctx);
    settleNext('token-1');
    await first;

    const refreshed = token(refreshCtx);
    failNext(new Error('refresh failed'));
    await expect(refreshed).rejects.toThrow('refresh failed');

    const next = token(ctx);
    expect(next).toBeInstanceOf(Promise); // the rejected token-1 is not handed out again
    settleNext('token-2');
    await expect(next).resolves.toBe('token-2');
    expect(provider).toHaveBeenCalledTimes(3);
  });

  test('a refresh after a finished refresh fetches again', async () => {
    const provider = jest.fn(async () => 'tok');
    const token = cachedCredential(provider, { ttl: 60_000 });

    await token(refreshCtx);
    await token(refreshCtx);

    expect(provider).toHaveBeenCalledTimes(2);
  });
});

describe('cachedCredential: clear()', () => {
  test('clear() forgets the cached value: the next call asks the provider again', async () => {
    const provider = jest.fn<Promise<CredentialValue>, []>();
    provider.mockResolvedValueOnce('user-a').mockResolvedValueOnce('user-b');
    const token = cachedCredential(provider, { ttl: 60_000 });
    await token(ctx);

    token.clear();

    await expect(token(ctx)).resolves.toBe('user-b');
    expect(provider).toHaveBeenCalledTimes(2);
  });

  test('a fetch in flight during clear() still answers its callers but is not kept', async () => {
    const { provider, settleNext } = controlledProvider();
    const token = cachedCredential(provider, { ttl: 60_000 });
    const inFlight = token(ctx);

    token.clear();
    const after = token(ctx);
    settleNext('before-logout');
    settleNext('after-login');

    await expect(inFlight).resolves.toBe('before-logout');
    await expect(after).resolves.toBe('after-login');
    expect(token(ctx)).toBe('after-login');
  });

  test('a value fetched during a logout is not kept, even when nothing was asked since', async () => {
    const { provider, settleNext } = controlledProvider();
    const token = cachedCredential(provider, { ttl: 60_000 });
    const inFlight = token(ctx);

    token.clear();
    settleNext('before-logout');
    await inFlight;
    const next = token(ctx);
    settleNext('after-login');

    await expect(next).resolves.toBe('after-login');
    expect(provider).toHaveBeenCalledTimes(2);
  });
});

describe('cachedCredential: options', () => {
  const provider = async () => 'tok';

  test.each([
    [
      'a number instead of the options object',
      60_000,
      /must be an options object.*\{ ttl: 60_000 \}/,
    ],
    ['no ttl and no jwt', {}, /pass \{ ttl: <milliseconds> \}.*or \{ jwt: true \}/],
    ['a negative ttl', { ttl: -1 }, /ttl must be a number of milliseconds, 0 or more, got -1/],
    ['a NaN ttl', { ttl: NaN }, /ttl must be a number of milliseconds.*got NaN/],
    [
      'a string ttl',
      { ttl: '60000' },
      /ttl must be a number of milliseconds.*got "60000" \(a string\)/,
    ],
    ['a negative skew', { jwt: { skew: -5 } }, /jwt\.skew must be a finite number.*got -5/],
    ['an infinite skew', { jwt: { skew: Infinity } }, /jwt\.skew must be a finite number/],
    ['a skew outside jwt', { jwt: true, skew: 5000 }, /pass it inside jwt, e\.g\. \{ jwt: \{ skew/],
    ['a jwt that is a string', { jwt: 'yes' }, /jwt must be true, false or \{ skew/],
    ['a clock that is not a function', { ttl: 1, now: 5 }, /now must be a function/],
  ])('%s is a ConfigurationError that says how to fix it', (_, options, message) => {
    const make = () => cachedCredential(provider, options as never);

    expect(make).toThrow(ConfigurationError);
    expect(make).toThrow(message);
  });

  test('a missing options object is a ConfigurationError, not a TypeError', () => {
    expect(() => (cachedCredential as (p: unknown) => unknown)(provider)).toThrow(
      ConfigurationError,
    );
  });

  test('a provider that is not a function is a ConfigurationError that never shows the value', () => {
    const make = () => cachedCredential('s3cr3t-token' as never, { ttl: 1000 });

    expect(make).toThrow(ConfigurationError);
    expect(make).toThrow(/provider function.*got a string/);
    expect(make).not.toThrow(/s3cr3t/);
  });

  test('ttl Infinity keeps the value until clear()', async () => {
    const clock = manualClock();
    const provider = jest.fn(async () => 'forever');
    const token = cachedCredential(provider, { ttl: Infinity, now: clock.now });
    await token(ctx);

    clock.advance(10 * 365 * 24 * 3600_000);
    expect(token(ctx)).toBe('forever');
    token.clear();
    await token(ctx);

    expect(provider).toHaveBeenCalledTimes(2);
  });
});

describe('cachedCredential: values that can never be sent', () => {
  test.each([
    ['a line break', 'token\r\nX-Injected: 1'],
    ['a NUL', 'token\0'],
  ])('a value with %s is not kept: each request asks the provider again', async (_name, bad) => {
    const provider = jest.fn(async () => bad);
    const cached = cachedCredential(provider, { ttl: 60_000 });

    await cached(ctx);
    await cached(ctx);
    await cached(ctx);

    expect(provider).toHaveBeenCalledTimes(3);
  });
});

describe('cachedCredential: a value with its own ttl', () => {
  test('{ value, ttl } from the provider: callers get the value, kept for that ttl over the ttl option', async () => {
    const clock = manualClock();
    const provider = jest.fn(async () => ({ value: 'tok', ttl: 5_000 }));
    const token = cachedCredential(provider, { ttl: 60_000, now: clock.now });

    await expect(token(ctx)).resolves.toBe('tok');
    clock.advance(4_999);
    expect(token(ctx)).toBe('tok');
    clock.advance(1);
    await expect(token(ctx)).resolves.toBe('tok');

    expect(provider).toHaveBeenCalledTimes(2);
  });

  test("{ value, ttl } wins over a JWT's exp", async () => {
    const clock = manualClock();
    const value = jwt({ exp: clock.now() / 1000 + 3600 });
    const provider = jest.fn(() => ({ value, ttl: 1_000 }));
    const token = cachedCredential(provider, { jwt: true, now: clock.now });

    expect(token(ctx)).toBe(value);
    clock.advance(1_000);
    void token(ctx); // starts the fetch; the test awaits what follows

    expect(provider).toHaveBeenCalledTimes(2);
  });

  test('ttl 0 hands the value to the waiting callers and keeps nothing', async () => {
    const provider = jest.fn(async () => ({ value: 'tok', ttl: 0 }));
    const token = cachedCredential(provider, { ttl: 60_000 });

    const values = await Promise.all([token(ctx), token(ctx)]);
    await token(ctx);

    expect(values).toEqual(['tok', 'tok']);
    expect(provider).toHaveBeenCalledTimes(2);
  });

  test.each([[-1], [Number.NaN], ['60']])(
    'a ttl of %p is a ConfigurationError for every waiting caller, and nothing is kept',
    async (ttl) => {
      const provider = jest.fn(async () => ({ value: 's3cr3t-value', ttl: ttl as number }));
      const token = cachedCredential(provider, { ttl: 60_000 });

      const results = await Promise.allSettled([token(ctx), token(ctx)]);
      provider.mockResolvedValueOnce({ value: 'next', ttl: 1_000 });

      for (const result of results) {
        expect(result.status).toBe('rejected');
        expect((result as PromiseRejectedResult).reason).toBeInstanceOf(ConfigurationError);
        expect((result as PromiseRejectedResult).reason.message).not.toContain('s3cr3t');
      }
      await expect(token(ctx)).resolves.toBe('next');
      expect(provider).toHaveBeenCalledTimes(2);
    },
  );
});
