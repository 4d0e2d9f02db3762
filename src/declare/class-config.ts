import { ConfigurationError } from '../errors';
import type { DeclaredResilience } from './declared-resilience';
import type { ApiClientOptions } from './options';
import { TransportCache } from './transport';

// On the class itself. A Symbol.for key, so that an ESM and a CJS copy of this package in one
// process (one decorating the class, the other its methods) find the same configuration.
const API_CLIENT = Symbol.for('axios-dequest.api-client');

/** What {@link ApiClient} keeps on a class: its options and its one shared client. */
export interface ClassConfig {
  readonly options: ApiClientOptions;
  /** Made on first use: one client for every declared method that adds no transport option. */
  readonly transports: TransportCache;
  /** Its retries, breaker and cache, for every declared method (a method's own win). */
  readonly resilience: DeclaredResilience | undefined;
}

/** Stores `options` on `target`; a class takes one @ApiClient. */
export function defineClassConfig(
  target: object,
  options: ApiClientOptions,
  resilience: DeclaredResilience | undefined,
): void {
  if (Object.prototype.hasOwnProperty.call(target, API_CLIENT)) {
    throw new ConfigurationError(
      `@ApiClient is applied twice to ${(target as { name?: string }).name || 'a class'}; give it one set of options.`,
    );
  }
  const config: ClassConfig = { options, transports: new TransportCache(options), resilience };
  Object.defineProperty(target, API_CLIENT, { value: config, configurable: true });
}

const configOf = (owner: unknown): ClassConfig | undefined => {
  if ((typeof owner !== 'function' && typeof owner !== 'object') || owner === null)
    return undefined;
  const config = (owner as Record<symbol, unknown>)[API_CLIENT] as ClassConfig | undefined;
  return typeof config === 'object' &&
    config !== null &&
    typeof config.transports?.get === 'function'
    ? config
    : undefined;
};

/**
 * The configuration of the class a declared method was called on: `self`'s class (or `self`
 * for a static method; a subclass inherits its parent's), else the class it was declared in.
 */
export function findClassConfig(self: unknown, declaredIn: unknown): ClassConfig | undefined {
  const owner =
    typeof self === 'function'
      ? self
      : typeof self === 'object' && self !== null
        ? (self as { constructor?: unknown }).constructor
        : undefined;
  return configOf(owner) ?? configOf(declaredIn);
}
