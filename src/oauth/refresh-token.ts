import { randomUUID } from 'node:crypto';
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
import { sharedRefresh } from './shared-refresh';
import { stateOwner } from './shared-tokens';

const OPTIONS = [...ENDPOINT_OPTIONS, 'refreshToken', 'onTokens'];
// Below the Redis store's default lockTtl (10 s), with room for the store's own round trips.
const SHARED_TIMEOUT_MS = 8_000;

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
 * Without `store`, one process per refresh token: two processes (or two providers) holding the
 * same one spend it twice. With `store` and `key` (the sign-in's name, required), every process
 * and provider using that key shares one refresh token, kept in the store's encrypted `state`:
 * one token request for all of them, each refresh token sent once, and `onTokens` called by the
 * process that rotated it. A refresh token is marked as being sent before it is sent, so that a
 * process dying mid-refresh never leads another to send it again; when the store is unavailable,
 * no refresh token is sent at all (fail closed, a `CredentialError`), since each replica would
 * otherwise send its own copy of the same token.
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
 * // Shared by every replica: add store (createRedisCredentialStore) and key: `session:${sessionId}`.
 * ```
 */
export function oauthRefreshToken(options: OAuthRefreshTokenOptions): CachedCredential {
  const given = readEndpoint('oauthRefreshToken', options, OPTIONS);
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
  if (given.store !== undefined && given.key === undefined) {
    throw new ConfigurationError(
      'oauthRefreshToken: with store, key is required: the name of this sign-in in the store (e.g. ' +
        'key: `session:${sessionId}`), the same in every process. It cannot be derived: from the client it ' +
        "would give one user's tokens to every user; from the refresh token it would change with each rotation.",
    );
  }
  // A token request must end before the store's lock does (10 s by default), or another process
  // takes the lock while this one still waits for the answer.
  const endpoint =
    given.store !== undefined && options.timeout === undefined
      ? { ...given, timeout: SHARED_TIMEOUT_MS }
      : given;
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

  if (endpoint.store !== undefined) {
    const key = endpoint.key!;
    const own = { refreshToken, spent: new Set<string>(), id: randomUUID() };
    const owner = stateOwner(endpoint, key);
    const fetch = sharedRefresh({ endpoint, key, owner, own, request, persist });
    return cachedTokens(endpoint, key, fetch);
  }
  return cachedTokens(endpoint, endpoint.key, async () => {
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
