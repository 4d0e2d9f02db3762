import { createHash } from 'node:crypto';
import type { CachedCredentialOptions } from '../credentials/cached-credential';
import { ConfigurationError } from '../errors';
import type { TokenEndpoint } from './read-options';

/**
 * The key under which replicas share a client credentials token when none is given: the same in
 * every process configured alike (a hash of what decides which token the server issues: the
 * token endpoint, the client, scope, audience, resource and extraParams), another one for any
 * other client or audience, and never the client secret, which is not part of it.
 */
export function clientCredentialsKey(endpoint: TokenEndpoint): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([endpoint.url, endpoint.clientId, endpoint.params]))
    .digest('base64url');
  return `oauth-cc:${digest}`;
}

/**
 * A hash of the key and client a refresh token's state belongs to: a store that answers another
 * key's (another user's) state, or another client's, is not believed. Not the token URL: replicas
 * may reach one server by two names, and must still share one refresh token.
 */
export function stateOwner(endpoint: TokenEndpoint, key: string): string {
  return createHash('sha256')
    .update(JSON.stringify(['refresh-token-state', key, endpoint.clientId]))
    .digest('base64url');
}

/** cachedCredential's `store`, `key` and `onEvent` for a provider, none without a store. */
export function sharingOptions(
  endpoint: TokenEndpoint,
  key: string | undefined,
): Pick<CachedCredentialOptions, 'store' | 'key' | 'onEvent'> {
  if (endpoint.store === undefined && key === undefined) return {};
  return { store: endpoint.store, key, onEvent: endpoint.onEvent };
}

/** cachedCredential checks `store` and `key` (one rule, one place); its message names the provider. */
export function asProviderError<T>(endpoint: TokenEndpoint, make: () => T): T {
  try {
    return make();
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    throw new ConfigurationError(
      `${endpoint.provider}: ${error.message.replace(/^cachedCredential's /, 'the ')}`,
    );
  }
}
