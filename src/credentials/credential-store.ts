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
   * or rejected, with its `state`), `undefined` when nothing is stored. A store that can save
   * state before the fetch ends passes `saveState`.
   */
  readonly fetch: (
    current: SharedCredential | undefined,
    saveState?: SaveState,
  ) => Promise<SharedCredential>;
}

/**
 * Saves `state` with what the store holds (its value and expiry unchanged, or none) while the
 * fetch still holds the lock, so that the next fetch starts from it even if this one never
 * ends (its process died, or it outlived the lock). Resolves once it is stored; rejects when it
 * is not (the store failed, or the lock was lost): then take no step that must not be taken
 * twice. For a provider that spends something once (a rotating OAuth refresh token).
 *
 * @example
 * ```ts
 * const fetch = async (current: SharedCredential | undefined, saveState?: SaveState) => {
 *   await saveState?.(JSON.stringify({ sending: fingerprint(current?.state) }));
 *   return exchange(current?.state);
 * };
 * ```
 */
export type SaveState = (state: string) => Promise<void>;

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
