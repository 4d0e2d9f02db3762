import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { pickAdapter, type PickedAdapter } from './adapter';
import { isDetached } from './attachments';
import type { AuthPlan } from './auth-plan';
import { CredentialWait } from './credential-wait';
import { allowsRequest } from './origins';
import { isPendingAuth } from './pending-auth';
import { printsNoSecret } from './redact';
import { sendRefreshing } from './refresh-on';
import { NONE, resolveAndSend } from './send';
import { isResilient, sendResilient, type CallResilience } from './send-resilient';

// A detached plan sends nothing, not even on a re-send of a config marked before the detach.
const applies = (plan: AuthPlan, config: InternalAxiosRequestConfig): boolean =>
  !isDetached(plan) && allowsRequest(plan.origins, config);

/**
 * The adapter every authenticated or resilient request goes through, after every request
 * interceptor has run: the URL and headers it sees are the ones that will really be sent.
 * Credentials first, then (inside refreshOn) the resilience layer, then axios's adapter.
 */
export function dispatchWithAuth(config: InternalAxiosRequestConfig): Promise<AxiosResponse> {
  // Whatever leaves here (a cancel while credentials resolve, a request sent without them)
  // prints its config scrubbed.
  return dispatch(config).catch(printsNoSecret);
}

function dispatch(config: InternalAxiosRequestConfig): Promise<AxiosResponse> {
  const pending = config.__axiosDequestAuth;
  // This adapter copied onto a config that no interceptor marked: send it as axios would.
  if (!isPendingAuth(pending)) return pickAdapter(undefined, config).send(config);
  const adapter = pickAdapter(pending.adapter, config);
  let resilience: CallResilience | undefined = pending.resilience;
  if (resilience?.plan !== undefined && isDetached(resilience.plan)) resilience = undefined;
  if (config.skipAuth === true) return sendBare(config, adapter, resilience);
  const plans =
    pending.plans.length === 1
      ? applies(pending.plans[0]!, config)
        ? pending.plans
        : NONE
      : pending.plans.filter((plan) => applies(plan, config));
  if (plans.length === 0) return sendBare(config, adapter, resilience);
  // From here the request's cancel and timeout cover the wait for credentials too.
  const wait = new CredentialWait(config);
  if (plans.some(refreshes)) return sendRefreshing(config, plans, adapter, wait, resilience);
  return resolveAndSend(config, plans, adapter, wait, resilience);
}

/** Without credentials: as axios would send it, under the resilience plan if it has one. */
const sendBare = (
  config: InternalAxiosRequestConfig,
  adapter: PickedAdapter,
  resilience: CallResilience | undefined,
): Promise<AxiosResponse> =>
  isResilient(config, resilience)
    ? sendResilient(config, resilience, adapter)
    : adapter.send(config);

const refreshes = (plan: AuthPlan): boolean => plan.refreshOn !== undefined;
