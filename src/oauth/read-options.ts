import type { AxiosInstance } from 'axios';
import { ConfigurationError } from '../errors';
import type { CredentialStore } from '../credentials/credential-store';
import type { EventListener } from '../events/dequest-event';
import type { ClientAuthMethod, OAuthEndpointOptions } from './options';
import { unknownOptionsProblem } from '../http/option-names';
import { describe } from './describe-value';
import { readParams } from './read-params';

// dequest waits 30 s for a request; a token request is a request.
const DEFAULT_TIMEOUT_MS = 30_000;
// The resource server's clock may run ahead of ours and a request takes time to arrive; 30 s
// covers both and is short beside the usual 5-60 minute access token (as cachedCredential's jwt).
const DEFAULT_SKEW_MS = 30_000;
// RFC 6749 §5.1 lets a server leave out expires_in. Five minutes bounds how long a token that
// died early is reused, without a token request per API call.
const DEFAULT_TTL_WITHOUT_EXPIRY_MS = 300_000;

/** Every option both providers take, to tell a misspelt one. */
export const ENDPOINT_OPTIONS = [
  'tokenUrl',
  'clientId',
  'clientSecret',
  'authMethod',
  'scope',
  'audience',
  'resource',
  'extraParams',
  'client',
  'timeout',
  'skew',
  'ttlWithoutExpiry',
  'allowHttp',
  'store',
  'key',
  'onEvent',
  'now',
] as const;

/** The name of the public function whose options are read, for messages. */
export type ProviderName = 'oauthClientCredentials' | 'oauthRefreshToken';

/** The checked options of one token endpoint. */
export interface TokenEndpoint {
  readonly provider: ProviderName;
  readonly url: string;
  /** `POST https://auth.example.com/oauth/token`, without query string: for messages and events. */
  readonly target: string;
  readonly clientId: string;
  readonly clientSecret: string | undefined;
  /** `none`: a public client, identified by `client_id` in the body. */
  readonly authMethod: ClientAuthMethod | 'none';
  /** scope, audience, resource and extraParams, in that order. */
  readonly params: readonly (readonly [string, string])[];
  readonly client: AxiosInstance | undefined;
  readonly timeout: number;
  readonly skew: number;
  readonly ttlWithoutExpiry: number;
  readonly now: () => number;
  readonly onEvent: EventListener | undefined;
  /** As given: cachedCredential checks them (see shared-tokens.ts). */
  readonly store: CredentialStore | undefined;
  readonly key: string | undefined;
}

/**
 * Checks the options both providers share, once, at setup. Throws a {@link ConfigurationError}
 * that says how to fix them and never shows a secret. `known` lists every option the provider
 * takes, so a misspelt one (`client_secret`) is an error, not a silently missing secret.
 */
export function readEndpoint(
  provider: ProviderName,
  options: unknown,
  known: readonly string[],
): TokenEndpoint {
  const fail = (message: string): never => {
    throw new ConfigurationError(`${provider}: ${message}`);
  };
  if (typeof options !== 'object' || options === null) {
    return fail(`pass an options object, e.g. ${provider}({ tokenUrl, clientId, … }).`);
  }
  const misspelt = unknownOptionsProblem(options, { known, closed: true });
  if (misspelt !== undefined) fail(misspelt);
  const o = options as OAuthEndpointOptions & { clientSecret?: unknown };
  const url = readTokenUrl(o.tokenUrl, o.allowHttp === true, fail);
  if (typeof o.clientId !== 'string' || o.clientId === '') {
    fail(
      `clientId must be the client's client_id, a non-empty string, got ${describe(o.clientId)}.`,
    );
  }
  const clientSecret = o.clientSecret;
  if (clientSecret !== undefined && (typeof clientSecret !== 'string' || clientSecret === '')) {
    fail(`clientSecret must be a non-empty string, got ${describe(clientSecret)}.`);
  }
  const authMethod = o.authMethod ?? 'client_secret_basic';
  if (authMethod !== 'client_secret_basic' && authMethod !== 'client_secret_post') {
    fail(
      `authMethod must be 'client_secret_basic' or 'client_secret_post' (as the server registered ` +
        `this client), got ${JSON.stringify(authMethod) ?? describe(authMethod)}.`,
    );
  }
  if (clientSecret === undefined && o.authMethod !== undefined) {
    fail('authMethod needs a clientSecret: a public client sends only its client_id.');
  }
  if (
    o.client !== undefined &&
    typeof (o.client as { request?: unknown })?.request !== 'function'
  ) {
    fail(`client must be an axios instance (from axios.create()), got ${describe(o.client)}.`);
  }
  for (const name of ['onEvent', 'now'] as const) {
    if (o[name] !== undefined && typeof o[name] !== 'function') {
      fail(`${name} must be a function, got ${describe(o[name])}.`);
    }
  }
  const host = new URL(url);
  return {
    provider,
    url,
    target: `POST ${host.origin}${host.pathname}`,
    clientId: o.clientId,
    clientSecret: clientSecret as string | undefined,
    authMethod: clientSecret === undefined ? 'none' : authMethod,
    params: readParams(o, fail),
    client: o.client,
    timeout: milliseconds('timeout', o.timeout, DEFAULT_TIMEOUT_MS, fail, { positive: true }),
    skew: milliseconds('skew', o.skew, DEFAULT_SKEW_MS, fail),
    ttlWithoutExpiry: milliseconds(
      'ttlWithoutExpiry',
      o.ttlWithoutExpiry,
      DEFAULT_TTL_WITHOUT_EXPIRY_MS,
      fail,
    ),
    now: o.now ?? Date.now,
    onEvent: o.onEvent,
    store: o.store,
    key: o.key,
  };
}

function readTokenUrl(value: unknown, allowHttp: boolean, fail: (m: string) => never): string {
  const example = "e.g. 'https://auth.example.com/oauth/token'";
  if (typeof value !== 'string')
    return fail(
      `tokenUrl must be the token endpoint's absolute URL (${example}), got ${describe(value)}.`,
    );
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail(`tokenUrl must be an absolute URL (${example}); the value given is not one.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    fail(`tokenUrl must be an http(s) URL (${example}), got a ${url.protocol} URL.`);
  }
  if (url.username !== '' || url.password !== '') {
    fail('tokenUrl must not hold a user or password: pass them as clientId and clientSecret.');
  }
  if (url.hash !== '')
    fail('tokenUrl must not have a #fragment: a token endpoint URL has none (RFC 6749 §3.2).');
  const loopback = /^(127\.\d+\.\d+\.\d+|\[::1\]|localhost)$/i.test(url.hostname);
  if (url.protocol === 'http:' && !loopback && !allowHttp) {
    fail(
      `tokenUrl is plain http on ${url.host}: the client secret and the tokens would cross the network ` +
        'unencrypted. Use https, or set allowHttp: true if the network is trusted.',
    );
  }
  return value;
}

function milliseconds(
  name: string,
  value: unknown,
  fallback: number,
  fail: (m: string) => never,
  { positive = false } = {},
): number {
  if (value === undefined) return fallback;
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < 0 ||
    (positive && value === 0)
  ) {
    fail(
      `${name} must be a finite number of milliseconds${positive ? ' above 0' : ', 0 or more'}, got ${describe(value)}. Example: { ${name}: ${fallback} }.`,
    );
  }
  return value;
}
