import type { InternalAxiosRequestConfig } from 'axios';

/**
 * What a provider is told about the request it supplies a credential for. Given a `Self` (the
 * class of an `@ApiClient`), it also has `self`, the object the declared method was called on.
 *
 * @example
 * ```ts
 * const authToken = ({ config, refresh }: CredentialContext) =>
 *   refresh ? tokens.renew() : tokens.for(config.url);
 * // In an @ApiClient class whose constructor took a TokenService:
 * const classToken = ({ self }: CredentialContext<UsersApi>) => self.tokens.current();
 * ```
 */
export type CredentialContext<Self = unknown> = RequestContext &
  // `any` (a declaration that names no class) takes whatever a provider's annotation says.
  (0 extends 1 & Self
    ? // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see the line above
      { readonly self: any }
    : unknown extends Self
      ? { readonly self?: unknown }
      : { readonly self: Self });

/**
 * What every provider is told, declared call or not.
 *
 * @example
 * ```ts
 * const authToken = ({ refresh }: RequestContext) => (refresh ? tokens.renew() : tokens.current());
 * ```
 */
export interface RequestContext {
  /** The request about to be sent (read it; do not change it). */
  readonly config: InternalAxiosRequestConfig;
  /**
   * `true` when the credential is asked for again because the server rejected the
   * previous one (see `refreshOn`): a cache should fetch a new value.
   */
  readonly refresh: boolean;
  /**
   * The object the declared method was called on (`this`: the instance of an `@ApiClient`
   * class, with the services Nest injected into it; the class for a static method).
   * `undefined` for requests that are not declared calls (`attachAuth`, `createClient`).
   */
  readonly self?: unknown;
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
export type CredentialProvider<Self = unknown> = (
  ctx: CredentialContext<Self>,
) => CredentialValue | PromiseLike<CredentialValue>;

/**
 * A static credential or a provider function.
 *
 * @example
 * ```ts
 * const authToken: CredentialSource = () => tokenStore.current();
 * ```
 */
export type CredentialSource<Self = unknown> = CredentialValue | CredentialProvider<Self>;
