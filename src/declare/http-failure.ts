import type { AxiosError, AxiosRequestConfig, AxiosResponse } from 'axios';
import {
  DequestError,
  HttpStatusError,
  isDequestError,
  TimeoutError,
  type HttpStatusResponse,
} from '../errors';
import { describeTarget as describeRequest } from '../http/describe-target';
import type { HttpMethod } from './http-method';

/** `GET https://api.example.com/users/1`: see {@link describeRequest}. */
export const describeTarget = (
  method: HttpMethod,
  config: AxiosRequestConfig | undefined,
): string => describeRequest(config, method);

const isAxiosError = (error: unknown): error is AxiosError =>
  typeof error === 'object' && error !== null && (error as AxiosError).isAxiosError === true;

const isTimeout = (error: AxiosError): boolean =>
  error.code === 'ETIMEDOUT' || (error.code === 'ECONNABORTED' && /timeout/i.test(error.message));

// The response without what the request put in it (config, socket) and without cookies.
function redacted(response: AxiosResponse): HttpStatusResponse {
  const raw = response.headers as { toJSON?: () => Record<string, unknown> } | undefined;
  const plain = typeof raw?.toJSON === 'function' ? raw.toJSON() : { ...raw };
  const headers: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(plain)) {
    if (name.toLowerCase() !== 'set-cookie') headers[name.toLowerCase()] = value;
  }
  return {
    status: response.status,
    statusText: response.statusText,
    headers,
    data: response.data,
  };
}

/**
 * The error a declared call rejects with: the package's own errors as they are; an HTTP error
 * status as an {@link HttpStatusError}, no answer in time as a {@link TimeoutError}, any other
 * failure as a {@link DequestError}; each names method and URL, with the `AxiosError` as `cause`.
 */
export function toCallError(error: unknown, method: HttpMethod, sent: AxiosRequestConfig): unknown {
  if (isDequestError(error)) return error;
  const target = describeTarget(method, isAxiosError(error) && error.config ? error.config : sent);
  if (!isAxiosError(error)) {
    return new DequestError(`Request failed: ${target}`, { cause: error });
  }
  const { response } = error;
  if (response !== undefined) {
    const text = response.statusText ? ` ${response.statusText}` : '';
    return new HttpStatusError(
      `Request failed with status ${response.status}${text}: ${target}`,
      redacted(response),
      { cause: error },
    );
  }
  if (isTimeout(error)) {
    const timeout = error.config?.timeout ?? sent.timeout;
    return new TimeoutError(
      `Request timed out${timeout ? ` after ${timeout} ms` : ''}: ${target}`,
      timeout || undefined,
      { cause: error },
    );
  }
  return new DequestError(`Request failed${error.code ? ` (${error.code})` : ''}: ${target}`, {
    cause: error,
  });
}
