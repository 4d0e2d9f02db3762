import { AxiosError, AxiosHeaders } from 'axios';
import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import type { CacheEntry } from './cache-store';

type Body = Pick<CacheEntry, 'body' | 'encoding'>;

/**
 * The body as the adapter returned it (before axios's transformResponse: a string, bytes, or
 * whatever a custom adapter returns), encoded to survive JSON. `undefined` when it cannot be
 * kept: a stream, a Blob, FormData, or anything JSON cannot carry.
 */
export function encodeBody(data: unknown): Body | undefined {
  if (data === undefined || data === null) return { body: '', encoding: 'text' };
  if (typeof data === 'string') return { body: data, encoding: 'text' };
  if (data instanceof Uint8Array)
    return { body: Buffer.from(data).toString('base64'), encoding: 'base64' };
  if (data instanceof ArrayBuffer)
    return { body: Buffer.from(data).toString('base64'), encoding: 'base64' };
  if (!isPlainData(data)) return undefined;
  try {
    const body = JSON.stringify(data);
    return typeof body === 'string' ? { body, encoding: 'json' } : undefined;
  } catch {
    return undefined;
  }
}

// Arrays and plain objects round-trip through JSON; class instances (streams, Blobs, FormData) do not.
function isPlainData(data: unknown): boolean {
  if (typeof data === 'number' || typeof data === 'boolean') return true;
  if (Array.isArray(data)) return true;
  if (typeof data !== 'object') return false;
  const proto = Object.getPrototypeOf(data) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A fresh copy of the body for every reader: mutating one response changes no other. */
export function decodeBody(entry: Body): unknown {
  switch (entry.encoding) {
    case 'json':
      return JSON.parse(entry.body) as unknown;
    case 'base64':
      return Buffer.from(entry.body, 'base64');
    default:
      return entry.body;
  }
}

/** Response headers as a cache entry keeps them: lower-case names, string values, no set-cookie. */
export function storableHeaders(headers: unknown): Record<string, string> {
  const source =
    headers instanceof AxiosHeaders ? (headers.toJSON() as Record<string, unknown>) : headers;
  const out: Record<string, string> = {};
  if (typeof source !== 'object' || source === null) return out;
  for (const [name, value] of Object.entries(source)) {
    const lower = name.toLowerCase();
    if (lower === 'set-cookie' || value === undefined || value === null || value === false)
      continue;
    out[lower] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

/** What a cache hit, a shared result or a stale answer gives its caller: a response of its own. */
export function responseFrom(
  entry: Omit<CacheEntry, 'storedAt' | 'expiresAt' | 'staleUntil'>,
  config: InternalAxiosRequestConfig,
  mark: 'cached' | 'stale' | undefined,
): AxiosResponse {
  const response: AxiosResponse = {
    data: decodeBody(entry),
    status: entry.status,
    statusText: entry.statusText,
    headers: new AxiosHeaders(entry.headers),
    config,
    request: undefined,
  };
  if (mark === 'cached') response.cached = true;
  if (mark === 'stale') {
    response.cached = true;
    response.stale = true;
  }
  return settle(response, config);
}

// What axios's own settle does after an adapter: the caller's validateStatus still decides.
function settle(response: AxiosResponse, config: InternalAxiosRequestConfig): AxiosResponse {
  const validate = config.validateStatus;
  if (!validate || validate(response.status)) return response;
  throw new AxiosError(
    `Request failed with status code ${response.status}`,
    response.status >= 500 ? AxiosError.ERR_BAD_RESPONSE : AxiosError.ERR_BAD_REQUEST,
    config,
    undefined,
    response,
  );
}
