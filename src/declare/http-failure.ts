import type { AxiosError, AxiosRequestConfig, AxiosResponse } from 'axios';
import {
  DequestError,
  HttpStatusError,
  isDequestError,
  TimeoutError,
  type HttpStatusResponse,
} from '../errors';
import { describeTarget as describeRequest } from '../http/describe-target';
import { attemptsOf, markAttempts } from '../resilience';
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
 * The error a declared call rejects with: the package's own errors as they are (a
 * CircuitBreakerOpenError too); an HTTP error status as an {@link HttpStatusError}, no answer in
 * time as a {@link TimeoutError}, any other failure as a {@link DequestError}; each names method
 * and URL, with the (last) `AxiosError` as `cause`. After retries the message says how many
 * attempts were made (`GET https://…/users/1 failed after 4 attempts: status 503 …`), and
 * `attempts` holds their number.
 */
export function toCallError(error: unknown, method: HttpMethod, sent: AxiosRequestConfig): unknown {
  if (isDequestError(error)) return error;
  const attempts = attemptsOf(error);
  const made = wrap(error, method, sent, attempts);
  if (attempts !== undefined) markAttempts(made, attempts);
  return made;
}

function wrap(
  error: unknown,
  method: HttpMethod,
  sent: AxiosRequestConfig,
  attempts: number | undefined,
): DequestError {
  const target = describeTarget(method, isAxiosError(error) && error.config ? error.config : sent);
  // One attempt: `Request failed …: GET …`, as ever. Several: what the last one ended with.
  const say = (what: string, failure: string): string =>
    attempts !== undefined && attempts > 1
      ? `${target} failed after ${attempts} attempts: ${failure}`
      : `${what}: ${target}`;
  const cause = { cause: error };
  if (!isAxiosError(error)) return new DequestError(say('Request failed', 'no response'), cause);
  const { response } = error;
  if (response !== undefined) {
    const status = `status ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    return new HttpStatusError(
      say(`Request failed with ${status}`, status),
      redacted(response),
      cause,
    );
  }
  if (isTimeout(error)) {
    const timeout = error.config?.timeout ?? sent.timeout;
    const after = timeout ? ` after ${timeout} ms` : '';
    const message = say(`Request timed out${after}`, `timed out${after}`);
    return new TimeoutError(message, timeout || undefined, cause);
  }
  const code = error.code ? ` (${error.code})` : '';
  return new DequestError(say(`Request failed${code}`, error.code ?? 'no response'), cause);
}
