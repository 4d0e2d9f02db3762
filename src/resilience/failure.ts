// What kind of failure an error is, decided once for retries, the breaker and staleIfError.
import type { AxiosError } from 'axios';

/** Network errors worth another try: the connection broke, or the name did not resolve (yet). */
const NETWORK_CODES = [
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ETIMEDOUT',
];
/** axios's own codes for a timeout (ETIMEDOUT with transitional.clarifyTimeoutError). */
const TIMEOUT_CODES = ['ECONNABORTED', 'ETIMEDOUT'];
/** Statuses that say "not now" rather than "never": a retry may well succeed. */
export const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);
const TRANSIENT_CODES: ReadonlySet<string> = new Set([
  ...NETWORK_CODES,
  ...TIMEOUT_CODES,
  'ERR_NETWORK',
]);
/** The request never reached the server: a POST sent again cannot be applied twice. */
const UNSENT_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

export const isAxiosError = (error: unknown): error is AxiosError =>
  typeof error === 'object' && error !== null && (error as AxiosError).isAxiosError === true;

/** The HTTP status of a failed request, when the server answered. */
export const statusOf = (error: unknown): number | undefined => {
  const status = (error as { response?: { status?: unknown } } | null)?.response?.status;
  return typeof status === 'number' ? status : undefined;
};

/** The caller cancelled (an AbortSignal, a CancelToken): never a failure of the server. */
export const isCanceled = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  ((error as { __CANCEL__?: unknown }).__CANCEL__ === true ||
    (error as { code?: unknown }).code === 'ERR_CANCELED');

/**
 * Every error code along the `cause` chain: axios's fetch adapter reports `ERR_NETWORK` with
 * the system error (ECONNREFUSED…) two causes down.
 */
export function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

/**
 * True for the failures worth retrying by default: network errors (ECONNRESET, ECONNREFUSED,
 * EPIPE, EAI_AGAIN, ENOTFOUND, ETIMEDOUT), timeouts, and statuses 408, 429, 500, 502, 503, 504.
 * Use it to extend `retryOn` rather than replace the defaults.
 *
 * @example
 * ```ts
 * createClient({ baseURL, retries: 3, retryOn: [isTransientError, 409] });
 * ```
 */
export function isTransientError(error: unknown): boolean {
  if (!isAxiosError(error) || isCanceled(error)) return false;
  const status = statusOf(error);
  if (status !== undefined) return TRANSIENT_STATUSES.has(status);
  return errorCodes(error).some((code) => TRANSIENT_CODES.has(code));
}

/**
 * The circuit breaker's default `isFailure`: the server failed or could not be reached (5xx,
 * 429, a network error, a timeout). Never a 4xx, a credential or mapping error, or an abort.
 */
export function isServerFailure(error: unknown): boolean {
  if (!isAxiosError(error) || isCanceled(error)) return false;
  const status = statusOf(error);
  return status === undefined || status >= 500 || status === 429;
}

/** True when the request did not reach the server at all (refused, or no such host). */
export const neverReachedServer = (error: unknown): boolean =>
  statusOf(error) === undefined && errorCodes(error).some((code) => UNSENT_CODES.has(code));

/** `status 503`, `ECONNRESET`, or the error's name: what failed, for an event. Never a message. */
export function describeFailure(error: unknown): string {
  const status = statusOf(error);
  if (status !== undefined) return `status ${status}`;
  const code = errorCodes(error).pop();
  if (code !== undefined) return code;
  return error instanceof Error ? error.name : typeof error;
}
