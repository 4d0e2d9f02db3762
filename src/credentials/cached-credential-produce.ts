import { describeValue } from '../http/describe-value';
import { ConfigurationError } from '../errors';
import { INVALID_HEADER_CHAR, isThenable } from '../http/syntax';
import type { CacheRules } from './cached-credential-options';
import type { SaveState, SharedCredential } from './credential-store';
import { jwtExpiresAt } from './jwt-expiry';
import type { CredentialContext, CredentialValue } from './source';

/**
 * What a {@link CachedCredentialProvider} is told: the request's context, and the value this
 * cache held last (expired or rejected), so a provider can use its `state` (an OAuth refresh
 * token) to get the next one.
 *
 * @example
 * ```ts
 * const provider = async ({ previous }: CachedCredentialContext) =>
 *   previous?.state ? oauth.refresh(previous.state) : oauth.clientCredentials();
 * ```
 */
export interface CachedCredentialContext extends CredentialContext {
  /** The last value kept (locally, or in the shared store), with its `state`; absent at first. */
  readonly previous?: SharedCredential;
  /**
   * Present when this call fetches for every process of a shared store (under its lock) and the
   * store can save state early: see {@link SaveState}. Absent when the provider is called for
   * this process alone (no store, or the store failed: fail open), so a provider that must never
   * run in two processes at once can refuse then.
   */
  readonly saveState?: SaveState;
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
  /**
   * Opaque state kept with the value and handed back as `ctx.previous.state` on the next call
   * (an OAuth refresh token). A shared store encrypts it like the value.
   * @default undefined
   */
  readonly state?: string;
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
  ctx: CachedCredentialContext,
) => CredentialValue | TimedCredential | PromiseLike<CredentialValue | TimedCredential>;

/** One provider call's result: `expiresAt` is `undefined` when the value must not be kept. */
export interface Produced {
  readonly value: CredentialValue;
  readonly expiresAt: number | undefined;
  readonly state?: string | undefined;
}

/** A value that can be kept and sent: anything else reaches its callers and is forgotten. */
export const isKeepable = (value: unknown): value is string =>
  typeof value === 'string' && value !== '' && !INVALID_HEADER_CHAR.test(value);

/**
 * Calls the provider once and says until when its value may be used: synchronously for a sync
 * provider (a sync throw propagates as is), a promise otherwise.
 */
export function createProducer(
  provider: CachedCredentialProvider,
  { ttl, skew, now }: CacheRules,
): (ctx: CachedCredentialContext) => Produced | Promise<Produced> {
  const expiryOf = (value: string, startedAt: number, own: number | undefined) => {
    if (own !== undefined) return startedAt + own;
    if (skew !== undefined) {
      const exp = jwtExpiresAt(value);
      if (exp !== undefined) return exp - skew;
    }
    return ttl === undefined ? undefined : startedAt + ttl;
  };
  const settle = (startedAt: number, result: unknown): Produced => {
    const { value, ttl: own, state } = unwrap(result);
    // A value that can never be sent is not kept: the next request asks the provider again,
    // as after a failure, instead of failing on the cached value for a whole ttl.
    if (!isKeepable(value)) return { value, expiresAt: undefined };
    return { value, expiresAt: expiryOf(value, startedAt, own), state };
  };
  return (ctx) => {
    // The token's lifetime runs while we wait for it: count from the call.
    const startedAt = now();
    const result = provider(ctx);
    return isThenable(result)
      ? Promise.resolve(result).then((value) => settle(startedAt, value))
      : settle(startedAt, result);
  };
}

// `{ value, ttl }` from the provider, or the value itself (whatever it is: the request checks it).
function unwrap(result: unknown): {
  value: CredentialValue;
  ttl: number | undefined;
  state?: string | undefined;
} {
  if (typeof result !== 'object' || result === null || !('value' in result)) {
    return { value: result as CredentialValue, ttl: undefined };
  }
  const { value, ttl, state } = result as TimedCredential;
  if (typeof ttl !== 'number' || Number.isNaN(ttl) || ttl < 0) {
    throw new ConfigurationError(
      `cachedCredential's provider returned { value, ttl } with a ttl that is not a number of milliseconds, 0 or more ` +
        `(got ${describeValue(ttl)}). Example: return { value: token, ttl: 60_000 }.`,
    );
  }
  if (state !== undefined && typeof state !== 'string') {
    throw new ConfigurationError(
      `cachedCredential's provider returned { value, ttl, state } with a state that is not a string (got ${typeof state}). ` +
        `Serialise it, e.g. state: JSON.stringify({ refreshToken }).`,
    );
  }
  return { value, ttl, state };
}
