import { AxiosError } from 'axios';
import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';

// The errors of redirects the package follows itself, worded and coded as axios gives them with
// its own adapters, so code that handles those (retry libraries, `error.code` checks) handles
// these too. Their config is the hop's; the adapter wrapper hands the caller's back (redacted).

/** The response, or the error axios's settle() would make of it. */
export function settled(
  response: AxiosResponse,
  hop: InternalAxiosRequestConfig,
  validateStatus: InternalAxiosRequestConfig['validateStatus'],
): AxiosResponse {
  const { status } = response;
  if (!validateStatus || validateStatus(status)) return response;
  throw new AxiosError(
    `Request failed with status code ${status}`,
    status >= 400 && status < 500 ? AxiosError.ERR_BAD_REQUEST : AxiosError.ERR_BAD_RESPONSE,
    hop,
    response.request,
    response,
  );
}

/** As follow-redirects (the http adapter) rejects a chain longer than `maxRedirects`. */
export const tooManyRedirects = (
  hop: InternalAxiosRequestConfig,
  response: AxiosResponse,
): AxiosError =>
  new AxiosError(
    'Maximum number of redirects exceeded',
    'ERR_FR_TOO_MANY_REDIRECTS',
    hop,
    response.request,
    response,
  );

/** As follow-redirects (the http adapter) rejects a Location it will not follow. */
export const redirectFailure = (
  reason: string,
  hop: InternalAxiosRequestConfig,
  response: AxiosResponse,
): AxiosError =>
  new AxiosError(
    `Redirected request failed: ${reason}`,
    'ERR_FR_REDIRECTION_FAILURE',
    hop,
    response.request,
  );

/**
 * As axios's fetch adapter rejects when fetch, told `redirect: 'error'`, meets a redirect
 * status (any, with or without a Location): a network error whose cause, not enumerable as
 * axios makes it, says why.
 */
export function unexpectedRedirect(
  hop: InternalAxiosRequestConfig,
  response: AxiosResponse,
): AxiosError {
  const error = new AxiosError('Network Error', AxiosError.ERR_NETWORK, hop, response.request);
  Object.defineProperty(error, 'cause', {
    value: new Error('unexpected redirect'),
    writable: true,
    enumerable: false,
    configurable: true,
  });
  return error;
}
