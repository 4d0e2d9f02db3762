import type { AxiosError, AxiosRequestConfig } from 'axios';
import { DequestError, isDequestError } from '../errors';
import { joinURL } from '../http/syntax';
import type { HttpMethod } from './http-method';

/**
 * `GET https://api.example.com/users/1`: the method and the URL a request went to, without
 * its query string (an api key may ride there) and without user:password.
 */
export function describeTarget(method: HttpMethod, config: AxiosRequestConfig | undefined): string {
  const full = joinURL(config?.baseURL, config?.url ?? '', config?.allowAbsoluteUrls !== false);
  return `${method} ${withoutSecrets(full)}`;
}

function withoutSecrets(url: string): string {
  const bare = url.replace(/[?#].*$/s, '');
  try {
    const parsed = new URL(bare);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return bare.replace(/\/\/[^/@]*@/, '//');
  }
}

const isAxiosError = (error: unknown): error is AxiosError =>
  typeof error === 'object' && error !== null && (error as AxiosError).isAxiosError === true;

/**
 * The error a declared call rejects with: the package's own errors as they are; an HTTP
 * failure as a {@link DequestError} naming method and URL, with the `AxiosError` as `cause`.
 */
export function toCallError(error: unknown, method: HttpMethod, sent: AxiosRequestConfig): unknown {
  if (isDequestError(error)) return error;
  const target = describeTarget(method, isAxiosError(error) && error.config ? error.config : sent);
  if (!isAxiosError(error)) {
    return new DequestError(`Request failed: ${target}`, { cause: error });
  }
  const status = error.response?.status;
  if (status !== undefined) {
    const text = error.response?.statusText ? ` ${error.response.statusText}` : '';
    return new DequestError(`Request failed with status ${status}${text}: ${target}`, {
      cause: error,
    });
  }
  if (
    error.code === 'ETIMEDOUT' ||
    (error.code === 'ECONNABORTED' && /timeout/i.test(error.message))
  ) {
    const timeout = error.config?.timeout ?? sent.timeout;
    return new DequestError(
      `Request timed out${timeout ? ` after ${timeout} ms` : ''}: ${target}`,
      { cause: error },
    );
  }
  return new DequestError(`Request failed${error.code ? ` (${error.code})` : ''}: ${target}`, {
    cause: error,
  });
}
