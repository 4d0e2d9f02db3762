import { ConfigurationError, CredentialError, type CredentialName } from '../errors';
import { describeValue } from '../http/describe-value';
import { scrubError } from '../http/scrub-error';
import type { ScrubOptions } from '../http/scrub-rules';
import { HTTP_TOKEN, isThenable } from '../http/syntax';
import { toCredentialValue } from './header-value';
import { credentialErrorFor } from './request-error';
import type { CredentialContext, CredentialProvider } from './source';

/** A credential source, checked once at setup: a validated static value, or a provider. */
export type CompiledCredential =
  | { readonly name: CredentialName; readonly value: string; readonly provider?: undefined }
  | {
      readonly name: CredentialName;
      readonly value?: undefined;
      readonly provider: CredentialProvider;
      /** The header and query names the plan sends credentials under, redacted in errors. */
      readonly secretNames?: ScrubOptions;
    };

/**
 * Checks a credential option once, at setup. Returns `undefined` when it sends nothing
 * (`null`, `undefined`, `''`). A bad static value throws {@link CredentialError} here, so a
 * client that could never authenticate fails when it is made, not on its first request.
 */
export function compileCredential(
  name: CredentialName,
  source: unknown,
  secretNames?: ScrubOptions,
): CompiledCredential | undefined {
  if (typeof source === 'function')
    return { name, provider: source as CredentialProvider, secretNames };
  const value = toCredentialValue(name, source, 'static value');
  return value === undefined ? undefined : { name, value };
}

/**
 * The credential's value for one request: synchronous for static values and sync providers,
 * a promise only when the provider returns one. `undefined` means "send no header". Whatever
 * goes wrong is a {@link CredentialError} that names the request it stopped.
 */
export function resolveCredential(
  credential: CompiledCredential,
  ctx: CredentialContext,
): string | undefined | Promise<string | undefined> {
  if (credential.provider === undefined) return credential.value;
  const { name, provider, secretNames } = credential;
  const stopped = (error: CredentialError): CredentialError =>
    credentialErrorFor(error, ctx.config, secretNames);
  const check = (value: unknown): string | undefined => {
    try {
      return toCredentialValue(name, value, 'provider');
    } catch (error) {
      throw stopped(error as CredentialError);
    }
  };
  let produced: unknown;
  try {
    produced = provider(ctx);
  } catch (error) {
    throw stopped(providerFailed(name, error));
  }
  let thenable: boolean;
  try {
    thenable = isThenable(produced);
  } catch (error) {
    // A `then` getter that throws, a revoked Proxy: not a value, and not the provider's failure.
    throw stopped(unreadable(name, error));
  }
  if (thenable) {
    // Not Promise.resolve: it reads a promise's `constructor` at once, and that may throw.
    return new Promise((resolve) => {
      resolve(produced);
    }).then(check, (error: unknown) => {
      throw stopped(providerFailed(name, error));
    });
  }
  return check(produced);
}

// The provider's own message may quote the secret it failed to fetch, so only its type is
// named here; the whole error stays reachable as `cause`, which DequestError scrubs: a token
// request's AxiosError holds the client secret in its config. A CredentialError about this
// credential passes as it is, unless it is about another request (a provider that calls a
// client of its own).
function providerFailed(name: CredentialName, error: unknown): CredentialError {
  if (isOwnFailure(name, error)) return scrubError(error);
  return new CredentialError(
    name,
    `The ${name} provider failed (${kindOf(error)}). ` +
      `See error.cause for what went wrong, and make the provider return a string.`,
    { cause: error },
  );
}

function unreadable(name: CredentialName, error: unknown): CredentialError {
  return new CredentialError(
    name,
    `The ${name} provider returned an object that cannot be read (reading its then threw ${kindOf(error)}). ` +
      `Return the ${name} as a string (or null/undefined to send no credential); see error.cause.`,
    { cause: error },
  );
}

// What a provider throws may itself be unreadable (a revoked Proxy, a throwing `name` getter):
// looking at it must not throw in its place.
function isOwnFailure(name: CredentialName, error: unknown): error is CredentialError {
  try {
    return error instanceof CredentialError && error.credential === name && !error.config;
  } catch {
    return false;
  }
}

function kindOf(error: unknown): string {
  try {
    if (!(error instanceof Error)) return typeof error;
    const kind: unknown = error.name;
    return typeof kind === 'string' ? kind : 'Error';
  } catch {
    return 'a value that cannot be read';
  }
}

/** Throws a {@link ConfigurationError} unless `value` is a valid HTTP header name. */
export function assertHeaderName(option: string, value: unknown): asserts value is string {
  // `__proto__` is a valid token, but not a name a plain object can hold as a header.
  if (typeof value !== 'string' || !HTTP_TOKEN.test(value) || value === '__proto__') {
    throw new ConfigurationError(
      `${option} must be a valid HTTP header name (letters, digits and !#$%&'*+.^_\`|~-), ` +
        `got ${describeValue(value)}.`,
    );
  }
}
