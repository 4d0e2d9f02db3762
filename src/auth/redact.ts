import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';

interface HasRequest {
  request?: unknown;
  config?: unknown;
}

// The underlying ClientRequest (or fetch Request) still holds the headers as they were sent.
// Keep it reachable for code that reads error.request, but out of util.inspect, console.log
// and JSON.stringify: they only walk enumerable properties, and an accessor is not followed
// even by util.inspect(…, { showHidden: true }), which prints it as [Getter/Setter].
function hideRequest(holder: HasRequest | undefined): void {
  if (
    holder === undefined ||
    holder === null ||
    !Object.prototype.hasOwnProperty.call(holder, 'request')
  )
    return;
  let request = holder.request;
  Object.defineProperty(holder, 'request', {
    get: () => request,
    set: (value: unknown) => {
      request = value;
    },
    enumerable: false,
    configurable: true,
  });
}

/**
 * Makes a response safe to print: its config is the caller's (credentials already taken off)
 * and its request is hidden from enumeration.
 */
export function redactResponse(
  response: AxiosResponse,
  config: InternalAxiosRequestConfig,
): AxiosResponse {
  response.config = config;
  hideRequest(response);
  return response;
}

/** The same for an error: an AxiosError stays an AxiosError, with a config retry libraries can re-send. */
export function redactError(error: unknown, config: InternalAxiosRequestConfig): unknown {
  if (typeof error !== 'object' || error === null) return error;
  if (!(error as { isAxiosError?: unknown }).isAxiosError) {
    // One of ours wrapping an AxiosError: util.inspect prints `[cause]` too.
    const cause = (error as { cause?: unknown }).cause;
    if (cause !== undefined && cause !== error) redactError(cause, config);
    return error;
  }
  const axiosError = error as HasRequest & { response?: AxiosResponse };
  axiosError.config = config;
  hideRequest(axiosError);
  if (axiosError.response) redactResponse(axiosError.response, config);
  return error;
}
