import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { DequestError } from '../errors';
import { resolveAdapter, type AdapterSpec, type ResolvedAdapter } from './adapter';
import { applyTo, removeFrom, resolveFor, reuseFor, type ResolvedCredentials } from './apply';
import type { AuthPlan } from './plan';
import { redactError, redactResponse } from './redact';
import { sendFollowingRedirects } from './fetch-redirects';
import { guardRedirects } from './http-redirects';

/**
 * The config key under which a request carries the plans that apply to it and the adapter it
 * would have used. A string key, not a symbol: axios's mergeConfig keeps string keys when a
 * retry library re-sends `error.config`, and that re-send must still be authenticated.
 */
export const PENDING_AUTH = '__axiosDequestAuth';

/** What a request carries between the interceptor and the adapter. Prints as a placeholder. */
export class PendingAuth {
  constructor(
    readonly adapter: AdapterSpec,
    readonly plans: readonly AuthPlan[],
  ) {}

  toJSON(): string {
    return '[axios-dequest auth]';
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '[axios-dequest auth]';
  }
}

/**
 * Marks a request to be sent with `plan`'s credentials. Called by the interceptor, whatever
 * its place in the chain: the work happens in {@link dispatchWithAuth}, after every request
 * interceptor has run, on the URL and headers that will really be sent.
 */
export function markForAuth(
  config: InternalAxiosRequestConfig,
  plan: AuthPlan,
): InternalAxiosRequestConfig {
  const record = config as unknown as Record<string, unknown>;
  const pending = record[PENDING_AUTH];
  if (pending instanceof PendingAuth || isPendingAuth(pending)) {
    if (!pending.plans.includes(plan))
      record[PENDING_AUTH] = new PendingAuth(pending.adapter, [...pending.plans, plan]);
  } else {
    record[PENDING_AUTH] = new PendingAuth(config.adapter, [plan]);
  }
  config.adapter = dispatchWithAuth;
  return config;
}

const NONE: readonly never[] = [];

// A detached plan sends nothing, not even on a re-send of a config marked before the detach.
const applies = (plan: AuthPlan, config: InternalAxiosRequestConfig): boolean =>
  plan.active && plan.origins.allowsRequest(config);

// Another copy of this package (ESM beside CJS) makes its own PendingAuth class.
const isPendingAuth = (value: unknown): value is PendingAuth =>
  typeof value === 'object' && value !== null && Array.isArray((value as PendingAuth).plans);

/** The adapter every authenticated request goes through. */
export function dispatchWithAuth(config: InternalAxiosRequestConfig): Promise<AxiosResponse> {
  const pending = (config as unknown as Record<string, unknown>)[PENDING_AUTH] as PendingAuth;
  const adapter = resolveAdapter(pending.adapter, config);
  if (config.skipAuth === true) return adapter.send(config);
  const plans =
    pending.plans.length === 1
      ? applies(pending.plans[0]!, config)
        ? pending.plans
        : NONE
      : pending.plans.filter((plan) => applies(plan, config));
  if (plans.length === 0) return adapter.send(config);
  if (plans.some(refreshes)) return sendAuthorized(config, plans, adapter);
  // The common case: no refresh to watch for, so one settle handles clean-up and redaction.
  try {
    const resolved = resolveAll(config, plans, false);
    return resolved instanceof Promise
      ? resolved.then((r) => sendWith(config, r, adapter))
      : sendWith(config, resolved, adapter);
  } catch (error) {
    return Promise.reject(error);
  }
}

const refreshes = (plan: AuthPlan): boolean => plan.refreshOn !== undefined;

async function sendAuthorized(
  config: InternalAxiosRequestConfig,
  plans: readonly AuthPlan[],
  adapter: ResolvedAdapter,
): Promise<AxiosResponse> {
  const resolved = await resolveAll(config, plans, false);
  let response: AxiosResponse;
  try {
    response = await sendWith(config, resolved, adapter);
  } catch (error) {
    const rejected = rejectedPlans((error as { response?: unknown } | null)?.response, resolved);
    if (rejected.length === 0) throw error;
    assertReplayable(config, error);
    return replayRefreshed(config, plans, adapter, rejected);
  }
  // A validateStatus that accepts the status does not make the credential any less rejected.
  const rejected = rejectedPlans(response, resolved);
  if (rejected.length === 0 || isStream(config.data)) return response;
  return replayRefreshed(config, plans, adapter, rejected);
}

async function replayRefreshed(
  config: InternalAxiosRequestConfig,
  plans: readonly AuthPlan[],
  adapter: ResolvedAdapter,
  rejected: readonly ResolvedCredentials[],
): Promise<AxiosResponse> {
  await Promise.all(
    rejected.map(({ plan, generation }) =>
      // Sent with an older credential than the current one: the refresh already happened.
      generation === plan.refreshState.generation
        ? plan.refreshState.refresh(plan, config)
        : undefined,
    ),
  );
  // The rejected plans send what their refresh returned; any other plan is asked as usual.
  const resolved = await resolveAll(config, plans, false, rejected);
  return sendWith(config, resolved, adapter);
}

function resolveAll(
  config: InternalAxiosRequestConfig,
  plans: readonly AuthPlan[],
  refresh: boolean,
  refreshed: readonly ResolvedCredentials[] = NONE,
): ResolvedCredentials[] | Promise<ResolvedCredentials[]> {
  if (plans.length === 1 && refreshed.length === 0) {
    const plan = plans[0]!;
    const resolved = resolveFor(plan, config, refresh, plan.refreshState.generation);
    return resolved instanceof Promise ? resolved.then((r) => [r]) : [resolved];
  }
  // Several plans on one request (a declared call's, then the instance's): the first to claim
  // a header fills it, so the declaration's credentials win and the other provider is not asked.
  const claimed = new Set<string>();
  return Promise.all(
    plans.map((plan) => {
      const latest = plan.refreshState.latest;
      return latest !== undefined && refreshed.some((r) => r.plan === plan)
        ? reuseFor(config, latest)
        : resolveFor(plan, config, refresh, plan.refreshState.generation, claimed);
    }),
  );
}

/**
 * Sends the request with the credentials on, and takes them off again when it settles. The
 * response or error that comes back is redacted: it holds the caller's config, which no
 * longer has them, and hides the request object that still does.
 */
function sendWith(
  config: InternalAxiosRequestConfig,
  resolved: readonly ResolvedCredentials[],
  adapter: ResolvedAdapter,
): Promise<AxiosResponse> {
  const params: unknown = config.params;
  const userHook = config.beforeRedirect;
  for (const credentials of resolved) applyTo(config, credentials);
  const takeOff = (): void => {
    config.beforeRedirect = userHook;
    for (const credentials of resolved) removeFrom(config, credentials, params);
  };
  let sent: Promise<AxiosResponse>;
  try {
    if (adapter.isFetch) {
      sent = sendFollowingRedirects(adapter.send, config, resolved);
    } else {
      config.beforeRedirect = guardRedirects(resolved, userHook as never) as never;
      sent = adapter.send(config);
    }
  } catch (error) {
    takeOff();
    return Promise.reject(redactError(error, config));
  }
  return sent.then(
    (response) => {
      takeOff();
      return redactResponse(response, config);
    },
    (error: unknown) => {
      takeOff();
      throw redactError(error, config);
    },
  );
}

function rejectedPlans(
  response: unknown,
  resolved: readonly ResolvedCredentials[],
): readonly ResolvedCredentials[] {
  const status = (response as { status?: unknown } | null | undefined)?.status;
  // The common case, a success, allocates nothing.
  if (typeof status !== 'number' || status < 400) return NONE;
  return resolved.filter(
    (r) =>
      r.plan.refreshOn?.has(status) === true &&
      (r.tokenHeader !== undefined || r.key !== undefined),
  );
}

// A stream was consumed by the first attempt; sending it again would send nothing.
function assertReplayable(config: InternalAxiosRequestConfig, cause: unknown): void {
  if (isStream(config.data)) {
    throw new DequestError(
      `The credential was rejected (status ${(cause as { response: { status: number } }).response.status}) and the request ` +
        'cannot be replayed with a refreshed credential because its body was a stream, already consumed. ' +
        'Send a Buffer or string body to let refreshOn replay it.',
      { cause },
    );
  }
}

const isStream = (data: unknown): boolean =>
  typeof data === 'object' &&
  data !== null &&
  (typeof (data as { pipe?: unknown }).pipe === 'function' ||
    typeof (data as { getReader?: unknown }).getReader === 'function');
