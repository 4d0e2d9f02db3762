import { CredentialError } from '../errors';
import { emit, isWatched } from '../events/emit';
import { scrubError } from '../http/scrub-error';
import { OAuthError } from './oauth-error';
import type { TokenEndpoint } from './read-options';

/** Why a shared oauthRefreshToken sent no refresh token. */
export type RefusalReason = 'store-unavailable' | 'refused' | 'interrupted';

const SIGN_IN_AGAIN =
  'The user must sign in again, then make a new oauthRefreshToken provider with the refresh token ' +
  'of that sign-in (the same key is fine).';

/**
 * The error of a shared refresh that sent nothing. `refused` and `interrupted` are
 * {@link OAuthError}s with `invalid_grant`, as if this process had sent the token itself, so
 * one check (`error.oauthError === 'invalid_grant'`) sends the user to sign in, in every replica.
 */
export function refusal(
  endpoint: TokenEndpoint,
  key: string,
  reason: RefusalReason,
  detail: { readonly cause?: unknown; readonly description?: string } = {},
): CredentialError {
  if (isWatched(endpoint.onEvent)) {
    emit(endpoint.onEvent, {
      type: 'oauth-token-failed',
      target: endpoint.target,
      grantType: 'refresh_token',
      reason: reason === 'refused' ? 'invalid_grant' : reason,
    });
  }
  const { target } = endpoint;
  switch (reason) {
    case 'store-unavailable':
      return new CredentialError(
        'authToken',
        `oauthRefreshToken: the shared store gave no lock for key "${key}" (it is down or slow, answered something ` +
          'unusable, cannot save state, or another process held the lock too long), so the refresh token was not sent from this process ' +
          'alone: another process may be sending the same one, and a refresh token sent twice revokes the sign-in at ' +
          'servers with reuse detection. Requests that need a new access token fail until the store answers again; ' +
          'the sign-in is kept.',
        detail.cause === undefined ? undefined : { cause: scrubError(detail.cause) },
      );
    case 'refused':
      return new OAuthError(
        `oauthRefreshToken: ${target} refused the refresh token stored under key "${key}" (invalid_grant, answered ` +
          `to another process), so it was not sent again. ${SIGN_IN_AGAIN}`,
        {
          tokenEndpoint: target,
          oauthError: 'invalid_grant',
          errorDescription: detail.description,
        },
      );
    case 'interrupted':
      return new OAuthError(
        `oauthRefreshToken: the refresh token stored under key "${key}" was sent to ${target} by another process that ` +
          "never saved the answer (it died, or outlived the store's lock), so it may be spent; it was not sent again, " +
          `which would revoke the sign-in at servers with reuse detection. ${SIGN_IN_AGAIN} Reported as invalid_grant.`,
        { tokenEndpoint: target, oauthError: 'invalid_grant' },
      );
  }
}
