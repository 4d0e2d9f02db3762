import { ConfigurationError } from '../errors';
import { RETRY_OPTION_KEYS } from './retry-options';
import {
  compileResilience,
  type ResilienceOverrides,
  type ResiliencePlan,
} from './resilience-options';

const KNOWN = new Set<string>([...RETRY_OPTION_KEYS, 'cache', 'circuitBreaker']);
// A declaration passes the same override object on every call: check and compile it once.
const compiled = new WeakMap<object, { base: ResiliencePlan | undefined; plan: ResiliencePlan }>();

/**
 * The plan for one request that carries `config.resilience`: its retry options over the
 * plan's, without the cache or the breaker when it says `false`. Wrong overrides are a
 * ConfigurationError for that request, before anything is sent.
 */
export function withOverrides(
  base: ResiliencePlan | undefined,
  overrides: ResilienceOverrides,
): ResiliencePlan {
  if (typeof overrides !== 'object' || overrides === null) {
    throw new ConfigurationError(
      'config.resilience takes false (send once, no retries, breaker or cache) or an object such as { retries: 2 }.',
    );
  }
  const known = compiled.get(overrides);
  if (known !== undefined && known.base === base) return known.plan;
  for (const name of Object.keys(overrides)) {
    if (!KNOWN.has(name))
      throw new ConfigurationError(
        `config.resilience has no option ${JSON.stringify(name)}; it takes ${[...KNOWN].join(', ')}.`,
      );
  }
  if (overrides.cache !== undefined && overrides.cache !== false)
    throw new ConfigurationError(
      'config.resilience.cache can only be false (skip the cache for this request); set cache options on the client.',
    );
  if (overrides.circuitBreaker !== undefined && overrides.circuitBreaker !== false)
    throw new ConfigurationError(
      'config.resilience.circuitBreaker can only be false (bypass the breaker for this request); set the breaker on the client.',
    );
  const retryOptions = { ...base?.retryOptions };
  for (const key of RETRY_OPTION_KEYS) {
    if (overrides[key] !== undefined)
      (retryOptions as Record<string, unknown>)[key] = overrides[key];
  }
  const fresh = compileResilience(
    { ...retryOptions, retries: retryOptions.retries ?? 0 },
    {
      ...(base?.listener === undefined ? {} : { onEvent: base.listener }),
      ...(base === undefined ? {} : { timers: base.timers }),
    },
  )!;
  const breaker = overrides.circuitBreaker === false ? undefined : base?.breaker;
  const cache = overrides.cache === false ? undefined : base?.cache;
  const plan: ResiliencePlan = {
    ...fresh,
    breaker,
    cache,
    coolDowns: breaker?.store ?? base?.coolDowns ?? fresh.coolDowns,
    idle: fresh.idle && breaker === undefined && cache === undefined,
  };
  compiled.set(overrides, { base, plan });
  return plan;
}
