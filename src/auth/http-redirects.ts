import type { RequestCredentials } from './request-credentials';
import { originOf } from '../http/origin';
import type { AuthPlan } from './auth-plan';
import { allowedOnHop, withQueryParam } from './redirect-rules';

type RedirectOptions = { href?: string; headers?: Record<string, unknown> };
type BeforeRedirect = (options: RedirectOptions, ...rest: unknown[]) => void;

/**
 * A follow-redirects `beforeRedirect` hook for the http adapter. follow-redirects strips
 * `Authorization` on a cross-host redirect but never `x-api-key`, and keeps `Authorization` on a
 * redirect to a subdomain; so decide per origin here: the headers (and the api key query
 * parameter) go on only where the plan allows them. The user's own hook runs after ours, as it
 * would without us. One hook per request: it remembers which plans the chain has left (in
 * `left`, when the caller wants to know).
 */
export function guardRedirects(
  resolved: readonly RequestCredentials[],
  userHook: BeforeRedirect | undefined,
  left?: Set<AuthPlan>,
): BeforeRedirect {
  return function beforeRedirect(options, ...rest) {
    // Made on the first redirect only: most requests are never redirected.
    left ??= new Set<AuthPlan>();
    const origin = options.href === undefined ? undefined : originOf(options.href);
    const headers = (options.headers ??= {});
    for (const { plan, tokenHeader, key } of resolved) {
      const allowed = allowedOnHop(plan, origin, left);
      // Where credentials may not go, neither ours nor a header the caller set under those names goes.
      if (tokenHeader !== undefined || !allowed)
        setOrStrip(headers, plan.authHeader, allowed ? tokenHeader : undefined);
      if (plan.apiKeyQueryParam === undefined) {
        if (key !== undefined || !allowed)
          setOrStrip(headers, plan.apiKeyHeader, allowed ? key : undefined);
      } else if (options.href !== undefined && (key !== undefined || !allowed)) {
        const url = new URL(options.href);
        url.search = withQueryParam(url.search, plan.apiKeyQueryParam, allowed ? key : undefined);
        options.href = url.href;
        (options as Record<string, unknown>)['search'] = url.search;
        (options as Record<string, unknown>)['path'] = url.pathname + url.search;
      }
    }
    if (userHook) userHook(options, ...rest);
  };
}

function setOrStrip(
  headers: Record<string, unknown>,
  name: string,
  value: string | undefined,
): void {
  const lower = name.toLowerCase();
  for (const existing of Object.keys(headers)) {
    if (existing.toLowerCase() === lower) delete headers[existing];
  }
  if (value !== undefined) headers[name] = value;
}
