import type { InternalAxiosRequestConfig } from 'axios';

/**
 * What a provider is told about the request it supplies a credential for.
 *
 * @example
 * ```ts
 * const authToken = ({ config, refresh }: CredentialContext) =>
 *   refresh ? tokens.renew() : tokens.for(config.url);
 * ```
 */
export interface CredentialContext {
  /** The request about to be sent (read it; do not change it). */
  readonly config: InternalAxiosRequestConfig;
  /**
   * `true` when the credential is asked for again because the server rejected the
   * previous one (see `refreshOn`): a cache should fetch a new value.
   */
  readonly refresh: boolean;
}

/**
 * A credential's value: `null`, `undefined` and `''` mean "send no header" (dequest's `if token_value:`).
 *
 * @example
 * ```ts
 * const value: CredentialValue = session?.token; // undefined: this request goes without
 * ```
 */
export type CredentialValue = string | null | undefined;

/**
 * A function that returns the credential, called on every request (dequest's callable).
 *
 * @example
 * ```ts
 * const getAccessToken: CredentialProvider = async () => (await vault.read('api')).token;
 * ```
 */
export type CredentialProvider = (
  ctx: CredentialContext,
) => CredentialValue | PromiseLike<CredentialValue>;

/**
 * A static credential or a provider function.
 *
 * @example
 * ```ts
 * const authToken: CredentialSource = () => tokenStore.current();
 * ```
 */
export type CredentialSource = CredentialValue | CredentialProvider;
