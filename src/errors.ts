/**
 * Every error axios-dequest throws is a {@link DequestError}. Each subclass carries a
 * brand property and has an `is*` guard, so errors are recognised even when the package
 * is loaded twice in one process (an ESM and a CJS copy), where `instanceof` fails.
 */

/**
 * The base class of every error this package throws.
 *
 * @example
 * ```ts
 * try { await getUser({ id: 1 }); } catch (e) { if (isDequestError(e)) console.error(e.message); }
 * ```
 */
export class DequestError extends Error {
  override readonly name: string = 'DequestError';
  readonly isDequestError = true;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    // `cause` set by the Error constructor is enumerable on some engines, not on others;
    // keep it non-enumerable everywhere so `JSON.stringify(error)` cannot walk into it.
    if (options && 'cause' in options) {
      Object.defineProperty(this, 'cause', {
        value: options.cause,
        enumerable: false,
        writable: true,
        configurable: true,
      });
    }
  }
}

/**
 * Which credential an error is about.
 *
 * @example
 * ```ts
 * const failed: CredentialName = error.credential; // 'authToken' or 'apiKey'
 * ```
 */
export type CredentialName = 'authToken' | 'apiKey';

/**
 * A credential could not be resolved (its provider threw or rejected) or is not a valid
 * header value. The request it belonged to was not sent. The message never holds the secret.
 *
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

  constructor(credential: CredentialName, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.credential = credential;
  }
}

/**
 * The options or a declaration are wrong. Found before anything is sent.
 *
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
 *
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

const hasBrand = (e: unknown, brand: string): boolean =>
  e instanceof Error && (e as unknown as Record<string, unknown>)[brand] === true;

/**
 * True for any error thrown by axios-dequest, from either module format.
 *
 * @example
 * ```ts
 * if (isDequestError(error)) console.error(error.name, error.message);
 * ```
 */
export const isDequestError = (e: unknown): e is DequestError => hasBrand(e, 'isDequestError');
/**
 * True for a {@link CredentialError}, from either module format.
 *
 * @example
 * ```ts
 * if (isCredentialError(error)) console.error(`could not get ${error.credential}`, error.cause);
 * ```
 */
export const isCredentialError = (e: unknown): e is CredentialError =>
  hasBrand(e, 'isCredentialError');
/**
 * True for a {@link ConfigurationError}, from either module format.
 *
 * @example
 * ```ts
 * if (isConfigurationError(error)) throw error; // a bug in the setup, not a failure to retry
 * ```
 */
export const isConfigurationError = (e: unknown): e is ConfigurationError =>
  hasBrand(e, 'isConfigurationError');
/**
 * True for an {@link InvalidParameterValueError}, from either module format.
 *
 * @example
 * ```ts
 * if (isInvalidParameterValueError(error)) return badRequest(error.parameter, error.message);
 * ```
 */
export const isInvalidParameterValueError = (e: unknown): e is InvalidParameterValueError =>
  hasBrand(e, 'isInvalidParameterValueError');
