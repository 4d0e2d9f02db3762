import { OAuthError } from './oauth-error';
import type { TokenEndpoint } from './read-options';
import { describeBody, serverText } from './server-text';

// More than a year is no access token's lifetime: a server bug or a unit mix-up (milliseconds
// sent as seconds); keeping such a token "forever" would hide it until it fails.
const MAX_EXPIRES_IN_S = 365 * 24 * 3600;

/** What a successful token response holds, checked. */
export interface TokenResponse {
  readonly accessToken: string;
  /** Seconds, as the server said; `undefined` when it did not say. */
  readonly expiresIn: number | undefined;
  /** A new refresh token, when the server issued one. */
  readonly refreshToken: string | undefined;
}

/**
 * Reads a 2xx token response (RFC 6749 §5.1). Anything that is not a usable Bearer token is an
 * {@link OAuthError} that says what was wrong, never quoting a token.
 */
export function readTokenResponse(
  endpoint: TokenEndpoint,
  status: number,
  contentType: unknown,
  body: unknown,
  secrets: readonly (string | undefined)[],
): TokenResponse {
  const bad = (what: string): never => {
    throw new OAuthError(
      `${endpoint.target} answered ${status} ${what}, so no token was obtained and the request was not sent.`,
      { tokenEndpoint: endpoint.target },
    );
  };
  const json = parseObject(body);
  if (json === undefined) {
    return bad(
      `with a body that is not a JSON object (${describeBody(contentType, body)}): is tokenUrl the token endpoint?`,
    );
  }
  const { access_token, token_type, expires_in, refresh_token } = json;
  if (typeof access_token !== 'string' || access_token === '') {
    bad(
      `without an access_token${'error' in json ? ' (but with an error field: the server reports failures with 200)' : ''}`,
    );
  }
  if (
    token_type !== undefined &&
    (typeof token_type !== 'string' || token_type.toLowerCase() !== 'bearer')
  ) {
    bad(
      `with a token of type ${typeof token_type === 'string' ? `"${serverText(token_type, secrets)}"` : `of ${typeof token_type}`}, ` +
        'not Bearer: only Bearer tokens (RFC 6750) can be sent. Ask the server for Bearer tokens for this client',
    );
  }
  if (refresh_token !== undefined && refresh_token !== null && typeof refresh_token !== 'string') {
    bad(`with a refresh_token that is not a string (${typeof refresh_token})`);
  }
  return {
    accessToken: access_token as string,
    expiresIn: readExpiresIn(expires_in, bad),
    refreshToken:
      typeof refresh_token === 'string' && refresh_token !== '' ? refresh_token : undefined,
  };
}

function readExpiresIn(value: unknown, bad: (what: string) => never): number | undefined {
  if (value === undefined || value === null) return undefined;
  // Some servers (Azure AD v1) send the number of seconds as a string of digits.
  const seconds = typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : value;
  if (typeof seconds !== 'number') {
    return bad(`with an expires_in that is a ${typeof value}, not a number of seconds`);
  }
  if (!Number.isFinite(seconds) || seconds < 0) {
    return bad(`with an expires_in of ${String(seconds)}, not a number of seconds, 0 or more`);
  }
  if (seconds > MAX_EXPIRES_IN_S) {
    return bad(
      `with an expires_in of ${seconds} s, more than a year: not an access token's lifetime ` +
        '(milliseconds sent as seconds?)',
    );
  }
  return seconds;
}

function parseObject(body: unknown): Record<string, unknown> | undefined {
  let parsed: unknown = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : undefined;
}

export { parseObject };
