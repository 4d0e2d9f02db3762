import type { CredentialSource } from '../credentials/source';

/**
 * Which origins may receive credentials: an origin string (`'https://api.example.com'`),
 * a RegExp tested against the origin, or `'*'` for anywhere.
 *
 * @example
 * ```ts
 * const allowedOrigins: OriginPattern[] = ['https://api.example.com', /^https:\/\/[a-z]+\.example\.com$/];
 * ```
 */
export type OriginPattern = string | RegExp;

/**
 * The credential options shared by {@link attachAuth}, {@link createClient} and declared calls.
 *
 * @example
 * ```ts
 * const options: AuthOptions = { authToken: () => tokens.current(), apiKey: process.env.API_KEY };
 * ```
 */
export interface AuthOptions {
  /**
   * Sent as `Authorization: Bearer <token>`. A string, or a function called on every request
   * (sync or async). `null`, `undefined` or `''` send no header.
   * @default undefined
   */
  authToken?: CredentialSource;
  /**
   * Sent as `x-api-key: <key>`. A string, or a function called on every request
   * (sync or async). `null`, `undefined` or `''` send no header.
   * @default undefined
   */
  apiKey?: CredentialSource;
  /**
   * The scheme before the token. `''` sends the bare token.
   * @default 'Bearer'
   */
  authScheme?: string;
  /**
   * The header that carries the token.
   * @default 'Authorization'
   */
  authHeader?: string;
  /**
   * The header that carries the API key.
   * @default 'x-api-key'
   */
  apiKeyHeader?: string;
  /**
   * Send the API key as this query parameter instead of a header.
   * @default undefined (header)
   */
  apiKeyQueryParam?: string;
  /**
   * Origins that may receive credentials besides the origin of the instance's `baseURL`.
   * `'*'` allows any origin (then a redirect still carries them nowhere else than allowed).
   * @default [] (only the origin of `baseURL`)
   */
  allowedOrigins?: OriginPattern | readonly OriginPattern[];
  /**
   * Response statuses that mean "credential rejected": the providers are asked again with
   * `refresh: true` (once for all requests that failed with the same credential) and the
   * request is replayed once.
   * @default [] (off)
   */
  refreshOn?: readonly number[];
}

/** The option names of {@link AuthOptions}, to split them from axios's own config. */
export const AUTH_OPTION_KEYS = [
  'authToken',
  'apiKey',
  'authScheme',
  'authHeader',
  'apiKeyHeader',
  'apiKeyQueryParam',
  'allowedOrigins',
  'refreshOn',
] as const satisfies readonly (keyof AuthOptions)[];
