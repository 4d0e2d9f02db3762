import type { AxiosRequestConfig } from 'axios';
import { scrubError } from './http/scrub-error';
// Each error is a DequestError with a brand and an `is*` guard: ESM/CJS copies fail `instanceof`.
/**
 * The base class of every error this package throws.
 * @example
 * ```ts
 * try { await getUser({ id: 1 }); } catch (e) { if (isDequestError(e)) console.error(e.message); }
 * ```
 */
export class DequestError extends Error {
  override readonly name: string = 'DequestError';
  readonly isDequestError = true;
  declare readonly attempts?: number; // a declared call's, after retries (see attemptsOf)
  constructor(message: string, options?: { cause?: unknown }) {
    super(message);
    // Not enumerable (JSON.stringify must not walk into it); scrubbed for every subclass, here.
    if (options && 'cause' in options) {
      Object.defineProperty(this, 'cause', {
        value: scrubError(options.cause),
        enumerable: false,
        writable: true,
        configurable: true,
      });
    }
  }
}

/**
 * Which credential an error is about.
 * @example
 * ```ts
 * const failed: CredentialName = error.credential; // 'authToken' or 'apiKey'
 * ```
 */
export type CredentialName = 'authToken' | 'apiKey';

/**
 * A credential could not be resolved (its provider threw or rejected) or is not a valid
 * header value. The request was not sent: the message names it (redacted), never the secret.
 * @example
 * ```ts
 * client.get('/me').catch((e) => { if (isCredentialError(e)) console.error(e.credential, e.cause); });
 * ```
 */
export class CredentialError extends DequestError {
  override readonly name = 'CredentialError';
  readonly isCredentialError = true;
  /** The option whose value failed: `authToken` or `apiKey`. */
  readonly credential: CredentialName;
  /** The request it stopped, redacted. */ declare readonly config?: Readonly<AxiosRequestConfig>;
  constructor(credential: CredentialName, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.credential = credential;
  }
}

/**
 * The options or a declaration are wrong. Found before anything is sent.
 * @example
 * ```ts
 * attachAuth(axios.create(), { authToken: 't' }); // throws: no baseURL and no allowedOrigins
 * ```
 */
export class ConfigurationError extends DequestError {
  override readonly name = 'ConfigurationError';
  readonly isConfigurationError = true;
}

/**
 * An argument of a declared call could not be converted to its declared type.
 * The message reads `Invalid value for <name>: …`. Found before anything is sent.
 * @example
 * ```ts
 * getUser({ id: 'elephant' }); // rejects: Invalid value for id: expected a number, got "elephant" (a string).
 * ```
 */
export class InvalidParameterValueError extends DequestError {
  override readonly name = 'InvalidParameterValueError';
  readonly isInvalidParameterValueError = true;
  /** The declared name of the argument. */
  readonly parameter: string;

  constructor(parameter: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.parameter = parameter;
  }
}

/**
 * What an {@link HttpStatusError} keeps of the response: no request config, no socket, no
 * `set-cookie` (lower-case header names). Not enumerable: a logged error prints no body.
 * @example
 * ```ts
 * if (isHttpStatusError(e)) console.error(e.status, e.response.headers['retry-after']);
 * ```
 */
export interface HttpStatusResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Readonly<Record<string, unknown>>;
  readonly data: unknown;
}

/**
 * A declared call got an HTTP error status. The message names status, method and URL (no
 * query string, no user:password); the `AxiosError` is the `cause`.
 * @example
 * ```ts
 * getUser({ id: 1 }).catch((e) => { if (isHttpStatusError(e) && e.status === 404) return null; throw e; });
 * ```
 */
export class HttpStatusError extends DequestError {
  override readonly name = 'HttpStatusError';
  readonly isHttpStatusError = true;
  readonly status: number;
  declare readonly response: HttpStatusResponse;

  constructor(message: string, response: HttpStatusResponse, options?: { cause?: unknown }) {
    super(message, options);
    this.status = response.status;
    Object.defineProperty(this, 'response', { value: response, enumerable: false });
  }
}

/**
 * A declared call got no answer within its `timeout` (or `totalTimeout`): `timeout` is the
 * limit in milliseconds. The `AxiosError` is the `cause`.
 * @example
 * ```ts
 * getReport().catch((e) => { if (isTimeoutError(e)) metrics.increment('report.timeout'); throw e; });
 * ```
 */
export class TimeoutError extends DequestError {
  override readonly name = 'TimeoutError';
  readonly isTimeoutError = true;
  readonly timeout: number | undefined; // ms, when known

  constructor(message: string, timeout: number | undefined, options?: { cause?: unknown }) {
    super(message, options);
    this.timeout = timeout;
  }
}

const hasBrand = (e: unknown, brand: string): boolean =>
  e instanceof Error && (e as unknown as Record<string, unknown>)[brand] === true;

/**
 * True for any error thrown by axios-dequest, from either module format.
 * @example
 * ```ts
 * if (isDequestError(error)) console.error(error.name, error.message);
 * ```
 */
export const isDequestError = (e: unknown): e is DequestError => hasBrand(e, 'isDequestError');
/**
 * True for a {@link CredentialError}, from either module format.
 * @example
 * ```ts
 * if (isCredentialError(error)) console.error(`could not get ${error.credential}`, error.cause);
 * ```
 */
export const isCredentialError = (e: unknown): e is CredentialError =>
  hasBrand(e, 'isCredentialError');
/**
 * True for a {@link ConfigurationError}, from either module format.
 * @example
 * ```ts
 * if (isConfigurationError(error)) throw error; // a bug in the setup, not a failure to retry
 * ```
 */
export const isConfigurationError = (e: unknown): e is ConfigurationError =>
  hasBrand(e, 'isConfigurationError');
/**
 * True for an {@link InvalidParameterValueError}, from either module format.
 * @example
 * ```ts
 * if (isInvalidParameterValueError(error)) return badRequest(error.parameter, error.message);
 * ```
 */
export const isInvalidParameterValueError = (e: unknown): e is InvalidParameterValueError =>
  hasBrand(e, 'isInvalidParameterValueError');
/**
 * True for an {@link HttpStatusError}, from either module format.
 * @example
 * ```ts
 * if (isHttpStatusError(error) && error.status === 404) return undefined;
 * ```
 */
export const isHttpStatusError = (e: unknown): e is HttpStatusError =>
  hasBrand(e, 'isHttpStatusError');
/**
 * True for a {@link TimeoutError}, from either module format.
 * @example
 * ```ts
 * if (isTimeoutError(error)) console.warn(`gave up after ${error.timeout} ms`);
 * ```
 */
export const isTimeoutError = (e: unknown): e is TimeoutError => hasBrand(e, 'isTimeoutError');
