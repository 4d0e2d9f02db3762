import type { InternalAxiosRequestConfig } from 'axios';
import type { RequestCredentials } from './request-credentials';

/** Puts resolved credentials on the request: the headers, or the api key's query parameter. */
export function applyTo(config: InternalAxiosRequestConfig, resolved: RequestCredentials): void {
  const { plan, tokenHeader, key } = resolved;
  if (tokenHeader !== undefined) config.headers.set(plan.authHeader, tokenHeader);
  if (key === undefined) return;
  if (plan.apiKeyQueryParam === undefined) {
    config.headers.set(plan.apiKeyHeader, key);
  } else {
    // A new params object: the caller's own stays untouched, and no copy of the key outlives the request.
    const params: unknown = config.params;
    config.params =
      params instanceof URLSearchParams
        ? appendParam(new URLSearchParams(params), plan.apiKeyQueryParam, key)
        : { ...(params as object | undefined), [plan.apiKeyQueryParam]: key };
  }
}

const appendParam = (params: URLSearchParams, name: string, value: string): URLSearchParams => {
  params.set(name, value);
  return params;
};

/** Takes credentials off the request again, so the config that errors and responses carry holds no secret. */
export function removeFrom(
  config: InternalAxiosRequestConfig,
  resolved: RequestCredentials,
  originalParams: unknown,
): void {
  const { plan, tokenHeader, key } = resolved;
  if (tokenHeader !== undefined) removeHeader(config, plan.authHeader);
  if (key === undefined) return;
  if (plan.apiKeyQueryParam === undefined) removeHeader(config, plan.apiKeyHeader);
  else config.params = originalParams;
}

// applyTo set the header under this exact name (no other spelling of it was there), so delete
// that key directly; AxiosHeaders#delete would scan every name case-insensitively. If an adapter
// renamed it meanwhile, fall back to that scan: the secret must not stay on the config.
function removeHeader(config: InternalAxiosRequestConfig, name: string): void {
  const headers = config.headers as unknown as Record<string, unknown>;
  if (Object.prototype.hasOwnProperty.call(headers, name)) delete headers[name];
  else config.headers.delete(name);
}
