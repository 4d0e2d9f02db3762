import type { AxiosInstance } from 'axios';
import type { EventListener } from '../events/dequest-event';
import { emit, isWatched } from '../events/emit';
import type { AuthOptions } from './options';
import { ownedHeaderNames } from './owned-headers';

const isHeaderBucket = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Where `defaults.headers` sets `name` (lower-case), as a path to delete it by:
 * `headers['Authorization']`, or `headers.common['Authorization']` for axios's per-method buckets.
 */
function findDefault(headers: unknown, name: string): string | undefined {
  if (!isHeaderBucket(headers)) return undefined;
  const setIn = (bucket: Record<string, unknown>): string | undefined =>
    Object.keys(bucket).find((key) => key.toLowerCase() === name && bucket[key] != null);
  const top = setIn(headers);
  if (top !== undefined) return `headers['${top}']`;
  for (const [bucket, value] of Object.entries(headers)) {
    const key = isHeaderBucket(value) ? setIn(value) : undefined;
    if (key !== undefined) return `headers.${bucket}['${key}']`;
  }
  return undefined;
}

/**
 * Warns, when auth is attached, that the instance's defaults already carry a header a credential
 * would set: a header the request has wins, the instance's defaults included, so that credential
 * is never sent. One `config-warning` per credential, on the debug channel and to `listener`.
 */
export function warnOfDefaultHeaders(
  instance: AxiosInstance,
  options: AuthOptions,
  listener: EventListener | undefined,
): void {
  if (!isWatched(listener)) return;
  const { authToken, authHeader, apiKey, apiKeyHeader, apiKeyQueryParam } = options;
  const credentials = [
    ['authToken', ownedHeaderNames({ authToken, authHeader })],
    ['apiKey', ownedHeaderNames({ apiKey, apiKeyHeader, apiKeyQueryParam })],
  ] as const;
  for (const [option, names] of credentials) {
    for (const name of names) {
      const where = findDefault(instance.defaults?.headers, name);
      if (where === undefined) continue;
      emit(listener, {
        type: 'config-warning',
        message:
          `attachAuth: the instance's defaults.${where} is set, and a header the request already has wins, ` +
          `so ${option} will not be sent. To send ${option}, delete instance.defaults.${where}.`,
      });
    }
  }
}
