// The public names of axios-dequest, one a line. Anything not listed here is internal and may
// change in any release: the interceptor itself, origin matching, the adapter wrapper.
import './auth/augment';

// Factory and plugin
export { createClient } from './client';
export type { ClientOptions, HeadersSource } from './client';
export { attachAuth } from './auth/attach-auth';
export type { AuthOptions, OriginPattern } from './auth/options';

// Credentials
export type {
  CredentialContext,
  CredentialProvider,
  CredentialSource,
  CredentialValue,
} from './credentials/source';
export { cachedCredential } from './credentials/cached-credential';
export type {
  CachedCredential,
  CachedCredentialOptions,
  JwtExpiryOptions,
} from './credentials/cached-credential';

// Errors
export {
  DequestError,
  CredentialError,
  ConfigurationError,
  InvalidParameterValueError,
  isDequestError,
  isCredentialError,
  isConfigurationError,
  isInvalidParameterValueError,
} from './errors';
export type { CredentialName } from './errors';
