import { ConfigurationError } from '../errors';
import { describeValue } from '../http/describe-value';
import { HTTP_TOKEN } from '../http/syntax';
import {
  assertHeaderName,
  compileCredential,
  type CompiledCredential,
} from '../credentials/resolve';
import type { AuthOptions } from './options';
import { compileOriginRules, type OriginRules } from './origins';

/**
 * The credential options of one `attachAuth` (or one declared call), checked and parsed once
 * at setup: everything a request needs from them. It holds a static credential, so nothing
 * that is printed may reach it: a request carries it inside a PendingAuth, which keeps it private.
 */
export interface AuthPlan {
  /** The `authToken`, or `undefined` when it sends nothing. */
  readonly token: CompiledCredential | undefined;
  /** The `apiKey`, or `undefined` when it sends nothing. */
  readonly key: CompiledCredential | undefined;
  readonly authHeader: string;
  /** `Bearer ` (with its space), or `''` for the bare token. */
  readonly tokenPrefix: string;
  readonly apiKeyHeader: string;
  readonly apiKeyQueryParam: string | undefined;
  /** What the token and the key occupy on a request, so two plans never both fill one. */
  readonly tokenClaim: string;
  readonly keyClaim: string;
  readonly origins: OriginRules;
  readonly refreshOn: ReadonlySet<number> | undefined;
}

/**
 * Checks credential options once, at setup. Throws a {@link ConfigurationError} (or a
 * {@link CredentialError} for a static credential that is not a header value) that says what
 * to fix, so a client that could never authenticate fails when it is made.
 */
export function compileAuthPlan(options: AuthOptions, baseURL: unknown): AuthPlan {
  if (options === null || typeof options !== 'object') {
    throw new ConfigurationError('Auth options must be an object such as { authToken: "…" }.');
  }
  const scheme: unknown = options.authScheme ?? 'Bearer';
  // One RFC 9110 token: a scheme with a space or a colon would corrupt the header.
  if (typeof scheme !== 'string' || (scheme !== '' && !HTTP_TOKEN.test(scheme))) {
    throw new ConfigurationError(
      `authScheme must be a single word such as 'Bearer' or 'Token' ('' for the bare token), got ${describeValue(scheme)}.`,
    );
  }
  const authHeader: unknown = options.authHeader ?? 'Authorization';
  const apiKeyHeader: unknown = options.apiKeyHeader ?? 'x-api-key';
  assertHeaderName('authHeader', authHeader);
  assertHeaderName('apiKeyHeader', apiKeyHeader);
  const apiKeyQueryParam: unknown = options.apiKeyQueryParam;
  if (
    apiKeyQueryParam !== undefined &&
    (typeof apiKeyQueryParam !== 'string' || apiKeyQueryParam === '')
  ) {
    throw new ConfigurationError(
      'apiKeyQueryParam must be a non-empty query parameter name such as "api_key".',
    );
  }
  if (
    authHeader.toLowerCase() === apiKeyHeader.toLowerCase() &&
    apiKeyQueryParam === undefined &&
    options.authToken != null &&
    options.apiKey != null
  ) {
    throw new ConfigurationError(
      `authHeader and apiKeyHeader are both ${JSON.stringify(authHeader)}: one would overwrite the other. Give them different names.`,
    );
  }
  const refreshOn = compileRefreshOn(options.refreshOn);
  const origins = compileOriginRules(baseURL, options.allowedOrigins);
  // A header or parameter of these names may hold a secret the caller set: errors hide it.
  const secretNames = {
    headers: [authHeader, apiKeyHeader],
    params: apiKeyQueryParam === undefined ? [] : [apiKeyQueryParam],
  };
  const token = compileCredential('authToken', options.authToken, secretNames);
  const key = compileCredential('apiKey', options.apiKey, secretNames);
  if (refreshOn && !token?.provider && !key?.provider) {
    throw new ConfigurationError(
      'refreshOn needs a credential that can change: make authToken or apiKey a provider function ' +
        '(for example cachedCredential(fetchToken, { ttl })), or drop refreshOn.',
    );
  }
  return Object.freeze({
    token,
    key,
    authHeader,
    tokenPrefix: scheme === '' ? '' : `${scheme} `,
    apiKeyHeader,
    apiKeyQueryParam,
    tokenClaim: authHeader.toLowerCase(),
    keyClaim: apiKeyQueryParam === undefined ? apiKeyHeader.toLowerCase() : `?${apiKeyQueryParam}`,
    origins,
    refreshOn,
  });
}

function compileRefreshOn(refreshOn: unknown): ReadonlySet<number> | undefined {
  if (refreshOn === undefined) return undefined;
  if (
    !Array.isArray(refreshOn) ||
    !refreshOn.every((s) => Number.isInteger(s) && s >= 400 && s <= 599)
  ) {
    throw new ConfigurationError(
      'refreshOn takes a list of HTTP error statuses, e.g. refreshOn: [401].',
    );
  }
  return refreshOn.length === 0 ? undefined : new Set(refreshOn as number[]);
}
