// Type-checked by `npm run test:package` in a fresh project, once as CommonJS and once as ESM
// (module: nodenext), against the installed tarball's .d.cts and .d.mts.
import axios from 'axios';
import type { AxiosInstance, AxiosRequestConfig } from 'axios';
import {
  createClient,
  attachAuth,
  attachResilience,
  ApiClient,
  cachedCredential,
  declared,
  Get,
  HttpMethod,
  Path,
  syncClient,
  DequestError,
  CredentialError,
  ConfigurationError,
  InvalidParameterValueError,
  isCredentialError,
  isDequestError,
  CircuitBreaker,
  isOAuthError,
  oauthClientCredentials,
  oauthRefreshToken,
} from 'axios-dequest';
import type {
  AttachResilienceOptions,
  AuthOptions,
  BreakerStateStore,
  ClientOptions,
  CredentialSource,
  CredentialStore,
  OAuthClientCredentialsOptions,
  OAuthRefreshTokenOptions,
  OAuthTokens,
} from 'axios-dequest';
import {
  createRedisBreakerStore,
  createRedisCacheStore,
  createRedisCredentialStore,
  isRedisUnavailableError,
} from 'axios-dequest/redis';
import type { RedisBreakerStoreOptions, RedisCacheStore, RedisClient } from 'axios-dequest/redis';
import { createClient as createRedisClient } from 'redis';
import { Redis } from 'ioredis';

const token: CredentialSource = async ({ refresh }) => (refresh ? 'new' : 'cached');
const options: ClientOptions = {
  baseURL: 'http://127.0.0.1:8080',
  authToken: token,
  timeout: 5_000,
};
export const client: AxiosInstance = createClient(options);

const auth: AuthOptions = { apiKey: () => 'k', allowedOrigins: ['http://127.0.0.1:8080'] };
export const detach: () => void = attachAuth(axios.create(), auth);

// The `skipAuth` augmentation of axios's config needs no cast, on any instance.
export const skipped: AxiosRequestConfig = { skipAuth: true };
export const request = client.get('/public', { skipAuth: true });
// @ts-expect-error skipAuth is a boolean
export const wrong: AxiosRequestConfig = { skipAuth: 'yes' };

// Resilience on createClient and on an existing instance; a request's own settings need no cast.
export const resilient: AxiosInstance = createClient({
  baseURL: 'http://127.0.0.1:8080',
  retries: 3,
  retryDelay: [100, 500],
  circuitBreaker: new CircuitBreaker({ failureThreshold: 5 }),
  cache: { ttl: 60_000 },
});
const resilience: AttachResilienceOptions = { retries: 2, onGiveUp: ({ reason }) => void reason };
export const detachResilience: () => void = attachResilience(axios.create(), resilience);
export const once = resilient.get('/x', { resilience: false });
export const noCache = resilient.get('/x', { resilience: { cache: false, retries: 0 } });
// @ts-expect-error retries is a number
export const wrongRetries: AxiosRequestConfig = { resilience: { retries: '3' } };
// @ts-expect-error a request can only turn the cache off
export const wrongCache: AxiosRequestConfig = { resilience: { cache: true } };

export function describe(error: unknown): string {
  if (isCredentialError(error)) return `credential ${error.credential} failed`;
  if (error instanceof ConfigurationError) return error.message;
  if (error instanceof InvalidParameterValueError) return error.message;
  if (isDequestError(error)) return error.name;
  return String(error);
}

export const errors: DequestError[] = [
  new CredentialError('authToken', 'provider threw'),
  new ConfigurationError('no baseURL'),
];

// Declared calls: a typed function, and a class with standard decorators.
interface User {
  id: number;
  name: string;
}
export const getUser = syncClient<User>({
  url: 'http://127.0.0.1:8080/users/{id}',
  method: HttpMethod.GET,
  params: { id: Path({ type: Number }) },
  authToken: cachedCredential(async () => 'tok', { ttl: 60_000 }),
})(function getUser(_: { id: number }) {});
export const user: Promise<User> = getUser({ id: 1 });

@ApiClient({ baseURL: 'http://127.0.0.1:8080', apiKey: 'k' })
export class UsersApi {
  @Get('/users/{id}')
  getUser(_: { id: number }): Promise<User> {
    return declared();
  }
}
export const viaClass: Promise<User> = new UsersApi().getUser({ id: 2 });

// Declared calls take the resilience options, a method's over its class's; the breaker's
// fallback gets the call's arguments; a failure after retries carries `attempts`.
const itemsBreaker = new CircuitBreaker({
  failureThreshold: 5,
  fallback: ({ id }: { id: number }): User => ({ id, name: 'offline' }),
});
export const getItem = syncClient<User, { id: number }>({
  url: 'http://127.0.0.1:8080/items/{id}',
  retries: 3,
  retryDelay: [100, 500],
  circuitBreaker: itemsBreaker,
})(function getItem(_: { id: number }) {});
@ApiClient({ baseURL: 'http://127.0.0.1:8080', retries: 2, cache: { ttl: 60_000 } })
export class ItemsApi {
  @Get('/items/{id}', { retries: 0, circuitBreaker: itemsBreaker })
  getItem(_: { id: number }): Promise<User> {
    return declared();
  }
}
export const attemptsMade = (error: DequestError): number | undefined => error.attempts;
// @ts-expect-error retries is a number
export const wrongDeclaredRetries = syncClient({ url: 'http://127.0.0.1:8080/x', retries: '3' });

// axios-dequest/redis: a node-redis and an ioredis client both fit, the stores fit the main
// entry's interfaces, and the encryption key is required.
const nodeRedis = createRedisClient({ url: 'redis://127.0.0.1:6379' });
export const ioRedis: RedisClient = new Redis({ lazyConnect: true });
export const cacheStore: RedisCacheStore = createRedisCacheStore({ client: nodeRedis });
export const ioCacheStore: RedisCacheStore = createRedisCacheStore({
  client: ioRedis,
  timeoutMs: 50,
});
export const credentialStore: CredentialStore = createRedisCredentialStore({
  client: nodeRedis,
  encryptionKey: 'base64-of-32-bytes',
});
export const sharedToken = cachedCredential(async () => 't', {
  ttl: 60_000,
  store: credentialStore,
  key: 'api',
});
// @ts-expect-error encryptionKey is required
export const noKey = createRedisCredentialStore({ client: nodeRedis });
export const isRedisDown = (error: unknown): boolean =>
  isRedisUnavailableError(error) && error.reason === 'timeout' && error instanceof DequestError;

// A shared breaker: the store is the main entry's BreakerStateStore, named on the breaker.
const breakerOptions: RedisBreakerStoreOptions = { client: ioRedis, maxStalenessMs: 0 };
export const breakerStore: BreakerStateStore = createRedisBreakerStore(breakerOptions);
export const sharedBreaker = new CircuitBreaker({
  name: 'payments-api',
  store: createRedisBreakerStore({ client: nodeRedis, namespace: 'billing', timeoutMs: 50 }),
  failureThreshold: 5,
});
// @ts-expect-error client is required
export const noClient = createRedisBreakerStore({ namespace: 'billing' });
// Both through createClient: the Redis cache store is a CacheStore, the breaker's store fits.
export const replica: AxiosInstance = createClient({
  baseURL: 'https://api.example.com',
  authToken: sharedToken,
  cache: { store: cacheStore, keySecret: 'the-same-secret-on-every-replica', ttl: 60_000 },
  circuitBreaker: sharedBreaker,
  retries: 2,
});

// OAuth: the option types (with the shared store), what onTokens gets, and the error's code.
const ccOptions: OAuthClientCredentialsOptions = {
  tokenUrl: 'https://auth.example.com/oauth/token',
  clientId: 'app',
  clientSecret: 's:cret',
  scope: ['orders:read'],
  store: credentialStore,
};
export const service = createClient({
  baseURL: 'https://api.example.com',
  authToken: oauthClientCredentials(ccOptions),
  refreshOn: [401],
});
export const persist = ({ accessToken, refreshToken, expiresAt }: OAuthTokens): void => {
  const kept: [string, string, number | undefined] = [accessToken, refreshToken, expiresAt];
  void kept;
};
const rtOptions: OAuthRefreshTokenOptions = {
  tokenUrl: 'https://auth.example.com/oauth/token',
  clientId: 'web-app',
  refreshToken: 'rt',
  onTokens: persist,
  store: credentialStore,
  key: 'session:1',
};
export const userToken = oauthRefreshToken(rtOptions);
export const oauthCode = (error: unknown): string | undefined =>
  isOAuthError(error) ? error.oauthError : undefined;
// @ts-expect-error onTokens is required: a rotated refresh token must be persisted
export const noOnTokens: OAuthRefreshTokenOptions = {
  tokenUrl: 'https://a/t',
  clientId: 'c',
  refreshToken: 'r',
};
// @ts-expect-error store takes a CredentialStore
export const badStore: OAuthClientCredentialsOptions = { ...ccOptions, store: 'redis://127.0.0.1' };
