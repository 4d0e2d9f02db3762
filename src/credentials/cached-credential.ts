import { describeValue } from '../http/describe-value';
import { INVALID_HEADER_CHAR, isThenable } from '../http/syntax';
import { readCacheRules } from './cached-credential-options';
import type { CachedCredentialOptions } from './cached-credential-options';
import { jwtExpiresAt } from './jwt-expiry';
import type { CredentialContext, CredentialValue } from './source';
import { ConfigurationError } from '../errors';

export type { CachedCredentialOptions, JwtExpiryOptions } from './cached-credential-options';

/**
 * A provider that caches what another provider returns, usable as `authToken` or `apiKey`.
 * It returns the cached value synchronously while it is fresh, and a promise while a fetch
 * is in flight.
 *
 * @example
 * ```ts
 * const authToken = cachedCredential(fetchAccessToken, { ttl: 60_000 });
 * onLogout(() => authToken.clear());
 * ```
 */
export interface CachedCredential {
  (ctx: CredentialContext): CredentialValue | Promise<CredentialValue>;
  /**
   * Forgets the cached value and any fetch in flight (callers already waiting on it still get
   * its result, but it is not kept). The next call calls the provider again. Use it on logout.
   */
  clear(): void;
}

/**
 * A value with its own lifetime, for a provider that learns it with the value (an OAuth token
 * endpoint's `expires_in`). Its `ttl` wins over the `ttl` option and over a JWT's `exp`.
 *
 * @example
 * ```ts
 * cachedCredential(async () => {
 *   const { access_token, expires_in } = await fetchToken();
 *   return { value: access_token, ttl: expires_in * 1000 - 30_000 };
 * }, { ttl: 60_000 });
 * ```
 */
export interface TimedCredential {
  readonly value: CredentialValue;
  /** Milliseconds to keep `value`, counted from when the provider was called; 0 keeps it not at all. */
  readonly ttl: number;
}

/**
 * What {@link cachedCredential} wraps: a credential provider that may also say how long its
 * value lives.
 *
 * @example
 * ```ts
 * const provider: CachedCredentialProvider = async () => ({ value: await vault.token(), ttl: 300_000 });
 * ```
 */
export type CachedCredentialProvider = (
  ctx: CredentialContext,
) => CredentialValue | TimedCredential | PromiseLike<CredentialValue | TimedCredential>;

interface InFlight {
  readonly promise: Promise<CredentialValue>;
  readonly refresh: boolean;
}

/**
 * Wraps a credential provider so one call serves every concurrent request (single-flight)
 * and its value is reused for `ttl` ms, or until a JWT's `exp` minus a skew.
 *
 * - A throw or rejection reaches every caller that waited on that one call, and is not kept:
 *   the next call calls the provider again.
 * - `ctx.refresh === true` (the server rejected the credential) drops the cached value and
 *   fetches a new one; refreshers and ordinary callers arriving while that refresh is in
 *   flight join it. An ordinary fetch already running when the refresh was asked never
 *   satisfies it (its own waiters still get its value), and its value is not kept.
 * - `null`, `undefined` and `''` ("send no header") reach the callers that waited for them
 *   but are not kept, so a credential that appears later (after login) is picked up at once.
 * - One value per wrapper, however many requests: memory stays bounded.
 *
 * The provider gets the `ctx` of the request that caused the fetch.
 *
 * @example
 * ```ts
 * const client = createClient({
 *   baseURL: 'https://api.example.com',
 *   authToken: cachedCredential(async () => (await oauth.clientCredentials()).access_token, {
 *     jwt: true,
 *     ttl: 5 * 60_000, // for opaque tokens
 *   }),
 * });
 * ```
 */
export function cachedCredential(
  provider: CachedCredentialProvider,
  options: CachedCredentialOptions,
): CachedCredential {
  const { ttl, skew, now } = readCacheRules(provider, options);

  let current: { readonly value: string; readonly expiresAt: number } | undefined;
  let inFlight: InFlight | undefined;
  // Bumped by every fetch and by clear(): only the newest fetch may store its value, so a
  // fetch overtaken by a refresh or a logout cannot bring an old credential back.
  let generation = 0;

  const expiryOf = (
    value: string,
    startedAt: number,
    own: number | undefined,
  ): number | undefined => {
    if (own !== undefined) return startedAt + own;
    if (skew !== undefined) {
      const exp = jwtExpiresAt(value);
      if (exp !== undefined) return exp - skew;
    }
    return ttl === undefined ? undefined : startedAt + ttl;
  };

  // Returns what the callers get: the value, without its ttl.
  const settle = (fetch: number, startedAt: number, produced: unknown): CredentialValue => {
    let timed: ReturnType<typeof unwrap>;
    try {
      timed = unwrap(produced);
    } catch (error) {
      if (fetch === generation) inFlight = undefined;
      throw error;
    }
    const { value, ttl: own } = timed;
    if (fetch !== generation) return value;
    inFlight = undefined;
    // A value that can never be sent is not kept: the next request asks the provider again,
    // as after a failure, instead of failing on the cached value for a whole ttl.
    if (typeof value !== 'string' || value === '' || INVALID_HEADER_CHAR.test(value)) return value;
    const expiresAt = expiryOf(value, startedAt, own);
    if (expiresAt !== undefined && now() < expiresAt) current = { value, expiresAt };
    return value;
  };

  const fetch = (ctx: CredentialContext, refresh: boolean): CachedValue => {
    const id = ++generation;
    current = undefined;
    inFlight = undefined;
    const startedAt = now();
    // A sync throw propagates as is: nothing was cached, nobody else waits on it.
    const produced = provider(ctx);
    if (!isThenable(produced)) return settle(id, startedAt, produced);
    const promise = Promise.resolve(produced).then(
      (value) => settle(id, startedAt, value),
      (error: unknown) => {
        if (id === generation) inFlight = undefined;
        throw error;
      },
    );
    inFlight = { promise, refresh };
    return promise;
  };

  const cached = ((ctx: CredentialContext): CachedValue => {
    if (ctx?.refresh === true) {
      return inFlight?.refresh ? inFlight.promise : fetch(ctx, true);
    }
    if (current !== undefined && now() < current.expiresAt) return current.value;
    return inFlight !== undefined ? inFlight.promise : fetch(ctx, false);
  }) as CachedCredential;

  cached.clear = (): void => {
    generation++;
    current = undefined;
    inFlight = undefined;
  };
  return cached;
}

type CachedValue = CredentialValue | Promise<CredentialValue>;

// `{ value, ttl }` from the provider, or the value itself (whatever it is: the request checks it).
function unwrap(produced: unknown): { value: CredentialValue; ttl: number | undefined } {
  if (typeof produced !== 'object' || produced === null || !('value' in produced)) {
    return { value: produced as CredentialValue, ttl: undefined };
  }
  const { value, ttl } = produced as TimedCredential;
  if (typeof ttl !== 'number' || Number.isNaN(ttl) || ttl < 0) {
    throw new ConfigurationError(
      `cachedCredential's provider returned { value, ttl } with a ttl that is not a number of milliseconds, 0 or more ` +
        `(got ${describeValue(ttl)}). Example: return { value: token, ttl: 60_000 }.`,
    );
  }
  return { value, ttl };
}
