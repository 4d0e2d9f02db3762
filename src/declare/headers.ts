import type { AxiosRequestConfig, InternalAxiosRequestConfig } from 'axios';
import type { AuthOptions } from '../auth';
import type { HeadersSource } from '../client';
import { ConfigurationError } from '../errors';

/** Plain headers: name → value, names as the user wrote them. */
export type HeaderRecord = Record<string, unknown>;

const isSet = (source: unknown): boolean =>
  source !== undefined && source !== null && source !== '';

/**
 * The header names the credentials own, lower-cased: the same names in `headers` lose to them
 * (dequest's precedence; the same rule as `createClient`).
 */
export function ownedHeaderNames(auth: AuthOptions): ReadonlySet<string> {
  const names = new Set<string>();
  if (isSet(auth.authToken)) names.add((auth.authHeader ?? 'Authorization').toLowerCase());
  if (isSet(auth.apiKey) && auth.apiKeyQueryParam === undefined) {
    names.add((auth.apiKeyHeader ?? 'x-api-key').toLowerCase());
  }
  return names;
}

/** Throws unless `headers` is an object, a function, or absent. */
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

/**
 * Resolves header sources (objects, or functions called with the request) into one new
 * object, later sources winning by case-insensitive name, and drops the names in `owned`.
 * No source object is changed.
 */
export async function resolveHeaders(
  sources: readonly (HeadersSource | undefined)[],
  config: AxiosRequestConfig,
  owned: ReadonlySet<string>,
): Promise<HeaderRecord> {
  let merged: HeaderRecord = {};
  for (const source of sources) {
    const produced =
      typeof source === 'function' ? await source(config as InternalAxiosRequestConfig) : source;
    merged = mergeHeaders(merged, plain(produced), owned);
  }
  return merged;
}

/**
 * A new object with the headers of `base` and `over`, `over` winning by case-insensitive
 * name (and keeping its spelling). Names in `drop` are left out.
 */
export function mergeHeaders(
  base: HeaderRecord,
  over: HeaderRecord | undefined,
  drop: ReadonlySet<string> = new Set(),
): HeaderRecord {
  const merged = new Map<string, [string, unknown]>();
  for (const headers of [base, over ?? {}]) {
    for (const [name, value] of Object.entries(headers)) {
      const key = name.toLowerCase();
      if (drop.has(key)) continue;
      merged.delete(key);
      merged.set(key, [name, value]);
    }
  }
  return Object.fromEntries(merged.values());
}
