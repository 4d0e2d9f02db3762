import type { AxiosRequestConfig, InternalAxiosRequestConfig } from 'axios';
import type { HeadersSource } from '../client';
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
