import { ConfigurationError } from '../errors';
import { HTTP_TOKEN } from '../http/syntax';
import {
  assertHeaderName,
  compileCredential,
  type CompiledCredential,
} from '../credentials/resolve';
import type { AuthOptions } from './options';
import { OriginRule } from './origins';
import { RefreshState } from './refresh';
import { credentials, type ResolvedCredentials } from './apply';

/**
 * Everything one `attachAuth` (or one declared call) needs per request, checked and
 * parsed once at setup. Holds secrets: they live in private fields, and the plan prints
 * as a placeholder, so a config that references it can be logged safely.
 */
export class AuthPlan {
  readonly #token: CompiledCredential | undefined;
  readonly #key: CompiledCredential | undefined;
  readonly authHeader: string;
  readonly tokenPrefix: string;
  readonly apiKeyHeader: string;
  readonly apiKeyQueryParam: string | undefined;
  /** What the token and the key occupy on a request, so two plans never both fill one. */
  readonly tokenClaim: string;
  readonly keyClaim: string;
  readonly origins: OriginRule;
  readonly refreshOn: ReadonlySet<number> | undefined;
  readonly #staticCredentials: ResolvedCredentials | undefined;
  /** False once `detach()` was called: the plan sends nothing any more. */
  active = true;
  /** Shared by every request of this plan: one refresh for all that failed with the same credential. */
  readonly refreshState = new RefreshState();

  constructor(options: AuthOptions, baseURL: unknown) {
    if (options === null || typeof options !== 'object') {
      throw new ConfigurationError('Auth options must be an object such as { authToken: "…" }.');
    }
    const scheme = options.authScheme ?? 'Bearer';
    // One RFC 9110 token: a scheme with a space or a colon would corrupt the header.
    if (typeof scheme !== 'string' || (scheme !== '' && !HTTP_TOKEN.test(scheme))) {
      throw new ConfigurationError(
        `authScheme must be a single word such as 'Bearer' or 'Token' ('' for the bare token), got ${typeof scheme === 'string' ? JSON.stringify(scheme) : typeof scheme}.`,
      );
    }
    this.tokenPrefix = scheme === '' ? '' : `${scheme} `;
    this.authHeader = assertHeaderName('authHeader', options.authHeader ?? 'Authorization');
    this.apiKeyHeader = assertHeaderName('apiKeyHeader', options.apiKeyHeader ?? 'x-api-key');
    if (
      options.apiKeyQueryParam !== undefined &&
      (typeof options.apiKeyQueryParam !== 'string' || options.apiKeyQueryParam === '')
    ) {
      throw new ConfigurationError(
        'apiKeyQueryParam must be a non-empty query parameter name such as "api_key".',
      );
    }
    this.apiKeyQueryParam = options.apiKeyQueryParam;
    if (
      this.authHeader.toLowerCase() === this.apiKeyHeader.toLowerCase() &&
      options.apiKeyQueryParam === undefined &&
      options.authToken != null &&
      options.apiKey != null
    ) {
      throw new ConfigurationError(
        `authHeader and apiKeyHeader are both ${JSON.stringify(this.authHeader)}: one would overwrite the other. Give them different names.`,
      );
    }
    this.tokenClaim = this.authHeader.toLowerCase();
    this.keyClaim =
      this.apiKeyQueryParam === undefined
        ? this.apiKeyHeader.toLowerCase()
        : `?${this.apiKeyQueryParam}`;
    this.refreshOn = compileRefreshOn(options.refreshOn);
    this.origins = new OriginRule(baseURL, options.allowedOrigins);
    this.#token = compileCredential('authToken', options.authToken);
    this.#key = compileCredential('apiKey', options.apiKey);
    if (this.refreshOn && !this.#token?.provider && !this.#key?.provider) {
      throw new ConfigurationError(
        'refreshOn needs a credential that can change: make authToken or apiKey a provider function ' +
          '(for example cachedCredential(fetchToken, { ttl })), or drop refreshOn.',
      );
    }
    this.#staticCredentials =
      this.#token?.provider === undefined && this.#key?.provider === undefined
        ? credentials(this, this.#token?.value, this.#key?.value, 0)
        : undefined;
  }

  /** The compiled `authToken`, or `undefined` when it sends nothing. */
  get token(): CompiledCredential | undefined {
    return this.#token;
  }

  /** The compiled `apiKey`, or `undefined` when it sends nothing. */
  get key(): CompiledCredential | undefined {
    return this.#key;
  }

  /** When every credential is static: what each request gets, made once. */
  get staticCredentials(): ResolvedCredentials | undefined {
    return this.#staticCredentials;
  }

  toJSON(): string {
    return '[axios-dequest auth]';
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '[axios-dequest auth]';
  }
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
