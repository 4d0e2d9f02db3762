import type { AxiosInstance } from 'axios';
import type { CredentialStore } from '../credentials/credential-store';
import type { EventListener } from '../events/dequest-event';

/**
 * How a client authenticates at the token endpoint (RFC 6749 §2.3.1): `client_secret_basic`
 * sends `Authorization: Basic base64(urlencode(id):urlencode(secret))`, `client_secret_post`
 * sends `client_id` and `client_secret` in the form body.
 *
 * @example
 * ```ts
 * const authMethod: ClientAuthMethod = 'client_secret_post';
 * ```
 */
export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post';

/**
 * The options both OAuth providers share: where the token endpoint is, who the client is, and
 * how long a token is kept.
 *
 * @example
 * ```ts
 * const endpoint: OAuthEndpointOptions = {
 *   tokenUrl: 'https://auth.example.com/oauth/token',
 *   clientId: 'orders-service',
 *   scope: ['orders:read'],
 * };
 * ```
 */
export interface OAuthEndpointOptions {
  /**
   * The token endpoint's absolute URL. `https:`; `http:` only on loopback (127.0.0.1, ::1,
   * localhost) unless `allowHttp` is set, because the client secret travels in the request.
   */
  tokenUrl: string;
  /** The client's `client_id`. */
  clientId: string;
  /**
   * How the client secret is sent (RFC 6749 §2.3.1).
   * @default 'client_secret_basic'
   */
  authMethod?: ClientAuthMethod;
  /**
   * The `scope` asked for: a space-separated string or a list of scopes.
   * @default undefined (the server's default)
   */
  scope?: string | readonly string[];
  /**
   * The `audience` parameter some servers (Auth0, Okta) use to pick the API the token is for.
   * @default undefined
   */
  audience?: string;
  /**
   * RFC 8707 resource indicators: the absolute URI(s) of the API(s) the token is for.
   * @default undefined
   */
  resource?: string | readonly string[];
  /**
   * More form parameters sent with every token request. They cannot replace the ones these
   * options set (`grant_type`, `client_id`, `client_secret`, `scope`, `refresh_token` …).
   * @default {}
   */
  extraParams?: Readonly<Record<string, string>>;
  /**
   * The axios instance token requests go through. Never the instance this provider
   * authenticates: a token request is always sent with `skipAuth: true`, but that instance's
   * headers and interceptors are not the token endpoint's business.
   * @default a new axios instance of its own
   */
  client?: AxiosInstance;
  /**
   * Milliseconds before a token request is abandoned (a `CredentialError`). With `store`, keep it
   * below the store's lock ttl, or another process takes the lock while this one still waits.
   * @default 30000 (8000 for oauthRefreshToken with a store: below the Redis store's lockTtl)
   */
  timeout?: number;
  /**
   * How many milliseconds before the token expires a new one is fetched: the resource server's
   * clock may run ahead of ours, and a request takes time to arrive. A token that lives less than
   * `skew` is used by the requests that waited for it, then fetched anew.
   * @default 30000
   */
  skew?: number;
  /**
   * How long a token is kept when the server gives it no lifetime: no `expires_in` and no
   * readable JWT `exp`. Use `refreshOn: [401]` as well, in case it dies sooner.
   * @default 300000 (5 minutes)
   */
  ttlWithoutExpiry?: number;
  /**
   * Allow a plain `http:` token endpoint that is not loopback (a cluster-internal server).
   * The client secret then crosses the network unencrypted.
   * @default false
   */
  allowHttp?: boolean;
  /**
   * Shares the tokens with every process that uses the same store and `key`
   * (`createRedisCredentialStore` from `axios-dequest/redis`): one token request for all of
   * them, each keeping a local copy. See each provider for what happens when the store fails.
   * @default undefined (this process only)
   */
  store?: CredentialStore;
  /**
   * The name of the shared tokens in `store`: processes with the same key share them. Never put
   * a secret or a token here (a store shows key names in clear).
   * @default oauthClientCredentials: `oauth-cc:` and a SHA-256 of tokenUrl, clientId, scope,
   * audience, resource and extraParams; oauthRefreshToken: none (required with `store`)
   */
  key?: string;
  /**
   * Told of every token request, failure and refresh-token rotation (never a token).
   * @default undefined
   */
  onEvent?: EventListener;
  /**
   * The clock, in epoch milliseconds. Inject one in tests so they never wait.
   * @default Date.now
   */
  now?: () => number;
}

/**
 * Options of {@link oauthClientCredentials}.
 *
 * @example
 * ```ts
 * const options: OAuthClientCredentialsOptions = {
 *   tokenUrl: 'https://auth.example.com/oauth/token',
 *   clientId: process.env.CLIENT_ID!,
 *   clientSecret: process.env.CLIENT_SECRET!,
 *   audience: 'https://api.example.com',
 * };
 * ```
 */
export interface OAuthClientCredentialsOptions extends OAuthEndpointOptions {
  /** The client's `client_secret`. */
  clientSecret: string;
}

/**
 * What {@link oauthRefreshToken} hands to `onTokens` when the server rotates the refresh token.
 *
 * @example
 * ```ts
 * const onTokens = async ({ refreshToken }: OAuthTokens) => db.saveRefreshToken(userId, refreshToken);
 * ```
 */
export interface OAuthTokens {
  readonly accessToken: string;
  /** The new refresh token: the old one is spent. Persist this one. */
  readonly refreshToken: string;
  /** Epoch ms when the access token expires (as the server said, before any skew), if known. */
  readonly expiresAt: number | undefined;
}

/**
 * Options of {@link oauthRefreshToken}.
 *
 * @example
 * ```ts
 * const options: OAuthRefreshTokenOptions = {
 *   tokenUrl: 'https://auth.example.com/oauth/token',
 *   clientId: 'web-app',
 *   refreshToken: session.refreshToken,
 *   onTokens: ({ refreshToken }) => sessions.update(session.id, { refreshToken }),
 * };
 * ```
 */
export interface OAuthRefreshTokenOptions extends OAuthEndpointOptions {
  /**
   * The client's `client_secret`; leave it out for a public client, which then identifies itself
   * with `client_id` in the form body.
   * @default undefined
   */
  clientSecret?: string;
  /** The refresh token from the user's sign-in (or the last one `onTokens` received). */
  refreshToken: string;
  /**
   * Called with the new tokens each time the server rotates the refresh token, and awaited
   * before any request uses the new access token: persist `refreshToken` here, or the next
   * start of the process holds a spent one. When it throws, the callers waiting for the token
   * get a `CredentialError`; the new refresh token stays in use in memory, and `onTokens` is
   * called again with the same tokens before the next request.
   */
  onTokens: (tokens: OAuthTokens) => void | PromiseLike<void>;
}
