// The one contract between cachedCredential (main entry) and a store shared by many processes
// (axios-dequest/redis implements it). Nothing here imports a store client.

/**
 * A credential as a {@link CredentialStore} keeps it for every process.
 *
 * @example
 * ```ts
 * const shared: SharedCredential = { value: accessToken, expiresAt: Date.now() + 3_600_000 };
 * ```
 */
export interface SharedCredential {
  readonly value: string;
  /** Epoch ms after which it must not be used. */
  readonly expiresAt: number;
  /** Opaque extra state kept with it, encrypted at rest like the value (an OAuth refresh token). */
  readonly state?: string;
}

/**
 * What {@link CredentialStore.obtain} is asked for.
 *
 * @example
 * ```ts
 * const request: CredentialStoreRequest = { rejected: token, fetch: async () => fetchShared() };
 * ```
 */
export interface CredentialStoreRequest {
  /** The value a server just refused: fetch only if the stored value is still this one. */
  readonly rejected?: string;
  /**
   * Calls the provider once for the whole cluster. `current` is what the store holds (expired
   * or rejected, with its `state`), `undefined` when nothing is stored.
   */
  readonly fetch: (current: SharedCredential | undefined) => Promise<SharedCredential>;
}

/**
 * Shares one credential across processes for `cachedCredential(provider, { store, key })`.
 * `createRedisCredentialStore` from `axios-dequest/redis` implements it.
 *
 * @example
 * ```ts
 * import { createRedisCredentialStore } from 'axios-dequest/redis';
 * const store: CredentialStore = createRedisCredentialStore({ client, encryptionKey });
 * const authToken = cachedCredential(fetchToken, { ttl: 300_000, store, key: 'billing-api' });
 * ```
 */
export interface CredentialStore {
  /**
   * The shared value for `key`. When there is none, it is expired, or it equals `rejected`
   * (the value a server just refused: compare-and-set), exactly one process in the cluster
   * calls `fetch` under a lock with expiry and stores what it returns; the others wait for that
   * (bounded). Rejects with an error when the store is unreachable or slower than its timeout:
   * the caller then falls back to its local fetch (fail open). When this process's own `fetch`
   * rejects, `obtain` rejects with that very error.
   */
  obtain(key: string, request: CredentialStoreRequest): Promise<SharedCredential>;
}
