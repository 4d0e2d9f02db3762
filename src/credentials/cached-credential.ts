import { isThenable } from '../http/syntax';
import { readCacheRules } from './cached-credential-options';
import type { CachedCredentialOptions } from './cached-credential-options';
import { createProducer, isKeepable } from './cached-credential-produce';
import type {
  CachedCredentialContext,
  CachedCredentialProvider,
  Produced,
} from './cached-credential-produce';
import { createSharedFetch } from './cached-credential-shared';
import type { SharedCredential } from './credential-store';
import type { CredentialContext, CredentialValue } from './source';

export type { CachedCredentialOptions, JwtExpiryOptions } from './cached-credential-options';
export type {
  CachedCredentialContext,
  CachedCredentialProvider,
  TimedCredential,
} from './cached-credential-produce';

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
   * With a `store`, only this process's copy is forgotten: the next call reads the store.
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
 * - With `store` and `key`, processes share the value: one provider call for the cluster, a
 *   refresh that is a compare-and-set on the rejected value, and a local copy on the hot path.
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
  const rules = readCacheRules(provider, options);
  const { now, shared } = rules;
  const produce = createProducer(provider, rules);
  const obtain = shared && createSharedFetch(shared.store, shared.key, produce, rules.onEvent, now);

  let current: SharedCredential | undefined;
  // The last value kept, even expired: the provider's `previous`, and what a refresh rejects.
  let previous: SharedCredential | undefined;
  let inFlight: InFlight | undefined;
  // Bumped by every fetch and by clear(): only the newest fetch may store its value, so a
  // fetch overtaken by a refresh or a logout cannot bring an old credential back.
  let generation = 0;

  // Returns what the callers get: the value, without its lifetime.
  const keep = (fetch: number, { value, expiresAt, state }: Produced): CredentialValue => {
    if (fetch !== generation) return value;
    inFlight = undefined;
    if (!isKeepable(value) || expiresAt === undefined) return value;
    previous = state === undefined ? { value, expiresAt } : { value, expiresAt, state };
    if (now() < expiresAt) current = previous;
    return value;
  };

  const fetch = (ctx: CredentialContext, refresh: boolean): CachedValue => {
    const id = ++generation;
    current = undefined;
    inFlight = undefined;
    const context: CachedCredentialContext = previous === undefined ? ctx : { ...ctx, previous };
    const produced = obtain
      ? obtain(context, refresh ? previous?.value : undefined)
      : produce(context); // a sync throw propagates as is: nothing was cached, nobody waits on it
    if (!isThenable(produced)) return keep(id, produced);
    const promise = produced.then(
      (result) => keep(id, result),
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
    previous = undefined;
    inFlight = undefined;
  };
  return cached;
}

type CachedValue = CredentialValue | Promise<CredentialValue>;
