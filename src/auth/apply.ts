import type { InternalAxiosRequestConfig } from 'axios';
import { resolveCredential } from '../credentials/resolve';
import type { CredentialContext } from '../credentials/source';
import type { AuthPlan } from './plan';

/** The credentials one plan resolved for one request, kept to re-apply them after a redirect. */
export interface ResolvedCredentials {
  readonly plan: AuthPlan;
  /** The full header value (`Bearer …`), or undefined when no token is sent. */
  readonly tokenHeader: string | undefined;
  readonly key: string | undefined;
  /** The plan's refresh generation the values belong to (see refresh.ts). */
  readonly generation: number;
}

const isPromise = (value: unknown): value is Promise<unknown> => value instanceof Promise;
const ignore = (): void => {};

/**
 * Asks one plan's providers for this request: token and key concurrently, skipping a
 * credential whose header (or query parameter) the caller already set, or an earlier plan of
 * the same request claimed (`claimed`, lower-cased names). Synchronous unless a provider
 * returns a promise, so static credentials cost no extra tick.
 */
export function resolveFor(
  plan: AuthPlan,
  config: InternalAxiosRequestConfig,
  refresh: boolean,
  generation: number,
  claimed?: Set<string>,
): ResolvedCredentials | Promise<ResolvedCredentials> {
  const tokenWanted =
    plan.token !== undefined &&
    !config.headers.has(plan.authHeader) &&
    !claim(claimed, plan.tokenClaim);
  const keyWanted =
    plan.key !== undefined && !callerSetKey(plan, config) && !claim(claimed, plan.keyClaim);
  // Static credentials the caller did not override: the same answer for every request.
  if (
    plan.staticCredentials !== undefined &&
    tokenWanted === (plan.token !== undefined) &&
    keyWanted === (plan.key !== undefined)
  ) {
    return plan.staticCredentials;
  }
  const ctx: CredentialContext = { config, refresh };
  const token = tokenWanted ? resolveCredential(plan.token!, ctx) : undefined;
  let key: ReturnType<typeof resolveCredential>;
  try {
    key = keyWanted ? resolveCredential(plan.key!, ctx) : undefined;
  } catch (error) {
    if (isPromise(token)) token.catch(ignore);
    throw error;
  }
  if (isPromise(token) || isPromise(key)) {
    return Promise.all([token, key]).then(([t, k]) => credentials(plan, t, k, generation));
  }
  return credentials(plan, token, key, generation);
}

/** True when an earlier plan holds `name`; otherwise claims it for this one. */
function claim(claimed: Set<string> | undefined, name: string): boolean {
  if (claimed === undefined) return false;
  if (claimed.has(name)) return true;
  claimed.add(name);
  return false;
}

export const credentials = (
  plan: AuthPlan,
  token: string | undefined,
  key: string | undefined,
  generation: number,
  prefixed = false,
): ResolvedCredentials => ({
  plan,
  tokenHeader: token === undefined || prefixed ? token : plan.tokenPrefix + token,
  key,
  generation,
});

/**
 * The credentials of the last refresh, for a replay: the same rules as {@link resolveFor} (a
 * name the caller set stays the caller's), without asking the providers again.
 */
export function reuseFor(
  config: InternalAxiosRequestConfig,
  latest: ResolvedCredentials,
): ResolvedCredentials {
  const { plan } = latest;
  return credentials(
    plan,
    config.headers.has(plan.authHeader) ? undefined : latest.tokenHeader,
    callerSetKey(plan, config) ? undefined : latest.key,
    latest.generation,
    true,
  );
}

function callerSetKey(plan: AuthPlan, config: InternalAxiosRequestConfig): boolean {
  if (plan.apiKeyQueryParam === undefined) return config.headers.has(plan.apiKeyHeader);
  const params: unknown = config.params;
  if (params instanceof URLSearchParams) return params.has(plan.apiKeyQueryParam);
  return (
    typeof params === 'object' &&
    params !== null &&
    (params as Record<string, unknown>)[plan.apiKeyQueryParam] !== undefined
  );
}

/** Puts resolved credentials on the request. Returns what to take off again afterwards. */
export function applyTo(config: InternalAxiosRequestConfig, resolved: ResolvedCredentials): void {
  const { plan, tokenHeader, key } = resolved;
  if (tokenHeader !== undefined) config.headers.set(plan.authHeader, tokenHeader);
  if (key === undefined) return;
  if (plan.apiKeyQueryParam === undefined) {
    config.headers.set(plan.apiKeyHeader, key);
  } else {
    // A new params object: the caller's own stays untouched, and no copy of the key outlives the request.
    const params: unknown = config.params;
    config.params =
      params instanceof URLSearchParams
        ? appendParam(new URLSearchParams(params), plan.apiKeyQueryParam, key)
        : { ...(params as object | undefined), [plan.apiKeyQueryParam]: key };
  }
}

const appendParam = (params: URLSearchParams, name: string, value: string): URLSearchParams => {
  params.set(name, value);
  return params;
};

/** Takes credentials off the request again, so the config that errors and responses carry holds no secret. */
export function removeFrom(
  config: InternalAxiosRequestConfig,
  resolved: ResolvedCredentials,
  originalParams: unknown,
): void {
  const { plan, tokenHeader, key } = resolved;
  if (tokenHeader !== undefined) removeHeader(config, plan.authHeader);
  if (key === undefined) return;
  if (plan.apiKeyQueryParam === undefined) removeHeader(config, plan.apiKeyHeader);
  else config.params = originalParams;
}

// applyTo set the header under this exact name (no other spelling of it was there), so delete
// that key directly; AxiosHeaders#delete would scan every name case-insensitively. If an adapter
// renamed it meanwhile, fall back to that scan: the secret must not stay on the config.
function removeHeader(config: InternalAxiosRequestConfig, name: string): void {
  const headers = config.headers as unknown as Record<string, unknown>;
  if (Object.prototype.hasOwnProperty.call(headers, name)) delete headers[name];
  else config.headers.delete(name);
}
