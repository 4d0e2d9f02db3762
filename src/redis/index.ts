// The public names of axios-dequest/redis, one a line: Redis-backed stores for the interfaces
// of the main entry. Only this subpath knows about Redis clients; it imports none (the client
// is yours, node-redis or ioredis, passed in), so the main entry never loads a Redis library.

// Response cache
export { createRedisCacheStore } from './redis-cache-store';
export type { RedisCacheStore, RedisCacheStoreOptions } from './redis-cache-store';

// Shared credential (for cachedCredential's store option)
export { createRedisCredentialStore } from './redis-credential-store';
export type { RedisCredentialStoreOptions } from './redis-credential-store';

// Shared circuit breakers and Retry-After cool-downs (for CircuitBreaker's store option)
export { createRedisBreakerStore } from './redis-breaker-store';
export type { RedisBreakerStoreOptions } from './breaker-store-options';

// Clients, options and failures
export type { RedisClient, NodeRedisClient, IoRedisClient } from './redis-client';
export type { RedisStoreOptions } from './store-options';
export type { StoreLogger } from './outage-log';
export { RedisUnavailableError, isRedisUnavailableError } from './redis-unavailable-error';
export type { RedisUnavailableReason } from './redis-unavailable-error';
