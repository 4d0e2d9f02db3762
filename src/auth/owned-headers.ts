import type { AuthOptions } from './options';

const isSet = (source: unknown): boolean =>
  source !== undefined && source !== null && source !== '';

/** True when the options can send a credential at all (`null`, `undefined`, `''` send none). */
export const hasCredentials = (auth: AuthOptions): boolean =>
  isSet(auth.authToken) || isSet(auth.apiKey);

/** True when the options ask for auth at all: a credential, or a refreshOn to check. */
export const wantsAuth = (auth: AuthOptions): boolean =>
  hasCredentials(auth) || (auth.refreshOn !== undefined && auth.refreshOn.length !== 0);

/**
 * The header names the credentials own, lower-cased. The same names in a client's or a
 * declaration's `headers` lose to them, whatever their case (dequest's precedence).
 */
export function ownedHeaderNames(auth: AuthOptions): ReadonlySet<string> {
  const names = new Set<string>();
  if (isSet(auth.authToken)) names.add((auth.authHeader ?? 'Authorization').toLowerCase());
  if (isSet(auth.apiKey) && auth.apiKeyQueryParam === undefined) {
    names.add((auth.apiKeyHeader ?? 'x-api-key').toLowerCase());
  }
  return names;
}
