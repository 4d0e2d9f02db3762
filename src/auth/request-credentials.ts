import type { InternalAxiosRequestConfig } from 'axios';
import { callSelfOf } from '../credentials/call-self';
import { resolveCredential } from '../credentials/resolve';
import type { CredentialContext } from '../credentials/source';
import type { CredentialName } from '../errors';
import type { AuthPlan } from './auth-plan';
import type { CredentialBound } from './credential-wait';

/** The credentials one plan resolved for one request, kept to re-apply them after a redirect. */
export interface RequestCredentials {
  readonly plan: AuthPlan;
  /** The full header value (`Bearer …`), or undefined when no token is sent. */
  readonly tokenHeader: string | undefined;
  readonly key: string | undefined;
  /** The plan's refresh generation the values belong to (see refresh.ts). */
  readonly generation: number;
}

const isPromise = (value: unknown): value is Promise<unknown> => value instanceof Promise;
const ignore = (): void => {};

// A plan whose credentials are all static gives every request the same answer: made once.
const fixed = new WeakMap<AuthPlan, RequestCredentials>();

function fixedCredentials(plan: AuthPlan): RequestCredentials | undefined {
  if (plan.token?.provider !== undefined || plan.key?.provider !== undefined) return undefined;
  let credentials = fixed.get(plan);
  if (credentials === undefined) {
    credentials = requestCredentials(plan, plan.token?.value, plan.key?.value, 0);
    fixed.set(plan, credentials);
  }
  return credentials;
}

/**
 * Resolves one plan's credentials for this request: token and key concurrently, skipping a
 * credential whose header (or query parameter) the caller already set, or an earlier plan of
 * the same request claimed (`claimed`, lower-cased names). Synchronous unless a provider
 * returns a promise, so static credentials cost no extra tick. A provider's promise is waited
 * for within `bound` (the request's cancel and timeout).
 */
export function resolvePlanCredentials(
  plan: AuthPlan,
  config: InternalAxiosRequestConfig,
  refresh: boolean,
  generation: number,
  claimed?: Set<string>,
  bound?: CredentialBound,
): RequestCredentials | Promise<RequestCredentials> {
  const tokenWanted =
    plan.token !== undefined &&
    !config.headers.has(plan.authHeader) &&
    !claim(claimed, plan.tokenClaim);
  const keyWanted =
    plan.key !== undefined && !callerSetKey(plan, config) && !claim(claimed, plan.keyClaim);
  // Static credentials the caller did not override: the same answer for every request.
  if (tokenWanted === (plan.token !== undefined) && keyWanted === (plan.key !== undefined)) {
    const same = fixedCredentials(plan);
    if (same !== undefined) return same;
  }
  const ctx: CredentialContext = { config, refresh, self: callSelfOf(config) };
  const token = tokenWanted
    ? within(bound, resolveCredential(plan.token, ctx), 'authToken')
    : undefined;
  let key: ReturnType<typeof resolveCredential>;
  try {
    key = keyWanted ? within(bound, resolveCredential(plan.key, ctx), 'apiKey') : undefined;
  } catch (error) {
    if (isPromise(token)) token.catch(ignore);
    throw error;
  }
  if (isPromise(token) || isPromise(key)) {
    return Promise.all([token, key]).then(([t, k]) => requestCredentials(plan, t, k, generation));
  }
  return requestCredentials(plan, token, key, generation);
}

/**
 * The credentials of the last refresh, for a replay: the same rules as
 * {@link resolvePlanCredentials} (a name the caller set stays the caller's), without asking the
 * providers again.
 */
export function reuseRefreshed(
  config: InternalAxiosRequestConfig,
  latest: RequestCredentials,
): RequestCredentials {
  const { plan } = latest;
  return requestCredentials(
    plan,
    config.headers.has(plan.authHeader) ? undefined : latest.tokenHeader,
    callerSetKey(plan, config) ? undefined : latest.key,
    latest.generation,
    true,
  );
}

const within = <T>(
  bound: CredentialBound | undefined,
  value: T | Promise<T>,
  name: CredentialName,
): T | Promise<T> => (bound !== undefined && isPromise(value) ? bound.bound(value, name) : value);

/** True when an earlier plan holds `name`; otherwise claims it for this one. */
function claim(claimed: Set<string> | undefined, name: string): boolean {
  if (claimed === undefined) return false;
  if (claimed.has(name)) return true;
  claimed.add(name);
  return false;
}

const requestCredentials = (
  plan: AuthPlan,
  token: string | undefined,
  key: string | undefined,
  generation: number,
  prefixed = false,
): RequestCredentials => ({
  plan,
  tokenHeader: token === undefined || prefixed ? token : plan.tokenPrefix + token,
  key,
  generation,
});

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
