import { CredentialError } from '../errors';

/**
 * A token request failed: the endpoint answered an OAuth error (RFC 6749 §5.2), something that
 * is not a usable token, or nothing at all. A {@link CredentialError} (the request it was for
 * was not sent) that also says what the token endpoint said. Its message names the token
 * endpoint and never holds a secret; its `cause` (the token request's AxiosError, when there is
 * one) prints no client secret, no `Authorization` value and no form body.
 *
 * @example
 * ```ts
 * api.get('/me').catch((error) => {
 *   if (isOAuthError(error) && error.oauthError === 'invalid_grant') redirectToSignIn();
 * });
 * ```
 */
export class OAuthError extends CredentialError {
  readonly isOAuthError = true;
  /** The OAuth `error` code (`invalid_client`, `invalid_grant` …), when the endpoint sent one. */
  readonly oauthError: string | undefined;
  /** The endpoint's `error_description`, printable ASCII only and at most 300 characters. */
  readonly errorDescription: string | undefined;
  /** `POST https://auth.example.com/oauth/token` (no query string). */
  readonly tokenEndpoint: string;

  constructor(
    message: string,
    details: {
      readonly tokenEndpoint: string;
      readonly oauthError?: string;
      readonly errorDescription?: string;
      readonly cause?: unknown;
    },
  ) {
    super('authToken', message, 'cause' in details ? { cause: details.cause } : undefined);
    this.tokenEndpoint = details.tokenEndpoint;
    this.oauthError = details.oauthError;
    this.errorDescription = details.errorDescription;
  }
}

/**
 * True for an {@link OAuthError}, from either module format.
 *
 * @example
 * ```ts
 * if (isOAuthError(error)) console.error(error.oauthError, error.errorDescription);
 * ```
 */
export const isOAuthError = (e: unknown): e is OAuthError =>
  e instanceof Error && (e as Partial<OAuthError>).isOAuthError === true;
