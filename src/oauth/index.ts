export { oauthClientCredentials } from './client-credentials';
export { oauthRefreshToken } from './refresh-token';
export { OAuthError, isOAuthError } from './oauth-error';
export type {
  ClientAuthMethod,
  OAuthClientCredentialsOptions,
  OAuthEndpointOptions,
  OAuthRefreshTokenOptions,
  OAuthTokens,
} from './options';
