import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { concealSentRequest } from '../http/conceal-request';
import { scrubTextsInPlace } from '../http/error-texts';
import { INSPECT, printScrubbed } from '../http/scrub-config';
import { scrubError, type ScrubOptions } from '../http/scrub-error';
import { scrubRules } from '../http/scrub-rules';
import type { RequestCredentials } from './request-credentials';

interface HasRequest {
  request?: unknown;
  config?: unknown;
}

// The underlying ClientRequest (or fetch Request) still holds the headers as they were sent.
// Keep it reachable for code that reads error.request, but out of util.inspect, console.log
// and JSON.stringify: they only walk enumerable properties, and an accessor is not followed
// even by util.inspect(…, { showHidden: true }), which prints it as [Getter/Setter]. Read, it is
// concealed itself (see conceal-request.ts), so printing error.request shows no credential either.
function hideRequest(holder: HasRequest | undefined): void {
  if (
    holder === undefined ||
    holder === null ||
    !Object.prototype.hasOwnProperty.call(holder, 'request')
  )
    return;
  let request = holder.request;
  Object.defineProperty(holder, 'request', {
    get: () => {
      concealSentRequest(request);
      return request;
    },
    set: (value: unknown) => {
      request = value;
    },
    enumerable: false,
    configurable: true,
  });
}

const RESPONSE_FIELDS = new Set(['data', 'status', 'statusText', 'headers', 'config', 'request']);

/**
 * A response as axios gives it, except that `request` (the ClientRequest or fetch Request,
 * which still holds the headers as sent) lives behind a getter on the prototype: reachable as
 * `response.request`, but not printed by console.log, util.inspect (even with showHidden) or
 * JSON.stringify. A new object of a fixed shape is cheaper per request than redefining a
 * property on the adapter's object, and its name says why it looks different when printed.
 */
class RedactedResponse {
  data: unknown;
  status: number;
  statusText: string;
  headers: AxiosResponse['headers'];
  config: InternalAxiosRequestConfig;
  #request: unknown;

  constructor(response: AxiosResponse, config: InternalAxiosRequestConfig) {
    this.data = response.data;
    this.status = response.status;
    this.statusText = response.statusText;
    this.headers = response.headers;
    this.config = config;
    this.#request = response.request;
    // A stream response is Node's IncomingMessage: its `req` holds the headers as sent.
    concealSentRequest(response.data);
    // Whatever else an adapter put on its response comes along.
    for (const key of Object.keys(response)) {
      if (!RESPONSE_FIELDS.has(key))
        (this as Record<string, unknown>)[key] = (response as unknown as Record<string, unknown>)[
          key
        ];
    }
  }

  // Concealed when first read, not on every response: most are never looked at.
  get request(): unknown {
    concealSentRequest(this.#request);
    return this.#request;
  }

  set request(value: unknown) {
    this.#request = value;
  }
}

/**
 * Makes a response safe to print: its config is the caller's (credentials already taken off)
 * and its request is out of sight.
 */
export function redactResponse(
  response: AxiosResponse,
  config: InternalAxiosRequestConfig,
): AxiosResponse {
  if (!(response instanceof RedactedResponse)) {
    return new RedactedResponse(response, config);
  }
  response.config = config;
  return response;
}

/**
 * The same for an error: an AxiosError stays an AxiosError, with a config retry libraries can
 * re-send. `sent` names the credentials that went out: their values (and the names they went
 * under) are cut from the error's text and from its cause chain, where Node may have put a URL
 * with the api key in its query (a malformed Location's `base`).
 */
export function redactError(
  error: unknown,
  config: InternalAxiosRequestConfig,
  sent: readonly RequestCredentials[],
): unknown {
  if (typeof error !== 'object' || error === null) return error;
  const options = scrubOptionsOf(sent);
  if (!(error as { isAxiosError?: unknown }).isAxiosError) {
    // One of ours wrapping an AxiosError: util.inspect prints `[cause]` too.
    const cause = (error as { cause?: unknown }).cause;
    if (cause !== undefined && cause !== error) redactError(cause, config, sent);
    return scrubError(error, options);
  }
  const axiosError = error as HasRequest & { response?: AxiosResponse; cause?: unknown };
  axiosError.config = config;
  // What the caller set (an `auth` password, a Cookie) stays for a re-send, but does not print.
  printScrubbed(config, scrubRules(options));
  hideRequest(axiosError);
  if (axiosError.response) axiosError.response = redactResponse(axiosError.response, config);
  scrubTextsInPlace(axiosError as Error, options);
  const cause = axiosError.cause;
  const descriptor = Object.getOwnPropertyDescriptor(axiosError, 'cause');
  if (cause !== undefined && cause !== error && descriptor?.writable) {
    Object.defineProperty(axiosError, 'cause', {
      ...descriptor,
      value: scrubError(cause, options),
    });
  }
  return error;
}

// Shorter values would cut ordinary words out of messages; the names still catch them in URLs.
const MIN_CUT_LENGTH = 8;

function scrubOptionsOf(sent: readonly RequestCredentials[]): ScrubOptions {
  const secrets: string[] = [];
  const params: string[] = [];
  const headers: string[] = [];
  for (const { plan, tokenHeader, key } of sent) {
    for (const value of [tokenHeader?.slice(plan.tokenPrefix.length), key]) {
      if (value !== undefined && value.length >= MIN_CUT_LENGTH) secrets.push(value);
    }
    if (plan.apiKeyQueryParam !== undefined) params.push(plan.apiKeyQueryParam);
    headers.push(plan.authHeader, plan.apiKeyHeader);
  }
  return { secrets, params, headers };
}

/**
 * Rethrows `error`; if it is an AxiosError that did not come through {@link redactError} (a
 * cancel while credentials resolved, a request sent without them), it is made safe to print the
 * same way: its request out of sight, its config printed scrubbed.
 */
export function printsNoSecret(error: unknown): never {
  if (typeof error !== 'object' || error === null) throw error;
  const axiosError = error as HasRequest & { isAxiosError?: unknown; response?: AxiosResponse };
  const config = axiosError.config;
  if (
    axiosError.isAxiosError === true &&
    typeof config === 'object' &&
    config !== null &&
    !Object.prototype.hasOwnProperty.call(config, INSPECT)
  ) {
    hideRequest(axiosError);
    if (axiosError.response) {
      axiosError.response = redactResponse(axiosError.response, axiosError.response.config);
    }
    printScrubbed(config, scrubRules());
  }
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- the adapter's rejection, unchanged
  throw error;
}
