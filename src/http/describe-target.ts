// How every layer names a request in its messages and events: method and URL, redacted.
import type { AxiosRequestConfig } from 'axios';
import { joinURL } from './syntax';

/** What naming a request needs of its config. */
export type TargetConfig = Pick<
  AxiosRequestConfig,
  'baseURL' | 'url' | 'allowAbsoluteUrls' | 'method'
>;

/** The absolute URL a request goes to, as axios joins it (query string of `url` included). */
export const fullURL = (config: TargetConfig | undefined): string =>
  joinURL(config?.baseURL, config?.url ?? '', config?.allowAbsoluteUrls !== false);

/** The request's method, upper-case, GET when unset (axios's default). */
export const methodOf = (config: TargetConfig | undefined): string =>
  (config?.method ?? 'get').toUpperCase();

/**
 * `GET https://api.example.com/users/1`: the method and the URL a request goes to, without its
 * query string and fragment (an api key may ride there) and without user:password.
 *
 * @example
 * ```ts
 * describeTarget({ baseURL: 'https://u:p@api.example.com', url: '/me?api_key=k' }); // 'GET https://api.example.com/me'
 * ```
 */
export function describeTarget(
  config: TargetConfig | undefined,
  method = methodOf(config),
): string {
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
  return `${method} ${url}`;
}
