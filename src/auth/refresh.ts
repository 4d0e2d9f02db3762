import type { InternalAxiosRequestConfig } from 'axios';
import type { ResolvedCredentials } from './apply';
import { resolveFor } from './apply';
import type { AuthPlan } from './plan';

/**
 * One plan's refresh state. `generation` counts completed refreshes: a request remembers the
 * generation its credentials came from, so a request rejected with an older credential is
 * replayed without asking for yet another refresh, and concurrent rejections share one.
 */
export class RefreshState {
  generation = 0;
  #latest: ResolvedCredentials | undefined;
  #inflight: Promise<void> | undefined;

  /** What the last refresh returned: every replay sends it. One value per plan, however many requests. */
  get latest(): ResolvedCredentials | undefined {
    return this.#latest;
  }

  /** Asks the plan's providers again with `refresh: true`; concurrent callers share one call. */
  refresh(plan: AuthPlan, config: InternalAxiosRequestConfig): Promise<void> {
    this.#inflight ??= this.#run(plan, config).finally(() => {
      this.#inflight = undefined;
    });
    return this.#inflight;
  }

  async #run(plan: AuthPlan, config: InternalAxiosRequestConfig): Promise<void> {
    // Static credentials come back as they are; providers are asked with refresh: true.
    // The headers are looked at without the caller's: what the caller set is decided per replay.
    const headers = config.headers.concat();
    headers.clear();
    const blank = { ...config, headers, params: undefined };
    const latest = await resolveFor(plan, blank, true, this.generation + 1);
    this.#latest = latest;
    this.generation = latest.generation;
  }
}
