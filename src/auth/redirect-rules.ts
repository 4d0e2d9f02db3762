import type { InternalAxiosRequestConfig } from 'axios';
import type { AuthPlan } from './auth-plan';
import { allowsOrigin } from './origins';

/** The statuses that redirect (304 does not). */
export const isRedirect = (status: number): boolean =>
  status === 301 || status === 302 || status === 303 || status === 307 || status === 308;

/**
 * What the caller asked a redirect to do, as axios's fetch adapter reads it: `maxRedirects: 0`
 * returns the 3xx whatever fetch's `redirect` option says; `'manual'` returns it too;
 * `'error'` rejects; anything else follows (up to `maxRedirects`).
 */
export function redirectModeOf(config: InternalAxiosRequestConfig): 'follow' | 'manual' | 'error' {
  if (config.maxRedirects === 0) return 'manual';
  const mode = (config.fetchOptions as { redirect?: unknown } | undefined)?.redirect;
  return mode === 'manual' || mode === 'error' ? mode : 'follow';
}

/**
 * The absolute URL a Location names, if it is one to follow: an http(s) URL. Anything else
 * (`data:`, `javascript:`, `file:`, a malformed URL) is refused, with follow-redirects' reason.
 */
export function redirectTarget(
  location: string,
  from: string,
): { url: string } | { refused: string } {
  let target: URL;
  try {
    target = new URL(location, from);
  } catch {
    return { refused: 'Invalid URL' };
  }
  if (target.protocol === 'http:' || target.protocol === 'https:') return { url: target.href };
  return { refused: `Unsupported protocol ${target.protocol}` };
}

// Once a hop went to an origin the plan does not allow, that origin chose every later URL; a
// way back to an allowed origin (A -> B -> A) could be any URL of A that B likes, so the rest of
// the chain goes without this plan's credentials. fetch and follow-redirects do the same with an
// Authorization header they dropped.
export function allowedOnHop(
  plan: AuthPlan,
  origin: string | undefined,
  left: Set<AuthPlan>,
): boolean {
  if (left.has(plan)) return false;
  if (allowsOrigin(plan.origins, origin)) return true;
  left.add(plan);
  return false;
}

/**
 * `search` with the query parameter `name` removed, then set to `value` when there is one. The
 * other parameters keep their spelling byte for byte, so the server reads the URL it redirected to.
 */
export function withQueryParam(search: string, name: string, value: string | undefined): string {
  const kept = search
    .replace(/^\?/, '')
    .split('&')
    .filter((part) => part !== '' && paramName(part) !== name);
  if (value !== undefined) kept.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
  return kept.length === 0 ? '' : `?${kept.join('&')}`;
}

function paramName(part: string): string {
  const raw = part.split('=', 1)[0]!.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
