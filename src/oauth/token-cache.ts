import { cachedCredential, type CachedCredential } from '../credentials/cached-credential';
import { jwtExpiresAt } from '../credentials/jwt-expiry';
import type { TokenEndpoint } from './read-options';
import type { TokenResponse } from './token-response';
import { TokenQueue, type IssuedToken } from './token-queue';

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
 * `clear()`, values kept until their own ttl) around a {@link TokenQueue} of `fetch`es.
 */
export function cachedTokens(
  endpoint: TokenEndpoint,
  fetch: () => Promise<IssuedToken>,
): CachedCredential {
  const queue = new TokenQueue();
  const cached = cachedCredential(
    async () => {
      const token = await queue.take(fetch);
      // Never negative: a token that lives less than the skew serves the callers that waited
      // for it and is not kept.
      return { value: token.accessToken, ttl: Math.max(0, token.useUntil - endpoint.now()) };
    },
    // Every value comes with its own ttl; this one is never used.
    { ttl: 0, now: endpoint.now },
  );
  const provider = ((ctx) => cached(ctx)) as CachedCredential;
  provider.clear = () => {
    queue.forget();
    cached.clear();
  };
  return provider;
}
