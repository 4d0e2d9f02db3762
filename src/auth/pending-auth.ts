import type { AdapterSpec } from './adapter';
import type { AuthPlan } from './auth-plan';
import type { CallResilience } from './send-resilient';

const PLACEHOLDER = '[axios-dequest auth]';

/**
 * What a request carries (as `config.__axiosDequestAuth`) between the interceptors and the
 * adapter: the credential plans that apply to it, the resilience plan it is sent under (the
 * first one marked: a declared call's own, before the instance's), and the adapter it would
 * have used. The plans hold static credentials, so they live in private fields, out of reach
 * of anything that prints the config (util.inspect, even without custom inspection,
 * JSON.stringify, a logger).
 */
export class PendingAuth {
  readonly #plans: readonly AuthPlan[];
  readonly #resilience: CallResilience | undefined;

  constructor(
    readonly adapter: AdapterSpec,
    plans: readonly AuthPlan[],
    resilience?: CallResilience,
  ) {
    this.#plans = plans;
    this.#resilience = resilience;
  }

  get plans(): readonly AuthPlan[] {
    return this.#plans;
  }

  get resilience(): CallResilience | undefined {
    return this.#resilience;
  }

  toJSON(): string {
    return PLACEHOLDER;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return PLACEHOLDER;
  }
}

/** True for a PendingAuth, also one made by another copy of this package (ESM beside CJS). */
export const isPendingAuth = (value: unknown): value is PendingAuth =>
  typeof value === 'object' && value !== null && Array.isArray((value as PendingAuth).plans);
