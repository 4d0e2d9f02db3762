import { INVALID_HEADER_CHAR, isThenable } from '../http/syntax';
import { readCacheRules } from './cached-credential-options';
import type { CachedCredentialOptions } from './cached-credential-options';
import { jwtExpiresAt } from './jwt-expiry';
import type { CredentialContext, CredentialProvider, CredentialValue } from './source';

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
  provider: CredentialProvider,
  options: CachedCredentialOptions,
): CachedCredential {
  const { ttl, skew, now } = readCacheRules(provider, options);

  let current: { readonly value: string; readonly expiresAt: number } | undefined;
  let inFlight: InFlight | undefined;
  // Bumped by every fetch and by clear(): only the newest fetch may store its value, so a
  // fetch overtaken by a refresh or a logout cannot bring an old credential back.
  let generation = 0;

  const expiryOf = (value: string, startedAt: number): number | undefined => {
    if (skew !== undefined) {
      const exp = jwtExpiresAt(value);
      if (exp !== undefined) return exp - skew;
    }
    return ttl === undefined ? undefined : startedAt + ttl;
  };

  const settle = (fetch: number, startedAt: number, value: CredentialValue): void => {
    if (fetch !== generation) return;
    inFlight = undefined;
    // A value that can never be sent is not kept: the next request asks the provider again,
    // as after a failure, instead of failing on the cached value for a whole ttl.
    if (typeof value !== 'string' || value === '' || INVALID_HEADER_CHAR.test(value)) return;
    const expiresAt = expiryOf(value, startedAt);
    if (expiresAt !== undefined && now() < expiresAt) current = { value, expiresAt };
  };

  const fetch = (ctx: CredentialContext, refresh: boolean): CachedValue => {
    const id = ++generation;
    current = undefined;
    inFlight = undefined;
    const startedAt = now();
    // A sync throw propagates as is: nothing was cached, nobody else waits on it.
    const produced = provider(ctx);
    if (!isThenable(produced)) {
      settle(id, startedAt, produced);
      return produced;
    }
    const promise = Promise.resolve(produced).then(
      (value) => {
        settle(id, startedAt, value);
        return value;
      },
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
