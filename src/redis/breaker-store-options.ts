import { ConfigurationError } from '../errors';
import type { RedisStoreOptions, StoreSetup } from './store-options';
import { readStoreOptions } from './store-options';

// A call through a closed breaker should cost no round trip; an outage one replica detects
// should reach the others within a fraction of a second (they each send at most this long's
// worth of calls to a server known to be down, and those calls' failures teach them at once).
const DEFAULT_MAX_STALENESS_MS = 100;
/**
 * Options of {@link createRedisBreakerStore}.
 *
 * @example
 * ```ts
 * const options: RedisBreakerStoreOptions = { client, namespace: 'billing', maxStalenessMs: 100 };
 * ```
 */
export interface RedisBreakerStoreOptions extends RedisStoreOptions {
  /**
   * How long this process answers from the state it last read or wrote (a breaker's state, an
   * origin's cool-down) before it asks Redis again. A call through a CLOSED or OPEN breaker
   * then costs no Redis round trip; another replica's change is seen at most this late (its
   * failures, and any failure here, are seen at once). HALF_OPEN and probes always ask Redis.
   * `0`: ask Redis on every call.
   * @default 100
   */
  maxStalenessMs?: number;
  /**
   * Monotonic milliseconds, for this process's view only (Redis counts open times and
   * cool-downs on its own clock). Inject one in tests.
   * @default performance.now
   */
  clock?: () => number;
}

/** The breaker store's checked options. */
export function readBreakerStoreOptions(options: RedisBreakerStoreOptions): {
  setup: StoreSetup;
  clock: () => number;
  maxStalenessMs: number;
} {
  const factory = 'createRedisBreakerStore';
  const setup = readStoreOptions(factory, 'breaker', options);
  const { clock = () => performance.now(), maxStalenessMs = DEFAULT_MAX_STALENESS_MS } = options;
  if (typeof clock !== 'function')
    throw new ConfigurationError(`${factory}'s clock must be a function returning ms.`);
  if (typeof maxStalenessMs !== 'number' || !(maxStalenessMs >= 0) || maxStalenessMs === Infinity)
    throw new ConfigurationError(
      `${factory}'s maxStalenessMs must be a finite number of milliseconds, 0 or more, got ${String(maxStalenessMs)}. ` +
        `Example: { maxStalenessMs: ${DEFAULT_MAX_STALENESS_MS} } (0: ask Redis on every call).`,
    );
  return { setup, clock, maxStalenessMs };
}
