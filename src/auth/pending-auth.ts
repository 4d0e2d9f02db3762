import type { AdapterSpec } from './adapter';
import type { AuthPlan } from './auth-plan';

const PLACEHOLDER = '[axios-dequest auth]';

/**
 * What a request carries (as `config.__axiosDequestAuth`) between the interceptor and the
 * adapter: the plans that apply to it and the adapter it would have used. The plans hold
 * static credentials, so they live in a private field, out of reach of anything that prints
 * the config (util.inspect, even without custom inspection, JSON.stringify, a logger).
 */
export class PendingAuth {
  readonly #plans: readonly AuthPlan[];

  constructor(
    readonly adapter: AdapterSpec,
    plans: readonly AuthPlan[],
  ) {
    this.#plans = plans;
  }

  get plans(): readonly AuthPlan[] {
    return this.#plans;
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
