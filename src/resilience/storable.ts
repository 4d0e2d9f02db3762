import type { AxiosResponse } from 'axios';
import { AxiosHeaders } from 'axios';

// axios decodes the body itself, so a response that varies by Accept-Encoding is the same body.
const HARMLESS_VARY = new Set(['accept-encoding']);

const headerOf = (headers: unknown, name: string): string | undefined => {
  if (headers instanceof AxiosHeaders) {
    const value = headers.get(name);
    return value === undefined || value === null || value === false ? undefined : String(value);
  }
  if (typeof headers !== 'object' || headers === null) return undefined;
  const value = (headers as Record<string, unknown>)[name];
  return value === undefined ? undefined : String(value);
};

/**
 * True when a response may be stored: a 2xx but 206 (a part of a body is not the body), no
 * `Cache-Control: no-store` / `no-cache`, no `private` when the cache is shared by users, and
 * a `Vary` that names only headers the key already covers (`Vary: *` never).
 */
export function isStorable(
  response: AxiosResponse,
  isKeyed: (header: string) => boolean,
  sharedByUsers: boolean,
): boolean {
  const { status } = response;
  if (status < 200 || status > 299 || status === 206) return false;
  const cacheControl = headerOf(response.headers, 'cache-control')?.toLowerCase();
  if (cacheControl !== undefined) {
    const directives = cacheControl.split(',').map((d) => d.trim().split('=')[0]);
    if (directives.includes('no-store') || directives.includes('no-cache')) return false;
    if (sharedByUsers && directives.includes('private')) return false;
  }
  const vary = headerOf(response.headers, 'vary');
  if (vary === undefined) return true;
  for (const raw of vary.split(',')) {
    const name = raw.trim().toLowerCase();
    if (name === '') continue;
    if (name === '*') return false;
    if (!isKeyed(name) && !HARMLESS_VARY.has(name)) return false;
  }
  return true;
}
