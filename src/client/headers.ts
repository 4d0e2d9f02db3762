import type {
  AxiosRequestConfig,
  CreateAxiosDefaults,
  InternalAxiosRequestConfig,
  RawAxiosRequestHeaders,
} from 'axios';
import type { AuthOptions } from '../auth';
import { ownedHeaderNames } from '../auth';
import { ConfigurationError, isDequestError } from '../errors';
import { isThenable } from '../http/syntax';

/**
 * Headers as an object, or a function (sync or async) called per request that returns them.
 *
 * @example
 * ```ts
 * const headers: HeadersSource = async () => ({ 'X-Request-Id': crypto.randomUUID() });
 * ```
 */
export type HeadersSource =
  | RawAxiosRequestHeaders
  | ((
      config: InternalAxiosRequestConfig,
    ) => RawAxiosRequestHeaders | Promise<RawAxiosRequestHeaders>);

type HeadersFunction = Extract<HeadersSource, (...args: never[]) => unknown>;

/** Throws a {@link ConfigurationError} unless `headers` is an object, a function, or absent. */
export function assertHeadersSource(headers: unknown, owner: string): void {
  if (
    headers !== undefined &&
    headers !== null &&
    typeof headers !== 'object' &&
    typeof headers !== 'function'
  ) {
    throw new ConfigurationError(
      `${owner}: headers must be an object of header names to values, or a function returning one.`,
    );
  }
}

// A copy without the names credentials own: the caller's object is never changed (dequest's
// bug was to write the token into it). Axios's per-method buckets (common, get, …) are
// filtered the same way.
export function withoutAuthHeaders(
  headers: object,
  auth: AuthOptions,
): CreateAxiosDefaults['headers'] {
  const owned = ownedHeaderNames(auth);
  const plain =
    typeof (headers as { toJSON?: unknown }).toJSON === 'function'
      ? ((headers as { toJSON(): object }).toJSON() as Record<string, unknown>)
      : (headers as Record<string, unknown>);
  const copy: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(plain)) {
    if (owned.has(name.toLowerCase())) continue;
    copy[name] =
      typeof value === 'object' && value !== null && !Array.isArray(value)
        ? withoutAuthHeaders(value, auth)
        : value;
  }
  return copy as CreateAxiosDefaults['headers'];
}

// A function's failure, without its message: headers are where secrets travel. One of our own
// errors (a declared layer's wrapper) passes as it is.
const headersFunctionFailed = (fn: HeadersFunction, error: unknown): unknown =>
  isDequestError(error)
    ? error
    : new ConfigurationError(
        // An arrow in an options object is named after its key: that name says nothing.
        `The headers function${fn.name && fn.name !== 'headers' ? ` ${fn.name}` : ''} threw, so the request was not sent. ` +
          `Its error is error.cause.`,
        { cause: error },
      );

/**
 * Calls a headers function; what it throws or rejects with becomes a {@link ConfigurationError}
 * with the error as `cause`, and the request is not sent.
 */
export function callHeadersFunction(
  fn: HeadersFunction,
  config: InternalAxiosRequestConfig | AxiosRequestConfig,
): ReturnType<HeadersFunction> {
  let produced: ReturnType<HeadersFunction>;
  try {
    produced = fn(config as InternalAxiosRequestConfig);
  } catch (error) {
    throw headersFunctionFailed(fn, error);
  }
  return isThenable(produced)
    ? Promise.resolve(produced).catch((error: unknown) => {
        throw headersFunctionFailed(fn, error);
      })
    : produced;
}

/** Adds what a headers function returns to one request: never over the request's own, never over the credentials'. */
export async function addHeaders(
  config: InternalAxiosRequestConfig,
  source: HeadersFunction,
  owned: ReadonlySet<string>,
): Promise<InternalAxiosRequestConfig> {
  const produced = await callHeadersFunction(source, config);
  if (produced === undefined || produced === null) return config;
  if (typeof produced !== 'object') {
    throw new ConfigurationError(
      'The headers function must return an object of header names to values.',
    );
  }
  for (const [name, value] of Object.entries(produced)) {
    // The request's own headers win; the credentials' names are theirs.
    if (!owned.has(name.toLowerCase())) config.headers.set(name, value as string, false);
  }
  return config;
}
