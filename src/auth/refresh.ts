import type { InternalAxiosRequestConfig } from 'axios';
import type { CredentialName } from '../errors';
import type { AuthPlan } from './auth-plan';
import type { CredentialBound } from './credential-wait';
import { resolvePlanCredentials, type RequestCredentials } from './request-credentials';

/**
 * One plan's refresh state, shared by every request of the plan. `generation` counts completed
 * refreshes: a request remembers the generation its credentials came from, so a request
 * rejected with an older credential is replayed without asking for yet another refresh, and
 * concurrent rejections share one.
 */
class RefreshState {
  generation = 0;
  #latest: RequestCredentials | undefined;
  #inflight: Promise<void> | undefined;
  /** The credentials the refresh in flight still waits for, the token first. */
  #unanswered: CredentialName[] = [];

  constructor(readonly plan: AuthPlan) {}

  /** What the last refresh returned: every replay sends it. One value per plan, however many requests. */
  get latest(): RequestCredentials | undefined {
    return this.#latest;
  }

  /** Asks the plan's providers again with `refresh: true`; concurrent callers share one call. */
  refresh(config: InternalAxiosRequestConfig): Promise<void> {
    this.#inflight ??= this.#run(config).finally(() => {
      this.#inflight = undefined;
    });
    return this.#inflight;
  }

  /** The credential a request waiting for this refresh waits for, to name it at a timeout. */
  waitingOn(): CredentialName {
    return this.#unanswered[0] ?? (this.plan.token !== undefined ? 'authToken' : 'apiKey');
  }

  async #run(config: InternalAxiosRequestConfig): Promise<void> {
    // Static credentials come back as they are; providers are asked with refresh: true.
    // The headers are looked at without the caller's: what the caller set is decided per replay.
    const headers = config.headers.concat();
    headers.clear();
    const blank = { ...config, headers, params: undefined };
    const unanswered: CredentialName[] = (this.#unanswered = []);
    const track: CredentialBound = {
      bound(answer, name) {
        unanswered.push(name);
        const answered = (): void => void unanswered.splice(unanswered.indexOf(name), 1);
        answer.then(answered, answered);
        return answer;
      },
    };
    const latest = await resolvePlanCredentials(
      this.plan,
      blank,
      true,
      this.generation + 1,
      undefined,
      track,
    );
    this.#latest = latest;
    this.generation = latest.generation;
  }
}

const states = new WeakMap<AuthPlan, RefreshState>();

/** The refresh state of a plan with `refreshOn`, made on first use. */
export function refreshStateOf(plan: AuthPlan): RefreshState {
  let state = states.get(plan);
  if (state === undefined) states.set(plan, (state = new RefreshState(plan)));
  return state;
}

/** The generation of the plan's current credentials: 0 until its first refresh. */
export const generationOf = (plan: AuthPlan): number =>
  plan.refreshOn === undefined ? 0 : (states.get(plan)?.generation ?? 0);
