import type { InternalAxiosRequestConfig } from 'axios';
import { ConfigurationError } from '../errors';
import { describeValue } from '../http/describe-value';
import { originOf } from '../http/origin';
import { ABSOLUTE_URL } from '../http/syntax';
import type { OriginPattern } from './options';

/** Where credentials may go: `baseURL` and `allowedOrigins`, checked once by {@link compileOriginRules}. */
export interface OriginRules {
  readonly anywhere: boolean;
  readonly origins: ReadonlySet<string>;
  readonly patterns: readonly RegExp[];
  /** The `baseURL` string whose origin is allowed: relative URLs against it need no parsing. */
  readonly baseURL: string | undefined;
  /** A request's baseURL is almost always the instance's; the few others seen, parsed once. */
  readonly originOfBase: Map<string, string | undefined>;
}

// Enough for the baseURLs one instance really sends to; a caller inventing one per request
// must not grow it without bound.
const MAX_REMEMBERED_BASES = 32;

/**
 * Checks `allowedOrigins` and the instance's `baseURL` once, at setup. Throws a
 * {@link ConfigurationError} when neither names an origin: credentials would have nowhere to go.
 */
export function compileOriginRules(
  baseURL: unknown,
  allowed: OriginPattern | readonly OriginPattern[] | undefined,
): OriginRules {
  const list =
    allowed === undefined ? [] : Array.isArray(allowed) ? allowed : [allowed as OriginPattern];
  const origins = new Set<string>();
  const patterns: RegExp[] = [];
  let anywhere = false;
  for (const entry of list as unknown[]) {
    if (entry === '*') anywhere = true;
    else if (entry instanceof RegExp) patterns.push(entry);
    else if (typeof entry === 'string') origins.add(compileOrigin(entry));
    else
      throw new ConfigurationError(
        `allowedOrigins takes origin strings ('https://api.example.com'), RegExps or '*', got ${describeValue(entry)}.`,
      );
  }
  const baseOrigin = typeof baseURL === 'string' ? originOf(baseURL) : undefined;
  if (baseOrigin !== undefined) origins.add(baseOrigin);
  if (!anywhere && origins.size === 0 && patterns.length === 0) {
    throw new ConfigurationError(
      'Credentials need to know where they may be sent, and this instance has no absolute baseURL. ' +
        "Either give the instance a baseURL (axios.create({ baseURL: 'https://api.example.com' })), " +
        "or pass allowedOrigins: ['https://api.example.com'] (or '*' to send them anywhere).",
    );
  }
  return {
    anywhere,
    origins,
    patterns,
    baseURL: baseOrigin === undefined ? undefined : (baseURL as string),
    originOfBase: new Map(),
  };
}

/** True when `origin` (scheme://host[:port]) may receive credentials. */
export function allowsOrigin(rules: OriginRules, origin: string | undefined): boolean {
  if (origin === undefined) return false;
  if (rules.anywhere || rules.origins.has(origin)) return true;
  for (const pattern of rules.patterns) {
    // A /g or /y pattern remembers where it stopped; every origin is tested from the start.
    pattern.lastIndex = 0;
    if (pattern.test(origin)) return true;
  }
  return false;
}

/** True when the URL this request will be sent to may receive credentials. */
export function allowsRequest(rules: OriginRules, config: InternalAxiosRequestConfig): boolean {
  const url = config.url ?? '';
  const baseURL = config.baseURL;
  if (!ABSOLUTE_URL.test(url)) {
    // The hot path: a relative URL on the instance's own baseURL.
    if (baseURL === rules.baseURL && baseURL !== undefined) return true;
    return allowsOrigin(rules, baseOrigin(rules, baseURL));
  }
  if (config.allowAbsoluteUrls !== false) return allowsOrigin(rules, originOf(url));
  // allowAbsoluteUrls: false joins an absolute url to the baseURL, but axios before 1.8.2
  // ignores the option and sends to the url itself: allow only if both origins are allowed.
  return allowsOrigin(rules, originOf(url)) && allowsOrigin(rules, baseOrigin(rules, baseURL));
}

/** True when two rules could both send credentials to one origin. */
export function overlaps(a: OriginRules, b: OriginRules): boolean {
  if (a.anywhere || b.anywhere) return true;
  for (const origin of a.origins) if (allowsOrigin(b, origin)) return true;
  for (const origin of b.origins) if (allowsOrigin(a, origin)) return true;
  // Whether two RegExps can match one origin is undecidable in general; the same pattern twice is an overlap.
  return a.patterns.some((p) =>
    b.patterns.some((q) => p.source === q.source && p.flags === q.flags),
  );
}

function baseOrigin(rules: OriginRules, baseURL: string | undefined): string | undefined {
  if (!baseURL) return undefined;
  if (rules.originOfBase.has(baseURL)) return rules.originOfBase.get(baseURL);
  const origin = originOf(baseURL);
  if (rules.originOfBase.size < MAX_REMEMBERED_BASES) rules.originOfBase.set(baseURL, origin);
  return origin;
}

function compileOrigin(value: string): string {
  const origin = originOf(value);
  if (origin === undefined) {
    throw new ConfigurationError(
      `allowedOrigins entry ${JSON.stringify(value)} is not an http(s) origin. ` +
        `Write it with its scheme, e.g. 'https://api.example.com' (a port if it has one: 'http://127.0.0.1:8080').`,
    );
  }
  // An origin is scheme, host and port: `https://api.example.com/v1` would allow every path of
  // the host, which is not what it says.
  const { pathname } = new URL(value);
  if (pathname !== '/' || /[?#]/.test(value)) {
    throw new ConfigurationError(
      `allowedOrigins entry ${JSON.stringify(value)} has a path, query or fragment, but origins have no path: ` +
        `credentials go to every path of an allowed origin. Write ${JSON.stringify(origin)}.`,
    );
  }
  return origin;
}
