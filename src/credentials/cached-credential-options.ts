import { ConfigurationError } from '../errors';
import { describeValue } from '../http/describe-value';
import type { EventListener } from '../events/dequest-event';
import type { CredentialStore } from './credential-store';

// Tokens are checked by a server whose clock may run ahead of ours, and a token attached now
// is checked only when the request arrives (later still after a retry). 30 s covers common
// clock drift and a slow request, and is short beside the usual 5-60 minute access token.
const DEFAULT_JWT_SKEW_MS = 30_000;

/**
 * How {@link cachedCredential} treats a JWT.
 *
 * @example
 * ```ts
 * cachedCredential(fetchAccessToken, { jwt: { skew: 10_000 } });
 * ```
 */
export interface JwtExpiryOptions {
  /**
   * How many milliseconds before the token's `exp` a new token is fetched. A token that
   * arrives already within `skew` of its `exp` is handed to the callers that waited for it
   * but not kept, so keep `skew` shorter than your tokens' lifetime.
   * @default 30_000
   */
  skew?: number;
}

/**
 * Options of {@link cachedCredential}. Give `ttl`, `jwt`, or both.
 *
 * @example
 * ```ts
 * const options: CachedCredentialOptions = { jwt: true, ttl: 60_000 };
 * ```
 */
export interface CachedCredentialOptions {
  /**
   * How many milliseconds a value is reused, counted from when the provider was called (the
   * token's lifetime runs while we wait for it). `0` only shares one call among concurrent
   * callers; `Infinity` keeps the value until `clear()` or a refresh. With `jwt`, a token's
   * own `exp` wins and `ttl` applies only to tokens without a readable `exp` (opaque tokens);
   * with `jwt` and no `ttl`, such tokens are not kept: every call fetches, concurrent callers
   * still share that fetch. Required unless `jwt` is set.
   * @default undefined
   */
  ttl?: number;
  /**
   * Reuse a JWT until its `exp` claim minus `skew`. `true` uses the default skew. The token
   * is decoded, not verified: the server still decides whether it is valid.
   * @default false
   */
  jwt?: boolean | JwtExpiryOptions;
  /**
   * The clock, in epoch milliseconds. Inject one in tests so they never wait.
   * @default Date.now
   */
  now?: () => number;
  /**
   * Shares the value with other processes (`createRedisCredentialStore` from
   * `axios-dequest/redis`): one provider call for all of them, and a compare-and-set refresh
   * after a rejection. Each process still keeps its own copy until it expires, so a request
   * costs no store round trip; a store that fails or is slow means a local provider call.
   * @default undefined (this process alone)
   */
  store?: CredentialStore;
  /**
   * The name of the shared value in `store` (e.g. `'billing-api'`): processes that use the same
   * key share one credential. Required with `store`. Never put the credential itself here.
   * @default undefined
   */
  key?: string;
  /**
   * Gets a `shared-credential` event per shared fetch: fetched here, shared from another
   * process, or a local fallback.
   * @default undefined
   */
  onEvent?: EventListener;
}

/** The checked options of {@link cachedCredential}. */
export interface CacheRules {
  /** Milliseconds to keep a value; `undefined`: keep none (unless it is a JWT with `exp`). */
  readonly ttl: number | undefined;
  /** Set when `jwt` is on: milliseconds before `exp` to fetch anew. */
  readonly skew: number | undefined;
  readonly now: () => number;
  /** Set with `key` when the value is shared across processes. */
  readonly shared: { readonly store: CredentialStore; readonly key: string } | undefined;
  readonly onEvent: EventListener | undefined;
}

/**
 * Checks {@link cachedCredential}'s arguments once, at setup. Throws a
 * {@link ConfigurationError} that says how to fix them and never shows a value but a number.
 */
export function readCacheRules(provider: unknown, options: unknown): CacheRules {
  if (typeof provider !== 'function') {
    throw new ConfigurationError(
      `cachedCredential needs the provider function as its first argument, got ${describeValue(provider, { secret: true })}. ` +
        `Example: cachedCredential(() => fetchToken(), { ttl: 60_000 }).`,
    );
  }
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw new ConfigurationError(
      `cachedCredential's second argument must be an options object, got ${describeValue(options, { secret: true })}. ` +
        `Example: cachedCredential(fetchToken, { ttl: 60_000 }).`,
    );
  }
  const { ttl, jwt, now = Date.now, onEvent } = (options ?? {}) as CachedCredentialOptions;
  if ((options as { skew?: unknown } | undefined)?.skew !== undefined) {
    throw new ConfigurationError(
      'cachedCredential has no top-level skew option: pass it inside jwt, e.g. { jwt: { skew: 10_000 } }.',
    );
  }
  if (ttl !== undefined && !isMilliseconds(ttl)) {
    throw new ConfigurationError(
      `cachedCredential's ttl must be a number of milliseconds, 0 or more, got ${describeValue(ttl)}. ` +
        `Example: { ttl: 60_000 } reuses the value for one minute.`,
    );
  }
  if (jwt !== undefined && typeof jwt !== 'boolean' && (typeof jwt !== 'object' || jwt === null)) {
    throw new ConfigurationError(
      `cachedCredential's jwt must be true, false or { skew: <milliseconds> }, got ${describeValue(jwt)}.`,
    );
  }
  const skew =
    typeof jwt === 'object'
      ? (jwt.skew ?? DEFAULT_JWT_SKEW_MS)
      : jwt
        ? DEFAULT_JWT_SKEW_MS
        : undefined;
  if (skew !== undefined && (!isMilliseconds(skew) || skew === Infinity)) {
    throw new ConfigurationError(
      `cachedCredential's jwt.skew must be a finite number of milliseconds, 0 or more, got ${describeValue(skew)}. ` +
        `Example: { jwt: { skew: 30_000 } } fetches a new token 30 s before it expires.`,
    );
  }
  if (ttl === undefined && skew === undefined) {
    throw new ConfigurationError(
      'cachedCredential needs to know how long to keep the value: pass { ttl: <milliseconds> } ' +
        '(e.g. { ttl: 60_000 }), or { jwt: true } to keep a JWT until its exp.',
    );
  }
  if (typeof now !== 'function') {
    throw new ConfigurationError(
      `cachedCredential's now must be a function returning epoch milliseconds (like Date.now), got ${describeValue(now)}.`,
    );
  }
  if (onEvent !== undefined && typeof onEvent !== 'function') {
    throw new ConfigurationError(
      `cachedCredential's onEvent must be a function of one event, got ${describeValue(onEvent)}.`,
    );
  }
  return { ttl, skew, now, shared: readShared(options), onEvent };
}

// Visible ASCII: the key becomes part of a store's key names, readable in its tools.
const STORE_KEY = /^[\x21-\x7e]{1,200}$/;

function readShared({ store, key }: CachedCredentialOptions = {}): CacheRules['shared'] {
  if (store === undefined && key === undefined) return undefined;
  if (typeof (store as Partial<CredentialStore> | undefined)?.obtain !== 'function') {
    throw new ConfigurationError(
      store === undefined
        ? `cachedCredential's key names a value in a shared store: pass store too, or drop key.`
        : `cachedCredential's store must be a CredentialStore (an object with obtain(key, request)), got ${describeValue(store, { secret: true })}. ` +
            `Example: { store: createRedisCredentialStore({ client, encryptionKey }), key: 'billing-api' }.`,
    );
  }
  if (typeof key !== 'string' || !STORE_KEY.test(key)) {
    throw new ConfigurationError(
      `cachedCredential's key must name the shared value with 1-200 visible ASCII characters and no spaces, ` +
        `got ${typeof key === 'string' ? `a string of ${key.length} characters` : describeValue(key)}. ` +
        `Example: { store, key: 'billing-api' } (the same key in every process that shares it).`,
    );
  }
  return { store: store as CredentialStore, key };
}

const isMilliseconds = (value: unknown): value is number =>
  typeof value === 'number' && !Number.isNaN(value) && value >= 0;
