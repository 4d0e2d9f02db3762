// The public names of axios-dequest, one a line. Anything not listed here is internal and may
// change in any release: the interceptor itself, origin matching, the adapter wrapper.
import './auth/augment';

// Factory and plugin
export { createClient } from './client';
export type { ClientOptions, HeadersSource } from './client';
export { attachAuth, attachResilience } from './auth';
export type { AttachResilienceOptions, AuthOptions, OriginPattern } from './auth';

// Credentials
export type {
  CredentialContext,
  CredentialProvider,
  RequestContext,
  CredentialSource,
  CredentialValue,
} from './credentials/source';
export { cachedCredential } from './credentials/cached-credential';
export type {
  CachedCredential,
  CachedCredentialContext,
  CachedCredentialOptions,
  CachedCredentialProvider,
  TimedCredential,
  JwtExpiryOptions,
} from './credentials/cached-credential';
// Shared across processes: the interface only; axios-dequest/redis implements it.
export type {
  CredentialStore,
  CredentialStoreRequest,
  SaveState,
  SharedCredential,
} from './credentials/credential-store';

// Declared calls
export {
  syncClient,
  asyncClient,
  HttpMethod,
  ApiClient,
  Get,
  Post,
  Put,
  Patch,
  Delete,
  Path,
  Query,
  Body,
  Form,
  Header,
  declared,
} from './declare';
export type {
  ApiClientDecorator,
  ApiClientOptions,
  ArgumentName,
  AsyncClientOptions,
  AsyncDecorator,
  BodyParamOptions,
  ClientSource,
  DeclarationLogger,
  DeclarationOptions,
  DeclaredFunction,
  DtoClass,
  HttpMethodName,
  MethodOptions,
  ParamConverter,
  ParamDeclaration,
  ParamLocation,
  ParamOptions,
  ResponseConsumer,
  SyncClientOptions,
  SyncDecorator,
  TransportOptions,
} from './declare';

// Events (what a store or a credential decided; onEvent options take an EventListener)
export type { DequestEvent, EventListener } from './events/dequest-event';

// Errors
export {
  DequestError,
  CredentialError,
  ConfigurationError,
  InvalidParameterValueError,
  HttpStatusError,
  TimeoutError,
  isDequestError,
  isCredentialError,
  isConfigurationError,
  isInvalidParameterValueError,
  isHttpStatusError,
  isTimeoutError,
} from './errors';
export type { CredentialName, HttpStatusResponse } from './errors';

// OAuth
export { oauthClientCredentials, oauthRefreshToken, OAuthError, isOAuthError } from './oauth';
export type {
  ClientAuthMethod,
  OAuthClientCredentialsOptions,
  OAuthEndpointOptions,
  OAuthRefreshTokenOptions,
  OAuthTokens,
} from './oauth';

// Resilience: retries, circuit breaker, response cache (the seam itself is internal)
import './resilience/augment';
export {
  CircuitBreaker,
  CircuitBreakerOpenError,
  isCircuitBreakerOpenError,
  memoryStore,
  memoryBreakerStore,
  isTransientError,
  attemptsOf,
} from './resilience';
export type {
  Awaitable,
  BreakerSnapshot,
  BreakerStateChange,
  BreakerStateStore,
  CacheEntry,
  CacheOptions,
  CacheStore,
  CircuitBreakerOptions,
  GiveUpEvent,
  MemoryBreakerStoreOptions,
  MemoryCacheStore,
  MemoryStoreOptions,
  ResilienceOptions,
  ResilienceOverrides,
  RetryCondition,
  RetryDelay,
  RetryEvent,
  RetryOptions,
} from './resilience';
export type { BreakerStateName, GiveUpReason } from './events/dequest-event';
