import type { InternalAxiosRequestConfig } from 'axios';
import { resolveCredential } from '../credentials/resolve';
import type { AuthPlan } from './plan';

/**
 * One plan's refresh state. `generation` counts completed refreshes: a request remembers the
 * generation its credentials came from, so a request rejected with an older credential is
 * replayed without asking for yet another refresh, and concurrent rejections share one.
 */
export class RefreshState {
  generation = 0;
  #inflight: Promise<void> | undefined;

  /** Asks the plan's providers again with `refresh: true`; concurrent callers share one call. */
  refresh(plan: AuthPlan, config: InternalAxiosRequestConfig): Promise<void> {
    this.#inflight ??= this.#run(plan, config).finally(() => {
      this.#inflight = undefined;
    });
    return this.#inflight;
  }

  async #run(plan: AuthPlan, config: InternalAxiosRequestConfig): Promise<void> {
    const ctx = { config, refresh: true };
    // Static credentials cannot change; only providers are asked.
    await Promise.all([
      plan.token?.provider ? resolveCredential(plan.token, ctx) : undefined,
      plan.key?.provider ? resolveCredential(plan.key, ctx) : undefined,
    ]);
    this.generation++;
  }
}
