import type {
  AxiosRequestConfig,
  CreateAxiosDefaults,
  InternalAxiosRequestConfig,
  RawAxiosRequestHeaders,
} from 'axios';
import { ConfigurationError, isDequestError } from '../errors';
import { isThenable } from '../http/syntax';

// Every rule about the `headers` option lives here: what it may be, what a headers function's
// failure becomes, and how headers from several places merge, for createClient and declared calls.

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

/** Plain headers: name → value, names as the user wrote them. */
export type HeaderRecord = Record<string, unknown>;

const NO_HEADERS: HeaderRecord = Object.freeze({});
const NO_NAMES: ReadonlySet<string> = new Set();

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

/**
 * A new object with the headers of `base` and `over`, `over` winning by case-insensitive
 * name (and keeping its spelling). Names in `drop` (lower-cased) are left out. Neither
 * argument is changed: dequest's bug was to write the token into the caller's headers.
 */
export function mergeHeaders(
  base: HeaderRecord,
  over: HeaderRecord | undefined,
  drop: ReadonlySet<string> = NO_NAMES,
): HeaderRecord {
  const merged = new Map<string, [string, unknown]>();
  for (const headers of [base, over ?? NO_HEADERS]) {
    for (const [name, value] of Object.entries(headers)) {
      const key = name.toLowerCase();
      if (drop.has(key)) continue;
      merged.delete(key);
      merged.set(key, [name, value]);
    }
  }
  return Object.fromEntries(merged.values());
}

/**
 * A copy of `axios.create` headers without the names in `owned`, in axios's per-method
 * buckets (common, get, …) too.
 */
export function withoutOwnedHeaders(
  headers: object,
  owned: ReadonlySet<string>,
): CreateAxiosDefaults['headers'] {
  const copy = mergeHeaders(NO_HEADERS, plain(headers), owned);
  for (const [name, value] of Object.entries(copy)) {
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      copy[name] = withoutOwnedHeaders(value, owned);
  }
  return copy;
}

/**
 * The headers of `source` (an object, or a function called with the request) as one new
 * object, without the names in `owned`. A function that throws, rejects or returns anything
 * but an object is a {@link ConfigurationError}, and the request is not sent.
 */
export async function resolveHeaders(
  source: HeadersSource,
  config: InternalAxiosRequestConfig | AxiosRequestConfig,
  owned: ReadonlySet<string>,
): Promise<HeaderRecord> {
  const produced =
    typeof source === 'function' ? await callHeadersFunction(source, config) : source;
  return mergeHeaders(NO_HEADERS, plain(produced), owned);
}

/** Adds what a headers source gives to one request: never over the request's own, never over the credentials'. */
export async function addHeaders(
  config: InternalAxiosRequestConfig,
  source: HeadersSource,
  owned: ReadonlySet<string>,
): Promise<InternalAxiosRequestConfig> {
  const headers = await resolveHeaders(source, config, owned);
  for (const [name, value] of Object.entries(headers)) {
    config.headers.set(name, value as string, false);
  }
  return config;
}

function plain(headers: unknown): HeaderRecord {
  if (headers === undefined || headers === null) return NO_HEADERS;
  if (typeof headers !== 'object') {
    throw new ConfigurationError(
      'The headers function must return an object of header names to values.',
    );
  }
  const toJSON = (headers as { toJSON?: unknown }).toJSON;
  return typeof toJSON === 'function'
    ? (toJSON.call(headers) as HeaderRecord)
    : (headers as HeaderRecord);
}

// A function's failure, without its message: headers are where secrets travel. One of our own
// errors passes as it is.
const headersFunctionFailed = (fn: HeadersFunction, error: unknown): unknown =>
  isDequestError(error)
    ? error
    : new ConfigurationError(
        // An arrow in an options object is named after its key: that name says nothing.
        `The headers function${fn.name && fn.name !== 'headers' ? ` ${fn.name}` : ''} threw, so the request was not sent. ` +
          `Its error is error.cause.`,
        { cause: error },
      );

function callHeadersFunction(
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
