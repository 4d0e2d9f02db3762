import { createHmac, randomBytes } from 'node:crypto';
import type { InternalAxiosRequestConfig } from 'axios';
import { AxiosHeaders } from 'axios';
import { fullURL, methodOf } from './target';

/** Every key starts with it; the version changes whenever the canonical form does. */
export const KEY_PREFIX = 'axios-dequest:v1:';

/**
 * Header names that carry a credential, whatever an API calls them: their values go into the
 * credential partition of the key (as an HMAC, never as bytes). A false positive only splits
 * the cache further; a false negative could serve one user's response to another.
 */
const CREDENTIAL_HEADER =
  /^(authorization|proxy-authorization|cookie)$|auth|token|api[-_]?key|secret|session|signature|credential|password/i;

export const isCredentialHeader = (name: string): boolean => CREDENTIAL_HEADER.test(name);

let processSecret: Buffer | undefined;

/** A random secret for this process: keys of an in-memory store need agree with no one else. */
export const perProcessSecret = (): Buffer => (processSecret ??= randomBytes(32));

/** How keys are made for one cache: its secret, the headers it varies on, whether users share it. */
export interface KeyRules {
  readonly secret: Buffer | string;
  /** Lower-case request header names that select a different response (accept, accept-language…). */
  readonly vary: readonly string[];
  /** True: public data, the credentials are left out of the key (`cache.shared`). */
  readonly sharedByUsers: boolean;
}

/**
 * The cache key of a request as it is really sent: an HMAC-SHA256, under the cache's secret,
 * of method, absolute URL with its query parameters in canonical order, response type, the
 * values of the `vary` headers, and (unless the cache is shared by users) every credential
 * sent: `credentials` (what the auth layer will put on), credential headers already on the
 * request, axios's `auth` and `proxy.auth`. The key holds no byte of any of them.
 */
export function cacheKey(
  config: InternalAxiosRequestConfig,
  credentials: readonly string[],
  rules: KeyRules,
): string {
  const headers = AxiosHeaders.from(config.headers as never);
  const canonical: unknown[] = [
    methodOf(config),
    canonicalURL(fullURL(config)),
    canonicalValue(config.params),
    config.responseType ?? '',
    config.responseEncoding ?? '',
    typeof config.data === 'string' ? config.data : '',
    rules.vary.map((name) => headerValue(headers.get(name))),
  ];
  if (!rules.sharedByUsers) canonical.push(credentialPartition(config, headers, credentials));
  const digest = createHmac('sha256', rules.secret)
    .update(JSON.stringify(canonical))
    .digest('base64url');
  return KEY_PREFIX + digest;
}

function credentialPartition(
  config: InternalAxiosRequestConfig,
  headers: InstanceType<typeof AxiosHeaders>,
  credentials: readonly string[],
): unknown[] {
  const sent: unknown[] = [credentials.filter((c) => typeof c === 'string' && c !== '').sort()];
  const named: [string, string][] = [];
  // The headers toJSON() would list (null and false left out), without building its object.
  const raw = headers as unknown as Record<string, unknown>;
  for (const name of Object.keys(raw)) {
    const value = raw[name];
    if (value === undefined || value === null || value === false) continue;
    if (isCredentialHeader(name)) named.push([name.toLowerCase(), headerValue(value)]);
  }
  sent.push(named.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  sent.push(config.auth ? [config.auth.username, config.auth.password] : null);
  const proxy = config.proxy;
  sent.push(proxy && proxy.auth ? [proxy.auth.username, proxy.auth.password] : null);
  return sent;
}

const headerValue = (value: unknown): string =>
  value === undefined || value === null || value === false
    ? ''
    : Array.isArray(value)
      ? value.join(', ')
      : String(value);

/** The URL with its own query parameters sorted, so `?b=1&a=2` and `?a=2&b=1` are one key. */
function canonicalURL(url: string): string {
  const hash = url.indexOf('#');
  const bare = hash === -1 ? url : url.slice(0, hash);
  const query = bare.indexOf('?');
  if (query === -1) return bare;
  const params = [...new URLSearchParams(bare.slice(query + 1))].sort(compareEntries);
  return `${bare.slice(0, query)}?${new URLSearchParams(params).toString()}`;
}

const compareEntries = ([a, x]: [string, string], [b, y]: [string, string]): number =>
  a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0;

/** `params` in a form that does not depend on the order its keys were written in. */
function canonicalValue(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'function' || typeof value === 'symbol') return null;
  if (value instanceof URLSearchParams) return [...value].sort(compareEntries);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(canonicalValue);
  if (typeof value === 'object') {
    return Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => [k, canonicalValue((value as Record<string, unknown>)[k])]);
  }
  return value;
}
