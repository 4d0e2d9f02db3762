// The resilience layer's surface for the layers above it (auth, client, declare). Public
// names are re-exported from the package entry; the seam (runResilient, compileResilience)
// and the plan are not.
export { runResilient } from './run-resilient';
export type { ResilientCall } from './run-resilient';
export { compileResilience, RESILIENCE_OPTION_KEYS } from './resilience-options';
export type {
  PlanContext,
  ResilienceOptions,
  ResilienceOverrides,
  ResiliencePlan,
} from './resilience-options';
export { attemptsOf, markAttempts } from './attempts';
export { CircuitBreaker } from './circuit-breaker';
export type { BreakerAdmission, BreakerOutcome, BreakerStateChange } from './breaker-admission';
export type { CircuitBreakerOptions } from './circuit-breaker-options';
export { CircuitBreakerOpenError, isCircuitBreakerOpenError } from './circuit-breaker-open-error';
export type { Awaitable, BreakerSnapshot, BreakerStateStore } from './breaker-state-store';
export { memoryBreakerStore } from './memory-breaker-store';
export type { MemoryBreakerStoreOptions } from './memory-breaker-store';
export type { CacheEntry, CacheStore } from './cache-store';
export type { CacheOptions } from './cache-options';
export { memoryStore } from './memory-store';
export type { MemoryCacheStore, MemoryStoreOptions } from './memory-store';
export { isTransientError } from './failure';
export type { RetryCondition } from './retry-on';
export type { RetryDelay } from './retry-delay';
export type { GiveUpEvent, RetryEvent, RetryOptions } from './retry-options';
