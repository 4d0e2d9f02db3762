// Reads a JWT's `exp` claim without verifying the token: the server verifies it, we only want
// to know when to fetch a new one. No dependency, and no Buffer, so it runs in browsers too.

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * The `exp` claim of a compact JWS (`header.payload.signature`) in epoch milliseconds, or
 * `undefined` when the value is not such a token or has no numeric `exp` (an opaque token,
 * an encrypted JWE, a malformed payload). Never throws and never reports the token.
 */
export function jwtExpiresAt(token: string): number | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const payload = parts[1] as string;
  if (!BASE64URL.test(payload)) return undefined;
  let claims: unknown;
  try {
    claims = JSON.parse(decodeBase64Url(payload));
  } catch {
    return undefined;
  }
  if (typeof claims !== 'object' || claims === null) return undefined;
  const exp = (claims as { exp?: unknown }).exp;
  // RFC 7519 §2: a NumericDate is a JSON number of seconds, possibly fractional.
  return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
}

function decodeBase64Url(text: string): string {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}
