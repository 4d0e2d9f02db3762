// How a request's config, URL and headers are made safe to print: the rules of scrubError,
// apart from the walk over an error chain. No axios import, so that any layer may use it.

import { cutSecrets, REDACTED, type ScrubRules } from './scrub-rules';

/** A URL without a userinfo password and without the values of secret query parameters. */
export function scrubUrl(url: string, rules: ScrubRules): string {
  const [beforeHash = '', ...hash] = url.split('#');
  const queryAt = beforeHash.indexOf('?');
  const path = queryAt === -1 ? beforeHash : beforeHash.slice(0, queryAt);
  const query = queryAt === -1 ? undefined : beforeHash.slice(queryAt + 1);
  const safePath = path.replace(/^([a-z][a-z\d+\-.]*:\/\/[^/@?#]*?:)[^/?#]*@/i, `$1${REDACTED}@`);
  const safeQuery = query === undefined ? '' : '?' + scrubQuery(query, rules);
  const safeHash = hash.length > 0 ? '#' + hash.join('#') : '';
  return cutSecrets(safePath + safeQuery + safeHash, rules);
}

function scrubQuery(query: string, rules: ScrubRules): string {
  const params = new URLSearchParams(query);
  if (![...params.keys()].some((name) => rules.params.has(name.toLowerCase()))) return query;
  const safe = new URLSearchParams();
  for (const [name, value] of params) {
    safe.append(name, rules.params.has(name.toLowerCase()) ? REDACTED : value);
  }
  return safe.toString();
}

/** A copy of `headers` (an AxiosHeaders, a plain object, per-method groups) with secret values replaced. */
export function scrubHeaders(headers: unknown, rules: ScrubRules): unknown {
  if (typeof headers !== 'object' || headers === null) return headers;
  // fetch's Headers keeps its entries out of reach of Object.keys: print them as a plain object.
  if (typeof Headers === 'function' && headers instanceof Headers) {
    const plain: Record<string, string> = {};
    headers.forEach((value, name) => {
      plain[name] = value;
    });
    return scrubHeaders(plain, rules);
  }
  const Own = headers.constructor as (new (from: unknown) => object) | undefined;
  // AxiosHeaders (or any class that copies itself from an instance) keeps its methods.
  const copy: Record<string, unknown> =
    Own !== undefined && Own !== Object && typeof (headers as { set?: unknown }).set === 'function'
      ? (new Own(headers) as Record<string, unknown>)
      : { ...(headers as Record<string, unknown>) };
  for (const name of Object.keys(copy)) {
    const value = copy[name];
    if (rules.headers.has(name.toLowerCase())) copy[name] = REDACTED;
    else if (typeof value === 'string') copy[name] = cutSecrets(value, rules);
    // An instance's defaults group headers by method: { common: {…}, get: {…} }.
    else if (typeof value === 'object' && value !== null) copy[name] = scrubHeaders(value, rules);
  }
  return copy;
}

/** A copy of `params` (a plain object or URLSearchParams) with secret values replaced. */
function scrubParams(params: unknown, rules: ScrubRules): unknown {
  if (params instanceof URLSearchParams)
    return new URLSearchParams(scrubQuery(params.toString(), rules));
  if (typeof params !== 'object' || params === null) return params;
  const copy: Record<string, unknown> = { ...(params as Record<string, unknown>) };
  for (const name of Object.keys(copy)) {
    if (rules.params.has(name.toLowerCase())) copy[name] = REDACTED;
  }
  return copy;
}

const hidden = (holder: object, name: string, value: unknown): void => {
  Object.defineProperty(holder, name, { get: () => value, enumerable: false, configurable: true });
};

/**
 * A copy of a request config that prints no secret: auth and proxy passwords, secret headers and
 * query values replaced; the body replaced (a form or JSON body may hold a client secret or a
 * password, and its shape is not ours to judge); agents (which may hold TLS keys and passphrases)
 * kept reachable but out of sight.
 */
export function scrubConfig(config: unknown, rules: ScrubRules): unknown {
  if (typeof config !== 'object' || config === null) return config;
  const copy: Record<string, unknown> = { ...(config as Record<string, unknown>) };
  if ('headers' in copy) copy.headers = scrubHeaders(copy.headers, rules);
  if ('params' in copy) copy.params = scrubParams(copy.params, rules);
  for (const name of ['url', 'baseURL']) {
    if (typeof copy[name] === 'string') copy[name] = scrubUrl(copy[name], rules);
  }
  for (const name of ['auth', 'proxy']) {
    const holder = copy[name] as { password?: unknown; auth?: { password?: unknown } } | undefined;
    if (typeof holder !== 'object' || holder === null) continue;
    if (holder.password !== undefined) copy[name] = { ...holder, password: REDACTED };
    else if (typeof holder.auth === 'object' && holder.auth?.password !== undefined) {
      copy[name] = { ...holder, auth: { ...holder.auth, password: REDACTED } };
    }
  }
  const fetchOptions = copy.fetchOptions as { headers?: unknown } | undefined;
  if (typeof fetchOptions === 'object' && fetchOptions !== null && fetchOptions.headers) {
    copy.fetchOptions = { ...fetchOptions, headers: scrubHeaders(fetchOptions.headers, rules) };
  }
  if (copy.data !== undefined && copy.data !== null && copy.data !== '') copy.data = REDACTED;
  for (const name of ['httpAgent', 'httpsAgent']) {
    if (name in copy) {
      const agent = copy[name];
      delete copy[name];
      hidden(copy, name, agent);
    }
  }
  return copy;
}

export { hidden as defineHidden };

/** Node's inspection hook, by its registered name: no node:util import in a file any layer uses. */
export const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * Makes a config print as its scrubbed copy (console.log, util.inspect, JSON.stringify, an
 * AxiosError's `toJSON()`), while it keeps every value for the code that reads it or re-sends it:
 * a retry library's re-send is merged by axios from enumerable properties only, and these two
 * are not.
 */
export function printScrubbed(config: object, rules: ScrubRules): void {
  for (const key of [INSPECT, 'toJSON']) {
    Object.defineProperty(config, key, {
      value: () => scrubConfig(config, rules),
      enumerable: false,
      writable: true,
      configurable: true,
    });
  }
}
