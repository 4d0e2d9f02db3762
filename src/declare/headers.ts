import type { AxiosRequestConfig, InternalAxiosRequestConfig } from 'axios';
import { callHeadersFunction, type HeadersSource } from '../client';
import { ConfigurationError } from '../errors';

/** Plain headers: name → value, names as the user wrote them. */
export type HeaderRecord = Record<string, unknown>;

function plain(headers: unknown): HeaderRecord {
  if (headers === undefined || headers === null) return {};
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

type HeadersFunction = Extract<HeadersSource, (...args: never[]) => unknown>;

/**
 * `source` as it is, or, for a function, one whose failure is a {@link ConfigurationError}
 * with the error as `cause`. The error's message is not repeated: headers are where secrets
 * travel.
 */
export function guardHeadersSource<S extends HeadersSource | undefined>(source: S): S {
  if (typeof source !== 'function') return source;
  const fn = source as HeadersFunction;
  return ((config: InternalAxiosRequestConfig) => callHeadersFunction(fn, config)) as S;
}

/**
 * The headers of `source` (an object, or a function called with the request) as one new
 * object, without the names in `owned`. The source object is not changed.
 */
export async function resolveHeaders(
  source: HeadersSource,
  config: AxiosRequestConfig,
  owned: ReadonlySet<string>,
): Promise<HeaderRecord> {
  const produced =
    typeof source === 'function'
      ? await callHeadersFunction(source, config as InternalAxiosRequestConfig)
      : source;
  return mergeHeaders(NO_HEADERS, plain(produced), owned);
}

const NO_HEADERS: HeaderRecord = Object.freeze({});
const NO_NAMES: ReadonlySet<string> = new Set();

/**
 * A new object with the headers of `base` and `over`, `over` winning by case-insensitive
 * name (and keeping its spelling). Names in `drop` are left out.
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
