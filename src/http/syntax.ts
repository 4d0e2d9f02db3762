// What HTTP and axios accept, written once for every layer.

/** axios's own test for an absolute URL: a scheme, or a protocol-relative `//host`. */
export const ABSOLUTE_URL = /^([a-z][a-z\d+\-.]*:)?\/\//i;

/** An RFC 9110 token: a header name, or an auth scheme. */
export const HTTP_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * A character Node's http module and fetch refuse in a header value: anything but HTAB,
 * visible ASCII, space and obs-text. axios 1.21 silently strips CR/LF instead of failing.
 */
export const INVALID_HEADER_CHAR = /[^\t\x20-\x7e\x80-\xff]/;

/** `baseURL` and `url` joined as axios joins them (an absolute `url` stands alone unless not allowed). */
export function joinURL(
  baseURL: string | undefined,
  url: string,
  allowAbsoluteUrls = true,
): string {
  if ((ABSOLUTE_URL.test(url) && allowAbsoluteUrls) || !baseURL) return url;
  return url ? baseURL.replace(/\/+$/, '') + '/' + url.replace(/^\/+/, '') : baseURL;
}

/** True for a promise or any object with a `then` method. */
export const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as PromiseLike<unknown>).then === 'function';
