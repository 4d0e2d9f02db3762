// Per-request options and response marks of the resilience layer, declared on axios's own
// types so users need no casts.
import type { ResilienceOverrides } from './resilience-options';

declare module 'axios' {
  interface AxiosRequestConfig {
    /**
     * This request's own resilience settings, over the client's: `false` sends it once,
     * without retries, breaker or cache; an object overrides retry options and can turn the
     * cache or the breaker off for this request (`{ cache: false }`, `{ circuitBreaker: false }`).
     * @default undefined (the client's settings)
     */
    resilience?: false | ResilienceOverrides;
  }
  // The type parameters must match axios's own declaration to merge.
  interface AxiosResponse<T = any, D = any> {
    /** True when the response came from the response cache, not the network. */
    cached?: boolean;
    /** True when the cached response is past its ttl (staleWhileRevalidate or staleIfError). */
    stale?: boolean;
    /** True when the circuit breaker was open and this is its fallback's value. */
    fallback?: boolean;
  }
}

export {};
