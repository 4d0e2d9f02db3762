// Where the adapter wrapper hands a call to the resilience layer: credentials are resolved
// before (a CredentialError touches no cache or breaker), refreshOn replays around it.
import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { runResilient, type ResiliencePlan, type ResilientCall } from '../resilience';
import type { PickedAdapter } from './adapter';
import type { AuthPlan } from './auth-plan';
import { CredentialWait } from './credential-wait';
import type { RequestCredentials } from './request-credentials';
import { sendWith } from './send-with';

/**
 * The resilience one request is sent under: the plan (from attachResilience, createClient, or
 * a declared call), and what a call the breaker refuses ends with when its sender decides that
 * (a declared call's fallback gets the call's arguments).
 */
export interface CallResilience {
  readonly plan: ResiliencePlan | undefined;
  readonly onBreakerOpen?: ResilientCall['onBreakerOpen'];
}

/** Resolves the credentials of a later attempt, within its wait: the providers are asked again. */
export type ResolveCredentials = (
  config: InternalAxiosRequestConfig,
  wait: CredentialWait,
) => readonly RequestCredentials[] | Promise<readonly RequestCredentials[]>;

/** Learns the credentials an attempt sends, and (filled as it goes) the plans a redirect left. */
export type SentListener = (
  resolved: readonly RequestCredentials[],
  left: ReadonlySet<AuthPlan>,
) => void;

/**
 * True when the call has something for the resilience layer to do. When not (no plan, an idle
 * one, or `resilience: false`), the caller sends the one attempt itself, without the layer.
 */
export function isResilient(
  config: InternalAxiosRequestConfig,
  resilience: CallResilience | undefined,
): boolean {
  const overrides = config.resilience;
  const plan = resilience?.plan;
  return overrides === undefined ? plan !== undefined && !plan.idle : overrides !== false;
}

/** A call without credentials (skipAuth, another origin, no credential plan): the layer alone. */
export function sendResilient(
  config: InternalAxiosRequestConfig,
  resilience: CallResilience | undefined,
  adapter: PickedAdapter,
): Promise<AxiosResponse> {
  return runResilient(resilience?.plan, {
    config,
    attempt: (c) => adapter.send(c),
    ...onBreakerOpenOf(resilience),
  });
}

/**
 * A call with credentials: attempt 1 sends `resolved` (within what `wait` left of its
 * timeout), each later attempt asks `resolve` for fresh ones (a provider may have a new token
 * by then), bounded by that attempt's own cancel and timeout. `sent` learns each attempt's
 * credentials, so refreshOn judges a rejection by the credential that was rejected. The
 * refreshOn statuses come back untouched (outerStatuses): refreshOn replays the whole call.
 */
export function sendResilientWith(
  config: InternalAxiosRequestConfig,
  plans: readonly AuthPlan[],
  resolved: readonly RequestCredentials[],
  adapter: PickedAdapter,
  wait: CredentialWait,
  resilience: CallResilience | undefined,
  resolve: ResolveCredentials,
  sent?: SentListener,
): Promise<AxiosResponse> {
  const sendOnce = (
    attemptConfig: InternalAxiosRequestConfig,
    credentials: readonly RequestCredentials[],
  ): Promise<AxiosResponse> => {
    let left: Set<AuthPlan> | undefined;
    if (sent !== undefined) sent(credentials, (left = new Set()));
    return sendWith(attemptConfig, credentials, adapter, left);
  };
  const attempt = async (
    attemptConfig: InternalAxiosRequestConfig,
    n: number,
  ): Promise<AxiosResponse> => {
    if (n === 1) return wait.send(() => sendOnce(attemptConfig, resolved), attemptConfig);
    const own = new CredentialWait(attemptConfig);
    const fresh = await resolve(attemptConfig, own);
    return own.send(() => sendOnce(attemptConfig, fresh), attemptConfig);
  };
  // A caller that shares another's request (one in flight per cache key) sent these too.
  sent?.(resolved, new Set());
  const outerStatuses = refreshStatuses(plans);
  return runResilient(resilience?.plan, {
    config,
    attempt,
    credentials: () => credentialValues(resolved),
    ...(outerStatuses === undefined ? {} : { outerStatuses }),
    ...onBreakerOpenOf(resilience),
  });
}

/**
 * What attempt 1 sends, for the cache key's HMAC: each value with the header (or query
 * parameter) it goes to, so a key never collides with a token of the same bytes.
 */
const credentialValues = (resolved: readonly RequestCredentials[]): string[] => {
  const values: string[] = [];
  for (const { plan, tokenHeader, key } of resolved) {
    if (tokenHeader !== undefined) values.push(`${plan.tokenClaim}\n${tokenHeader}`);
    if (key !== undefined) values.push(`${plan.keyClaim}\n${key}`);
  }
  return values;
};

const onBreakerOpenOf = (resilience: CallResilience | undefined): Partial<ResilientCall> =>
  resilience?.onBreakerOpen === undefined ? {} : { onBreakerOpen: resilience.onBreakerOpen };

function refreshStatuses(plans: readonly AuthPlan[]): ReadonlySet<number> | undefined {
  if (plans.length === 1) return plans[0]!.refreshOn;
  const statuses = new Set<number>();
  for (const { refreshOn } of plans) for (const status of refreshOn ?? []) statuses.add(status);
  return statuses.size === 0 ? undefined : statuses;
}
