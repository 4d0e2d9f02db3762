import { AxiosHeaders } from 'axios';
import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import type { BreakerOutcome } from './breaker-admission';
import type { CircuitBreaker } from './circuit-breaker';
import { CircuitBreakerOpenError, isCircuitBreakerOpenError } from './circuit-breaker-open-error';
import { isCanceled, statusOf } from './failure';
import { isThenable } from '../http/syntax';
import { withOverrides } from './overrides';
import type { ResiliencePlan } from './resilience-options';
import { giveUp } from './retry-hooks';
import { sendWithRetries } from './retry-loop';
import { describeTarget } from './target';

/**
 * One call, as the layer that sends it hands it to {@link runResilient}.
 *
 * @example
 * ```ts
 * const call: ResilientCall = { config, attempt: (c) => adapter(c), outerStatuses: new Set([401]) };
 * ```
 */
export interface ResilientCall {
  /** The request as really sent: after every request interceptor. Never mutated here. */
  readonly config: InternalAxiosRequestConfig;
  /**
   * Sends one attempt of `config` (which may be a copy of the call's config: a shorter
   * `timeout` and another `signal` under totalTimeout, its own headers and signal for a shared
   * or background request) and settles as an adapter does. Attempt 1 should send the
   * credentials given in `credentials`; later attempts may resolve fresh ones. It must put
   * credentials on the config it is given and take them off again before it settles.
   */
  readonly attempt: (config: InternalAxiosRequestConfig, attempt: number) => Promise<AxiosResponse>;
  /**
   * Every credential value attempt 1 will send (the auth header's value, the api key, in a
   * header or the query): only for the cache key, as an HMAC. Called once per call, and only
   * when the cache applies. Headers already on `config` (Authorization, Cookie, any header
   * named like a credential), axios's `auth` and `proxy.auth` are taken into the key anyway.
   * @default no credential beyond those on the config
   */
  readonly credentials?: readonly string[] | (() => readonly string[] | Promise<readonly string[]>);
  /**
   * Statuses an outer layer handles (`refreshOn`): a response or error with one of them comes
   * back at once, not retried, not cached, and neither a success nor a failure for the breaker.
   * @default none
   */
  readonly outerStatuses?: ReadonlySet<number>;
  /**
   * What a call the breaker refuses ends with (after a staleIfError entry, if any). Declared
   * calls pass their fallback here with the call's arguments.
   * @default the breaker's `fallback(config, error)` as the response's data, else reject with the error
   */
  readonly onBreakerOpen?: (
    error: CircuitBreakerOpenError,
  ) => AxiosResponse | Promise<AxiosResponse>;
}

const NEVER = (): boolean => false;

/**
 * The resilience layer's seam: runs one call through cache lookup → one request in flight per
 * cache key → circuit-breaker gate → retry loop → `call.attempt`, and back: cache write, one
 * breaker record per call. Resolves or rejects as an adapter does: with the response, or with
 * the last attempt's error (its `attempts` set), a {@link CircuitBreakerOpenError}, or a
 * CanceledError when the caller aborted. `plan` comes from `compileResilience`; a request's
 * `config.resilience` overrides it (and `false` sends one attempt, nothing else).
 *
 * It sits in the adapter wrapper, after every interceptor, below credentials (a CredentialError
 * touches no cache or breaker) and inside `refreshOn`, whose statuses are `outerStatuses`.
 *
 * @example
 * ```ts
 * const plan = compileResilience({ retries: 2, cache: true });
 * const adapter: AxiosAdapter = (config) =>
 *   runResilient(plan, { config, attempt: (c) => httpAdapter(c), credentials: [token] });
 * ```
 */
export function runResilient(
  plan: ResiliencePlan | undefined,
  call: ResilientCall,
): Promise<AxiosResponse> {
  const overrides = call.config.resilience;
  if (overrides === false || (overrides === undefined && (plan === undefined || plan.idle)))
    return call.attempt(call.config, 1);
  let effective: ResiliencePlan;
  try {
    effective = overrides === undefined ? plan! : withOverrides(plan, overrides);
  } catch (error) {
    return Promise.reject(error);
  }
  if (effective.idle) return call.attempt(call.config, 1);
  return run(effective, call);
}

async function run(plan: ResiliencePlan, call: ResilientCall): Promise<AxiosResponse> {
  const outer = call.outerStatuses;
  const isOuter =
    outer === undefined || outer.size === 0
      ? NEVER
      : (status: number | undefined) => status !== undefined && outer.has(status);
  const load = (config: InternalAxiosRequestConfig) => guarded(plan, call, config, isOuter);
  try {
    const cache = plan.cache;
    if (cache === undefined || !cache.applies(call.config)) return await load(call.config);
    const given = call.credentials;
    const listed = typeof given === 'function' ? given() : (given ?? []);
    const credentials = isThenable(listed) ? await listed : listed; // most answer at once
    return await cache.run(call.config, credentials, load, isOuter);
  } catch (error) {
    if (!isCircuitBreakerOpenError(error)) throw error;
    if (call.onBreakerOpen) return call.onBreakerOpen(error);
    return fallbackResponse(plan.breaker, call.config, error);
  }
}

/** The breaker's gate, the retry loop, and the breaker's one record for the call. */
async function guarded(
  plan: ResiliencePlan,
  call: ResilientCall,
  config: InternalAxiosRequestConfig,
  isOuter: (status: number | undefined) => boolean,
): Promise<AxiosResponse> {
  const { breaker, listener } = plan;
  let admission = breaker?.admitNow(listener);
  if (isThenable(admission)) admission = await admission;
  if (admission && !admission.allowed) {
    const error = new CircuitBreakerOpenError(
      describeTarget(config),
      admission.state,
      admission.retryAfterMs,
    );
    throw giveUp({ retry: plan.retry, listener, config }, 'breaker-open', error, 0);
  }
  const retryCall = {
    config,
    attempt: call.attempt,
    isOuter,
    retry: plan.retry,
    breaker,
    admission,
    coolDowns: plan.coolDowns,
    timers: plan.timers,
    listener,
  };
  let response: AxiosResponse;
  try {
    response = await sendWithRetries(retryCall);
  } catch (error) {
    if (breaker && admission)
      await breaker.record(admission, outcomeOf(breaker, error, isOuter), listener);
    throw error;
  }
  if (breaker && admission) {
    const recorded = breaker.recordNow(
      admission,
      isOuter(response.status) ? 'neutral' : 'success',
      listener,
    );
    if (recorded) await recorded;
  }
  return response;
}

/** How a failed call counts for the breaker: only the server's failures are failures. */
function outcomeOf(
  breaker: CircuitBreaker,
  error: unknown,
  isOuter: (status: number | undefined) => boolean,
): BreakerOutcome {
  const status = statusOf(error);
  if (isCircuitBreakerOpenError(error) || isCanceled(error) || isOuter(status)) return 'neutral';
  let failed: boolean;
  try {
    failed = breaker.isFailure(error) === true;
  } catch {
    return 'neutral';
  }
  if (failed) return 'failure';
  // The server answered (a 404, a 401): it is up. Anything else (a credential error) says nothing.
  return status === undefined ? 'neutral' : 'success';
}

/** On an instance, the breaker's `fallback(config, error)` becomes the response's data. */
async function fallbackResponse(
  breaker: CircuitBreaker | undefined,
  config: InternalAxiosRequestConfig,
  error: CircuitBreakerOpenError,
): Promise<AxiosResponse> {
  if (breaker?.fallback === undefined) throw error;
  const data: unknown = await breaker.fallback(config, error);
  return {
    data,
    status: 200,
    statusText: 'OK',
    headers: new AxiosHeaders(),
    config,
    request: undefined,
    fallback: true,
  };
}
