import type { CachedCredential } from '../credentials/cached-credential';
import { ConfigurationError } from '../errors';
import type { OAuthClientCredentialsOptions } from './options';
import { ENDPOINT_OPTIONS, readEndpoint } from './read-options';
import { cachedTokens, issuedToken } from './token-cache';
import { tokenRequester } from './token-request';
import { clientCredentialsKey } from './shared-tokens';

/**
 * An access token from an OAuth 2.0 token endpoint with the client credentials grant
 * (RFC 6749 §4.4), as a provider for `authToken`:
 *
 * - one token request serves every concurrent caller;
 * - the token is kept until `expires_in` minus `skew` (or the JWT's `exp` minus `skew` when the
 *   server gives no `expires_in`; `ttlWithoutExpiry` when it gives neither);
 * - with `refreshOn: [401]`, a rejected token is replaced by one new token request for all the
 *   requests that were rejected;
 * - the token request goes through its own axios instance (or `client`), never through the
 *   instance it authenticates;
 * - a failure is an {@link OAuthError} (a `CredentialError`) with the OAuth `error` and
 *   `error_description` and the token endpoint, whose cause prints no secret; the request it
 *   was for is not sent.
 *
 * With `store`, every process that uses the same store and key shares one token: one token
 * request for all of them (a `refreshOn` wave across replicas too), each keeping a local copy.
 * The key defaults to one derived from the endpoint, client, scope, audience, resource and
 * extraParams (never the secret). When the store fails, each process fetches its own token (fail
 * open): a client credentials request can be repeated without harm.
 *
 * `clear()` forgets the token. Options are checked here: a {@link ConfigurationError} says what
 * to fix, never showing the secret.
 *
 * @example
 * ```ts
 * const api = createClient({
 *   baseURL: 'https://api.example.com',
 *   authToken: oauthClientCredentials({
 *     tokenUrl: 'https://auth.example.com/oauth/token',
 *     clientId: process.env.CLIENT_ID!,
 *     clientSecret: process.env.CLIENT_SECRET!,
 *     scope: 'orders:read',
 *   }),
 *   refreshOn: [401],
 * });
 * ```
 */
export function oauthClientCredentials(options: OAuthClientCredentialsOptions): CachedCredential {
  const endpoint = readEndpoint('oauthClientCredentials', options, ENDPOINT_OPTIONS);
  if (endpoint.clientSecret === undefined) {
    throw new ConfigurationError(
      'oauthClientCredentials: clientSecret is required: the client credentials grant authenticates the client ' +
        'with it. Pass it from your secret store, e.g. clientSecret: process.env.CLIENT_SECRET.',
    );
  }
  const request = tokenRequester(endpoint);
  const key = endpoint.key ?? (endpoint.store && clientCredentialsKey(endpoint));
  return cachedTokens(endpoint, key, async () => {
    const startedAt = endpoint.now();
    return issuedToken(endpoint, startedAt, await request('client_credentials', [], []));
  });
}
