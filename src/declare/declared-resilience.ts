// Retries, circuit breaker and cache of declared calls. The plan rides on each request (as the
// credentials do with a `client` of the user's), so a method's options can win over its class's
// without a client per method, and the user's instance is never changed.
import { AxiosHeaders } from 'axios';
import type { AxiosRequestConfig, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { listenerOf, type CallResilience } from '../auth';
import { ConfigurationError, DequestError, isConfigurationError } from '../errors';
import {
  compileResilience,
  RESILIENCE_OPTION_KEYS,
  type ResilienceOptions,
  type ResiliencePlan,
} from '../resilience';
import { describeTarget } from './http-failure';
import type { HttpMethod } from './http-method';

/** The resilience options a declaration or an `@ApiClient` was given, checked, and their plan. */
export interface DeclaredResilience {
  /** The options given (undefined ones left out), to merge a method's over its class's. */
  readonly options: ResilienceOptions;
  readonly plan: ResiliencePlan;
  readonly onEvent: ReturnType<typeof listenerOf>;
}

const compile = (
  owner: string,
  options: ResilienceOptions,
  method: string | undefined,
  onEvent: DeclaredResilience['onEvent'],
): ResiliencePlan => {
  try {
    return compileResilience(options, {
      ...(method === undefined ? {} : { method }),
      ...(onEvent === undefined ? {} : { onEvent }),
    })!;
  } catch (error) {
    if (!isConfigurationError(error)) throw error;
    throw new ConfigurationError(`${owner}: ${error.message}`, { cause: error });
  }
};

/**
 * Checks the resilience options of a declaration (`method` set: `cache` on another method than
 * GET or HEAD is refused) or of an `@ApiClient` where they are written. `undefined` when none
 * is given.
 */
export function compileDeclaredResilience(
  owner: string,
  options: object,
  method?: string,
): DeclaredResilience | undefined {
  const given: Record<string, unknown> = {};
  for (const key of RESILIENCE_OPTION_KEYS) {
    const value = (options as Record<string, unknown>)[key];
    if (value !== undefined) given[key] = value;
  }
  if (Object.keys(given).length === 0) return undefined;
  const onEvent = listenerOf(options);
  return { options: given, plan: compile(owner, given, method, onEvent), onEvent };
}

const merged = new WeakMap<DeclaredResilience, WeakMap<DeclaredResilience, ResiliencePlan>>();

/**
 * The plan of a method in a class: its own options over the class's, one by one, compiled on
 * first use and kept. Without options of its own, the class's plan (its cache shared by every
 * method); with some but no `cache`, the class's cache still, for a GET or HEAD.
 */
export function methodPlan(
  call: string,
  method: string,
  own: DeclaredResilience | undefined,
  classLevel: DeclaredResilience | undefined,
): ResiliencePlan | undefined {
  if (own === undefined || classLevel === undefined) return (own ?? classLevel)?.plan;
  let byClass = merged.get(own);
  if (byClass === undefined) merged.set(own, (byClass = new WeakMap()));
  let plan = byClass.get(classLevel);
  if (plan === undefined) {
    const { cache: classCache, ...inherited } = classLevel.options;
    const options = { ...inherited, ...own.options };
    const onEvent = own.onEvent ?? classLevel.onEvent;
    plan = compile(call, options, method, onEvent);
    // The class's cache serves its GETs, a method with its own retries among them; it never
    // applies to another method (the cache checks each request's method).
    if (own.options.cache === undefined && classCache !== undefined)
      plan = { ...plan, cache: classLevel.plan.cache, idle: false };
    byClass.set(classLevel, plan);
  }
  return plan;
}

/** A call's resilience, and the value of its breaker's fallback if the breaker refused it. */
export interface CallPlan {
  readonly resilience: CallResilience | undefined;
  /** Set when the breaker was open and the fallback answered: the call's result. */
  readonly fellBack: { value: unknown } | undefined;
}

/**
 * What one call is sent under: `plan`, and, when its breaker has a fallback, that fallback
 * called with the call's own arguments (as dequest does); its value is the call's result.
 */
export function callPlan(
  plan: ResiliencePlan | undefined,
  args: readonly unknown[],
  method: HttpMethod,
  config: AxiosRequestConfig,
): CallPlan {
  const fallback = plan?.breaker?.fallback;
  if (plan === undefined || fallback === undefined)
    return { resilience: plan && { plan }, fellBack: undefined };
  const call: { resilience: CallResilience; fellBack: { value: unknown } | undefined } = {
    resilience: {
      plan,
      onBreakerOpen: async (open): Promise<AxiosResponse> => {
        let value: unknown;
        try {
          value = await fallback(...args);
        } catch (error) {
          throw new DequestError(
            `The circuit breaker is ${open.state} and its fallback failed: ${describeTarget(method, config)}. Nothing was sent.`,
            { cause: error },
          );
        }
        call.fellBack = { value };
        return fallbackResponse(value, config);
      },
    },
    fellBack: undefined,
  };
  return call;
}

// What the instance's response interceptors see of a fallback: its value as the data.
const fallbackResponse = (data: unknown, config: AxiosRequestConfig): AxiosResponse => ({
  data,
  status: 200,
  statusText: 'OK',
  headers: new AxiosHeaders(),
  config: config as InternalAxiosRequestConfig,
  request: undefined,
  fallback: true,
});
