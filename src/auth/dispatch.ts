import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { resolveAdapter, type AdapterSpec } from './adapter';
import type { AuthPlan } from './plan';
import { sendAuthorized } from './replay';
import { NONE, resolveAll, sendWith } from './send';

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

// A detached plan sends nothing, not even on a re-send of a config marked before the detach.
const applies = (plan: AuthPlan, config: InternalAxiosRequestConfig): boolean =>
  plan.active && plan.origins.allowsRequest(config);

// Another copy of this package (ESM beside CJS) makes its own PendingAuth class.
const isPendingAuth = (value: unknown): value is PendingAuth =>
  typeof value === 'object' && value !== null && Array.isArray((value as PendingAuth).plans);

/** The adapter every authenticated request goes through. */
export function dispatchWithAuth(config: InternalAxiosRequestConfig): Promise<AxiosResponse> {
  const pending = (config as unknown as Record<string, unknown>)[PENDING_AUTH];
  // This adapter copied onto a config that no interceptor marked: send it as axios would.
  if (!isPendingAuth(pending)) return resolveAdapter(undefined, config).send(config);
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
