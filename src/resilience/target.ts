// How the layer names a request in events and errors, and which origin it goes to. The same
// rules as declare/http-failure.ts (describeTarget) and auth/origins.ts (originOf), which this
// layer may not import: a duplicate to fold into src/http/ when those move there.
import type { AxiosRequestConfig } from 'axios';
import { ABSOLUTE_URL, joinURL } from '../http/syntax';

/** The absolute URL a request goes to, as axios joins it (query string of `url` included). */
export const fullURL = (config: AxiosRequestConfig): string =>
  joinURL(config.baseURL, config.url ?? '', config.allowAbsoluteUrls !== false);

/** `GET https://api.example.com/users/1`: no query string (a key may ride there), no user:password. */
export function describeTarget(config: AxiosRequestConfig): string {
  const bare = fullURL(config).replace(/[?#].*$/s, '');
  let url: string;
  try {
    const parsed = new URL(bare);
    parsed.username = '';
    parsed.password = '';
    url = parsed.toString();
  } catch {
    url = bare.replace(/\/\/[^/@]*@/, '//');
  }
  return `${methodOf(config)} ${url}`;
}

/** The request's method, upper-case, GET when unset (axios's default). */
export const methodOf = (config: AxiosRequestConfig): string =>
  (config.method ?? 'get').toUpperCase();

// Almost every request is relative to one of a few baseURLs: parse each once.
const originOfBase = new Map<string, string>();

/** `scheme://host[:port]` of the request, or the URL itself when it has none (relative). */
export function originOfRequest(config: AxiosRequestConfig): string {
  const { baseURL, url = '' } = config;
  if (baseURL && !ABSOLUTE_URL.test(url)) {
    let origin = originOfBase.get(baseURL);
    if (origin === undefined) {
      origin = parseOrigin(baseURL);
      if (originOfBase.size < 32) originOfBase.set(baseURL, origin);
    }
    return origin;
  }
  return parseOrigin(fullURL(config));
}

function parseOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url.replace(/[?#].*$/s, '');
  }
}
