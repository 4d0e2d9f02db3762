import { ConfigurationError } from '../errors';
import type { UrlTemplate } from './url-template';

/**
 * Throws a {@link ConfigurationError} unless a call's url can be sent: absolute, or relative to
 * a baseURL, the options' own (a declaration's on top of its class's) or else its client's.
 */
export function assertReachable(
  subject: string,
  url: UrlTemplate,
  baseURL: string | undefined,
): void {
  // An empty baseURL joins nothing: the request would have no host.
  if (url.absolute || baseURL) return;
  throw new ConfigurationError(
    `${subject}: the url ${JSON.stringify(url.source)} is relative and there is no baseURL. ` +
      `Give one (baseURL on the declaration, @ApiClient({ baseURL }) on its class, or a client created with one), ` +
      `or write the url in full ('https://api.example.com/…').`,
  );
}
