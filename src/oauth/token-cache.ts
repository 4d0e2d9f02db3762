import {
  cachedCredential,
  type CachedCredential,
  type CachedCredentialContext,
} from '../credentials/cached-credential';
import { jwtExpiresAt } from '../credentials/jwt-expiry';
import type { TokenEndpoint } from './read-options';
import type { TokenResponse } from './token-response';
import { TokenQueue, type IssuedToken } from './token-queue';
import { asProviderError, sharingOptions } from './shared-tokens';

/**
 * When a token obtained at `startedAt` (when its request was sent: its lifetime runs while we
 * wait) stops being used: `expires_in` (RFC 6749 §5.1), else the JWT's `exp`, minus the skew;
 * with neither, `ttlWithoutExpiry` after `startedAt`.
 */
export function issuedToken(
  endpoint: TokenEndpoint,
  startedAt: number,
  response: TokenResponse,
): IssuedToken {
  const { accessToken, expiresIn } = response;
  const expiresAt =
    expiresIn !== undefined ? startedAt + expiresIn * 1000 : jwtExpiresAt(accessToken);
  return {
    accessToken,
    expiresAt,
    useUntil:
      expiresAt !== undefined ? expiresAt - endpoint.skew : startedAt + endpoint.ttlWithoutExpiry,
  };
}

/**
 * The provider both OAuth functions return: cachedCredential (single-flight, `refresh: true`,
 * `clear()`, values kept until their own ttl, shared through `endpoint.store` under `key`)
 * around a {@link TokenQueue} of `fetch`es.
 */
export function cachedTokens(
  endpoint: TokenEndpoint,
  key: string | undefined,
  fetch: (ctx: CachedCredentialContext) => Promise<IssuedToken>,
): CachedCredential {
  const queue = new TokenQueue();
  const cached = asProviderError(endpoint, () =>
    cachedCredential(
      async (ctx) => {
        const token = await queue.take(() => fetch(ctx));
        // Never negative: a token that lives less than the skew serves the callers that waited
        // for it and is not kept.
        const ttl = Math.max(0, token.useUntil - endpoint.now());
        const { accessToken: value, state } = token;
        return state === undefined ? { value, ttl } : { value, ttl, state };
      },
      // Every value comes with its own ttl; this one is never used.
      { ttl: 0, now: endpoint.now, ...sharingOptions(endpoint, key) },
    ),
  );
  const provider = ((ctx) => cached(ctx)) as CachedCredential;
  provider.clear = () => {
    queue.forget();
    cached.clear();
  };
  return provider;
}
