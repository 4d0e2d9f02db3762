import type { AuthPlan } from './auth-plan';
import { allowsOrigin } from './origins';

/** The statuses that redirect (304 does not). */
export const isRedirect = (status: number): boolean =>
  status === 301 || status === 302 || status === 303 || status === 307 || status === 308;

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
