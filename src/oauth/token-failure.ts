import { scrubError } from '../http/scrub-error';
import { OAuthError } from './oauth-error';
import type { TokenEndpoint } from './read-options';
import { describeBody, serverText } from './server-text';
import { parseObject } from './token-response';

/** Which grant a token request was for. */
export type GrantType = 'client_credentials' | 'refresh_token';

// RFC 6749 §5.2: error = 1*( %x20-21 / %x23-5B / %x5D-7E )
const ERROR_CODE = /^[\x20-\x21\x23-\x5b\x5d-\x7e]{1,100}$/;

/** What to do about each RFC 6749 §5.2 / RFC 8707 error, for the caller reading the message. */
const hint = (code: string, grantType: GrantType): string => {
  switch (code) {
    case 'invalid_client':
      return 'Check clientId and clientSecret, and that authMethod is how the server registered this client (client_secret_basic or client_secret_post).';
    case 'invalid_grant':
      return grantType === 'refresh_token'
        ? 'The refresh token is expired, revoked or already used: the user must sign in again, then make a new oauthRefreshToken provider with the refresh token of that sign-in.'
        : 'The server refused the grant for this client.';
    case 'invalid_scope':
      return 'Check the scope option against the scopes this client may ask for.';
    case 'invalid_target':
      return 'Check the resource option against the resources this client may ask for.';
    case 'unauthorized_client':
      return `This client may not use the ${grantType} grant: allow it for the client at the authorization server.`;
    case 'unsupported_grant_type':
      return `The server does not offer the ${grantType} grant at this endpoint.`;
    case 'invalid_request':
      return 'The server found the request malformed: check audience, resource and extraParams.';
    default:
      return 'See error.cause.response for the full answer.';
  }
};

/** Why a token request failed, in one word for events (never a secret). */
export function failureReason(error: unknown): string {
  if (error instanceof OAuthError && error.oauthError !== undefined) return error.oauthError;
  const cause = (error as { cause?: { code?: unknown; response?: { status?: unknown } } }).cause;
  if (typeof cause?.response?.status === 'number') return `http-${cause.response.status}`;
  if (cause?.code === 'ECONNABORTED' || cause?.code === 'ETIMEDOUT') return 'timeout';
  return cause === undefined ? 'bad-response' : 'network';
}

/**
 * The {@link OAuthError} for a token request that axios rejected (an error status, a timeout, no
 * connection): the OAuth error and its description when the server sent one (RFC 6749 §5.2),
 * the token endpoint, and what to do. Its cause is the AxiosError, scrubbed of the client secret,
 * the `Authorization` value and the form body.
 */
export function tokenRequestFailed(
  endpoint: TokenEndpoint,
  grantType: GrantType,
  error: unknown,
  secrets: readonly (string | undefined)[],
): OAuthError {
  const cause = scrubError(error, { secrets });
  const failure = error as {
    code?: unknown;
    response?: { status?: unknown; data?: unknown; headers?: Record<string, unknown> };
  };
  const response = failure.response;
  const details = { tokenEndpoint: endpoint.target, cause };
  if (typeof response !== 'object' || response === null || typeof response.status !== 'number') {
    const code =
      typeof failure.code === 'string'
        ? failure.code
        : error instanceof Error
          ? error.name
          : typeof error;
    const what =
      code === 'ECONNABORTED' || code === 'ETIMEDOUT'
        ? `did not answer within ${endpoint.timeout} ms`
        : /maxContentLength/.test((error as Error)?.message ?? '')
          ? 'answered with a body larger than a token response can be'
          : `could not be reached (${serverText(code, secrets)})`;
    return new OAuthError(
      `The token endpoint ${endpoint.target} ${what}, so no token was obtained and the request was not sent.`,
      details,
    );
  }
  const { status } = response;
  const headers = response.headers ?? {};
  const contentType =
    typeof (headers as { get?: unknown }).get === 'function'
      ? (headers as { get(n: string): unknown }).get('content-type')
      : headers['content-type'];
  const body = parseObject(response.data);
  const code =
    typeof body?.error === 'string' && ERROR_CODE.test(body.error) ? body.error : undefined;
  if (code === undefined) {
    const what =
      status >= 300 && status < 400
        ? `answered ${status}, a redirect: token requests are not redirected (the secret would follow). Set tokenUrl to the endpoint itself.`
        : `answered ${status} (${describeBody(contentType, response.data)}), not an OAuth error response: is tokenUrl the token endpoint, and is the server up?`;
    return new OAuthError(`The token request to ${endpoint.target} failed: it ${what}`, details);
  }
  const description =
    typeof body?.error_description === 'string'
      ? serverText(body.error_description, secrets)
      : undefined;
  return new OAuthError(
    `The token request to ${endpoint.target} failed with ${status}: ${code}${description ? ` (${description})` : ''}. ${hint(code, grantType)}`,
    { ...details, oauthError: code, errorDescription: description },
  );
}
