import type { CachedCredential } from '../credentials/cached-credential';
import { ConfigurationError, CredentialError } from '../errors';
import { emit, isWatched } from '../events/emit';
import { scrubError } from '../http/scrub-error';
import { isOAuthError } from './oauth-error';
import type { OAuthRefreshTokenOptions, OAuthTokens } from './options';
import { describe } from './describe-value';
import { ENDPOINT_OPTIONS, readEndpoint } from './read-options';
import { cachedTokens, issuedToken } from './token-cache';
import type { IssuedToken } from './token-queue';
import { tokenRequester } from './token-request';

const OPTIONS = [...ENDPOINT_OPTIONS, 'refreshToken', 'onTokens'];

/**
 * A user's access token from an OAuth 2.0 refresh token (RFC 6749 §6), as a provider for
 * `authToken`, with the caching and single-flight of {@link oauthClientCredentials}.
 *
 * Made for servers that rotate refresh tokens (each one works once; using one twice revokes the
 * whole grant): token requests go one at a time, so concurrent callers, `refreshOn` waves and
 * expiry never send the same refresh token twice. When the server issues a new refresh token,
 * it is used from then on and handed to `onTokens` (awaited) before any request uses the new
 * access token. An `invalid_grant` answer is an {@link OAuthError} saying the user must sign in
 * again; every later call fails with it at once, without a token request.
 *
 * One process per refresh token: two processes (or two providers) holding the same one spend it
 * twice.
 *
 * @example
 * ```ts
 * const authToken = oauthRefreshToken({
 *   tokenUrl: 'https://auth.example.com/oauth/token',
 *   clientId: 'web-app',
 *   clientSecret: process.env.CLIENT_SECRET,
 *   refreshToken: await sessions.refreshTokenOf(userId),
 *   onTokens: ({ refreshToken }) => sessions.saveRefreshToken(userId, refreshToken),
 * });
 * const api = createClient({ baseURL: 'https://api.example.com', authToken, refreshOn: [401] });
 * ```
 */
export function oauthRefreshToken(options: OAuthRefreshTokenOptions): CachedCredential {
  const endpoint = readEndpoint('oauthRefreshToken', options, OPTIONS);
  const { refreshToken, onTokens } = options;
  if (typeof refreshToken !== 'string' || refreshToken.trim() === '') {
    throw new ConfigurationError(
      `oauthRefreshToken: refreshToken must be the refresh token from the user's sign-in, a non-empty string, got ${describe(refreshToken)}.`,
    );
  }
  if (typeof onTokens !== 'function') {
    throw new ConfigurationError(
      `oauthRefreshToken: onTokens must be a function that persists the rotated refresh token, got ${describe(onTokens)}. ` +
        'Servers that rotate refresh tokens spend the old one: without it, the next start of the process holds a spent token. ' +
        'Pass onTokens: () => {} only if your server never rotates them.',
    );
  }
  const request = tokenRequester(endpoint);
  let current = refreshToken;
  let signInAgain: Error | undefined;
  // Tokens of a rotation whose onTokens failed: handed to onTokens again before anything else.
  let unsaved: { readonly tokens: OAuthTokens; readonly token: IssuedToken } | undefined;

  const persist = async (tokens: OAuthTokens): Promise<void> => {
    try {
      await onTokens(tokens);
    } catch (error) {
      if (isWatched(endpoint.onEvent)) {
        emit(endpoint.onEvent, {
          type: 'oauth-token-failed',
          target: endpoint.target,
          grantType: 'refresh_token',
          reason: 'on-tokens',
        });
      }
      throw new CredentialError(
        'authToken',
        `oauthRefreshToken: onTokens failed (${error instanceof Error ? error.name : typeof error}) to keep the rotated refresh token, ` +
          'so its access token was not used and the request was not sent. The new refresh token stays in use in memory; ' +
          'onTokens is called again with it before the next request. See error.cause.',
        { cause: scrubError(error, { secrets: [tokens.accessToken, tokens.refreshToken] }) },
      );
    }
  };

  return cachedTokens(endpoint, async () => {
    if (signInAgain !== undefined) throw signInAgain;
    if (unsaved !== undefined) {
      await persist(unsaved.tokens);
      const { token } = unsaved;
      unsaved = undefined;
      if (token.useUntil > endpoint.now()) return token;
    }
    const startedAt = endpoint.now();
    const spent = current;
    let response;
    try {
      response = await request('refresh_token', [['refresh_token', spent]], [spent]);
    } catch (error) {
      if (isOAuthError(error) && error.oauthError === 'invalid_grant') signInAgain = error;
      throw error;
    }
    const token = issuedToken(endpoint, startedAt, response);
    if (response.refreshToken !== undefined && response.refreshToken !== spent) {
      current = response.refreshToken;
      if (isWatched(endpoint.onEvent)) {
        emit(endpoint.onEvent, { type: 'oauth-refresh-token-rotated', target: endpoint.target });
      }
      unsaved = {
        tokens: {
          accessToken: token.accessToken,
          refreshToken: current,
          expiresAt: token.expiresAt,
        },
        token,
      };
      await persist(unsaved.tokens);
      unsaved = undefined;
    }
    return token;
  });
}
