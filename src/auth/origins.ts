import type { InternalAxiosRequestConfig } from 'axios';
import { ConfigurationError } from '../errors';
import { ABSOLUTE_URL } from '../http/syntax';
import type { OriginPattern } from './options';

// axios's own test for "absolute": a scheme, or a protocol-relative `//host`.

/** Where credentials may go, parsed once at setup. */
export class OriginRule {
  readonly anywhere: boolean;
  readonly origins: ReadonlySet<string>;
  readonly patterns: readonly RegExp[];
  /** The `baseURL` string whose origin is allowed: relative URLs against it need no parsing. */
  readonly baseURL: string | undefined;
  // A request's baseURL is almost always the instance's; remember the few others seen.
  private readonly originOfBase = new Map<string, string | null>();

  constructor(baseURL: unknown, allowed: OriginPattern | readonly OriginPattern[] | undefined) {
    const list =
      allowed === undefined ? [] : Array.isArray(allowed) ? allowed : [allowed as OriginPattern];
    const origins = new Set<string>();
    const patterns: RegExp[] = [];
    let anywhere = false;
    for (const entry of list) {
      if (entry === '*') anywhere = true;
      else if (entry instanceof RegExp) patterns.push(entry);
      else if (typeof entry === 'string') origins.add(parseOrigin(entry, 'allowedOrigins'));
      else
        throw new ConfigurationError(
          `allowedOrigins takes origin strings ('https://api.example.com'), RegExps or '*', got ${describe(entry)}.`,
        );
    }
    // A relative baseURL names no origin (there is no page to be relative to in Node).
    const base = typeof baseURL === 'string' && originOf(baseURL) !== null ? baseURL : undefined;
    if (base !== undefined) origins.add(originOf(base) as string);
    if (!anywhere && origins.size === 0 && patterns.length === 0) {
      throw new ConfigurationError(
        'Credentials need to know where they may be sent, and this instance has no absolute baseURL. ' +
          "Either give the instance a baseURL (axios.create({ baseURL: 'https://api.example.com' })), " +
          "or pass allowedOrigins: ['https://api.example.com'] (or '*' to send them anywhere).",
      );
    }
    this.anywhere = anywhere;
    this.origins = origins;
    this.patterns = patterns;
    this.baseURL = base;
  }

  /** True when `origin` (scheme://host[:port]) may receive credentials. */
  allowsOrigin(origin: string | null): boolean {
    if (origin === null) return false;
    if (this.anywhere || this.origins.has(origin)) return true;
    for (const pattern of this.patterns) {
      pattern.lastIndex = 0;
      if (pattern.test(origin)) return true;
    }
    return false;
  }

  /** True when the URL this request will be sent to may receive credentials. */
  allowsRequest(config: InternalAxiosRequestConfig): boolean {
    const url = config.url ?? '';
    const baseURL = config.baseURL;
    if (!ABSOLUTE_URL.test(url)) {
      // The hot path: a relative URL on the instance's own baseURL.
      if (baseURL === this.baseURL && baseURL !== undefined) return true;
      return this.allowsOrigin(baseURL ? this.cachedOriginOf(baseURL) : null);
    }
    if (config.allowAbsoluteUrls !== false) return this.allowsOrigin(originOf(url));
    // allowAbsoluteUrls: false joins an absolute url to the baseURL, but axios before 1.8.2
    // ignores the option and sends to the url itself: allow only if both origins are allowed.
    return (
      this.allowsOrigin(originOf(url)) &&
      this.allowsOrigin(baseURL ? this.cachedOriginOf(baseURL) : null)
    );
  }

  /** True when this rule and `other` could both send credentials to one origin. */
  overlaps(other: OriginRule): boolean {
    if (this.anywhere || other.anywhere) return true;
    for (const origin of this.origins) if (other.allowsOrigin(origin)) return true;
    for (const origin of other.origins) if (this.allowsOrigin(origin)) return true;
    // Whether two RegExps can match one origin is undecidable in general; the same pattern twice is an overlap.
    return this.patterns.some((a) =>
      other.patterns.some((b) => a.source === b.source && a.flags === b.flags),
    );
  }

  private cachedOriginOf(baseURL: string): string | null {
    let origin = this.originOfBase.get(baseURL);
    if (origin === undefined) {
      origin = originOf(baseURL);
      if (this.originOfBase.size < 32) this.originOfBase.set(baseURL, origin);
    }
    return origin;
  }
}

/** The origin of an absolute http(s) URL, or `null` when it has none (relative, other scheme, malformed). */
export function originOf(url: string): string | null {
  if (!ABSOLUTE_URL.test(url) || url.startsWith('//')) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

function parseOrigin(value: string, option: string): string {
  const origin = originOf(value);
  if (origin === null) {
    throw new ConfigurationError(
      `${option} entry ${JSON.stringify(value)} is not an http(s) origin. ` +
        `Write it with its scheme, e.g. 'https://api.example.com' (a port if it has one: 'http://127.0.0.1:8080').`,
    );
  }
  return origin;
}

const describe = (value: unknown): string =>
  value instanceof RegExp
    ? String(value)
    : typeof value === 'string'
      ? JSON.stringify(value)
      : typeof value;
