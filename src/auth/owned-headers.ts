import type { AuthOptions } from './options';

const isSet = (source: unknown): boolean =>
  source !== undefined && source !== null && source !== '';

/** True when the options can send a credential at all (`null`, `undefined`, `''` send none). */
const hasCredentials = (auth: AuthOptions): boolean => isSet(auth.authToken) || isSet(auth.apiKey);

/**
 * True when the options ask for auth at all: a credential, or a refreshOn to check. Anything
 * odd counts as asking, so that AuthPlan reports it as a ConfigurationError.
 */
export const wantsAuth = (auth: AuthOptions): boolean =>
  hasCredentials(auth) ||
  (auth.refreshOn !== undefined && !(Array.isArray(auth.refreshOn) && auth.refreshOn.length === 0));

/**
 * The header names the credentials own, lower-cased. The same names in a client's or a
 * declaration's `headers` lose to them, whatever their case (dequest's precedence).
 */
export function ownedHeaderNames(auth: AuthOptions): ReadonlySet<string> {
  const names = new Set<string>();
  // A name that is not a string is left to AuthPlan, which refuses it with a ConfigurationError.
  const add = (name: unknown): void => {
    if (typeof name === 'string') names.add(name.toLowerCase());
  };
  if (isSet(auth.authToken)) add(auth.authHeader ?? 'Authorization');
  if (isSet(auth.apiKey) && auth.apiKeyQueryParam === undefined)
    add(auth.apiKeyHeader ?? 'x-api-key');
  return names;
}
