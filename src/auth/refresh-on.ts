import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { DequestError } from '../errors';
import type { PickedAdapter } from './adapter';
import type { AuthPlan } from './auth-plan';
import type { CredentialWait } from './credential-wait';
import type { CallResilience } from './send-resilient';
import { refreshStateOf } from './refresh';
import type { RequestCredentials } from './request-credentials';
import { NONE, resolveAndSend } from './send';

// No redirect left any plan (the request failed before it was sent).
const NOWHERE: ReadonlySet<AuthPlan> = new Set();

/**
 * Sends a request of plans that watch for rejected credentials (`refreshOn`): on such a
 * status, one refresh per plan for all requests rejected with the same credential, then one
 * replay with what the refresh returned. Never a loop. Outside `resilience`: each of the two
 * sends is a whole call of its own (retries, breaker, cache), and the refreshOn statuses come
 * back from it untouched.
 */
export async function sendRefreshing(
  config: InternalAxiosRequestConfig,
  plans: readonly AuthPlan[],
  adapter: PickedAdapter,
  wait: CredentialWait,
  resilience: CallResilience | undefined,
): Promise<AxiosResponse> {
  let sent: readonly RequestCredentials[] = NONE;
  let left: ReadonlySet<AuthPlan> = NOWHERE;
  let response: AxiosResponse;
  try {
    const learn = (resolved: readonly RequestCredentials[], chain: ReadonlySet<AuthPlan>) => {
      sent = resolved;
      left = chain;
    };
    response = await resolveAndSend(config, plans, adapter, wait, resilience, NONE, learn);
  } catch (error) {
    const rejected = rejectedPlans((error as { response?: unknown } | null)?.response, sent, left);
    if (rejected.length === 0) throw error;
    assertReplayable(config, error);
    return replayRefreshed(config, plans, adapter, wait, resilience, rejected);
  }
  // A validateStatus that accepts the status does not make the credential any less rejected.
  const rejected = rejectedPlans(response, sent, left);
  if (rejected.length === 0 || isStream(config.data)) return response;
  return replayRefreshed(config, plans, adapter, wait, resilience, rejected);
}

async function replayRefreshed(
  config: InternalAxiosRequestConfig,
  plans: readonly AuthPlan[],
  adapter: PickedAdapter,
  wait: CredentialWait,
  resilience: CallResilience | undefined,
  rejected: readonly RequestCredentials[],
): Promise<AxiosResponse> {
  const refreshes: Promise<void>[] = [];
  for (const { plan, generation } of rejected) {
    const state = refreshStateOf(plan);
    // Sent with an older credential than the current one: the refresh already happened.
    // The refresh is shared: a request that gives up waiting leaves it running for the others.
    if (generation === state.generation)
      refreshes.push(wait.bound(state.refresh(config), () => state.waitingOn()));
  }
  await Promise.all(refreshes);
  // The rejected plans send what their refresh returned; any other plan is asked as usual.
  return resolveAndSend(config, plans, adapter, wait, resilience, rejected);
}

/**
 * The credentials the response rejected: a status in the plan's `refreshOn`, from an origin
 * the credential reached. A redirect chain that left the plan (to an origin that may not have
 * its credentials) ended at a server that never saw them: its 401 says nothing about them.
 */
function rejectedPlans(
  response: unknown,
  resolved: readonly RequestCredentials[],
  left: ReadonlySet<AuthPlan>,
): readonly RequestCredentials[] {
  const status = (response as { status?: unknown } | null | undefined)?.status;
  // The common case, a success, allocates nothing.
  if (typeof status !== 'number' || status < 400) return NONE;
  return resolved.filter(
    (r) =>
      r.plan.refreshOn?.has(status) === true &&
      (r.tokenHeader !== undefined || r.key !== undefined) &&
      !left.has(r.plan),
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
