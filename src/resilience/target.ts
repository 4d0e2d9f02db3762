// Which origin a request goes to, as this layer decides it. How a request is named lives in
// src/http/describe-target.ts, shared by every layer.
import type { AxiosRequestConfig } from 'axios';
import { fullURL } from '../http/describe-target';
import { ABSOLUTE_URL } from '../http/syntax';

export { describeTarget, fullURL, methodOf } from '../http/describe-target';

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
