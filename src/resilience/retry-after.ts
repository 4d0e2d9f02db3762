// Retry-After (RFC 9110 §10.2.3): delta-seconds or an HTTP-date, honoured on 429 and 503.

/** The statuses whose Retry-After is honoured. */
export const RETRY_AFTER_STATUSES: ReadonlySet<number> = new Set([429, 503]);

/**
 * Milliseconds the server asked to wait, or `undefined` when the header is absent or
 * unreadable (a malformed value does not stop a retry: the computed delay applies). A date
 * in the past is 0.
 */
export function parseRetryAfter(value: unknown, epochNow: number): number | undefined {
  if (Array.isArray(value)) value = value[0];
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value).trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // Only a real HTTP-date: Date.parse alone reads "1" or "2025" as dates.
  if (!/^[A-Za-z]{3},? /.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - epochNow);
}

/** The Retry-After of a failed request's response, when its status honours one. */
export function retryAfterOf(error: unknown, epochNow: number): number | undefined {
  const response = (error as { response?: { status?: unknown; headers?: unknown } } | null)
    ?.response;
  if (typeof response?.status !== 'number' || !RETRY_AFTER_STATUSES.has(response.status))
    return undefined;
  const headers = response.headers as
    { get?: (name: string) => unknown; [name: string]: unknown } | undefined;
  const value =
    typeof headers?.get === 'function' ? headers.get('retry-after') : headers?.['retry-after'];
  return parseRetryAfter(value, epochNow);
}
