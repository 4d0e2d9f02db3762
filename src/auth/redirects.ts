import { AxiosError } from 'axios';
import type { AxiosAdapter, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { originOf } from './origins';
import type { ResolvedCredentials } from './apply';
import { applyTo } from './apply';

type RedirectOptions = { href?: string; headers?: Record<string, unknown> };
type BeforeRedirect = (options: RedirectOptions, ...rest: unknown[]) => void;

/**
 * A follow-redirects `beforeRedirect` hook for the http adapter. follow-redirects strips
 * `Authorization` on a cross-host redirect but never `x-api-key`, and keeps `Authorization` on a
 * redirect to a subdomain; so decide per origin here: the headers go on only where the plan
 * allows them. The user's own hook runs after ours, as it would without us.
 */
export function guardRedirects(
  resolved: readonly ResolvedCredentials[],
  userHook: BeforeRedirect | undefined,
): BeforeRedirect {
  return function beforeRedirect(options, ...rest) {
    const origin = options.href === undefined ? null : originOf(options.href);
    const headers = (options.headers ??= {});
    for (const { plan, tokenHeader, key } of resolved) {
      const allowed = plan.origins.allowsOrigin(origin);
      // Where credentials may not go, neither ours nor a header the caller set under those names goes.
      if (tokenHeader !== undefined || !allowed) setOrStrip(headers, plan.authHeader, allowed ? tokenHeader : undefined);
      if (plan.apiKeyQueryParam === undefined && (key !== undefined || !allowed))
        setOrStrip(headers, plan.apiKeyHeader, allowed ? key : undefined);
    }
    if (userHook) userHook(options, ...rest);
  };
}

function setOrStrip(headers: Record<string, unknown>, name: string, value: string | undefined): void {
  const lower = name.toLowerCase();
  for (const existing of Object.keys(headers)) {
    if (existing.toLowerCase() === lower) delete headers[existing];
  }
  if (value !== undefined) headers[name] = value;
}

const isRedirect = (status: number): boolean =>
  status === 301 || status === 302 || status === 303 || status === 307 || status === 308;

// What fetch and follow-redirects allow when maxRedirects is not set.
const DEFAULT_MAX_REDIRECTS = 20;

/**
 * Sends a request through axios's fetch adapter and follows its redirects here, because fetch
 * offers no hook: it would carry `x-api-key` to any origin. Each hop gets the credentials only
 * if its origin is allowed. The caller's config is never changed; each hop is a copy.
 */
export async function sendFollowingRedirects(
  send: AxiosAdapter,
  config: InternalAxiosRequestConfig,
  resolved: readonly ResolvedCredentials[],
): Promise<AxiosResponse> {
  const maxRedirects = config.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const validateStatus = config.validateStatus;
  let hop: InternalAxiosRequestConfig = {
    ...config,
    headers: config.headers.concat(),
    maxRedirects: 0,
    fetchOptions: { ...(config.fetchOptions as object | undefined), redirect: 'manual' },
    validateStatus: (status) => isRedirect(status) || !validateStatus || validateStatus(status),
  };
  let url = currentURL(config);
  for (let redirects = 0; ; redirects++) {
    const response = await send(hop);
    const location: unknown = response.headers?.['location'];
    if (!isRedirect(response.status) || typeof location !== 'string' || url === undefined) {
      if (validateStatus && !validateStatus(response.status)) {
        throw new AxiosError(
          `Request failed with status code ${response.status}`,
          response.status >= 500 ? AxiosError.ERR_BAD_RESPONSE : AxiosError.ERR_BAD_REQUEST,
          hop,
          response.request,
          response,
        );
      }
      return response;
    }
    if (redirects >= maxRedirects) {
      throw new AxiosError('Maximum number of redirects exceeded', 'ERR_FR_TOO_MANY_REDIRECTS', hop, response.request, response);
    }
    const next = new URL(location, url).href;
    hop = nextHop(hop, url, next, response.status, resolved);
    url = next;
  }
}

function nextHop(
  previous: InternalAxiosRequestConfig,
  from: string,
  url: string,
  status: number,
  resolved: readonly ResolvedCredentials[],
): InternalAxiosRequestConfig {
  const headers = previous.headers.concat();
  const method = (previous.method ?? 'get').toUpperCase();
  // As fetch does: 303 turns anything but HEAD into GET; 301/302 turn POST into GET. The body goes.
  const toGet = (status === 303 && method !== 'GET' && method !== 'HEAD') || ((status === 301 || status === 302) && method === 'POST');
  if (toGet) {
    for (const name of Object.keys(headers.toJSON())) if (/^content-/i.test(name)) headers.delete(name);
  }
  const hop: InternalAxiosRequestConfig = {
    ...previous,
    url,
    baseURL: undefined,
    allowAbsoluteUrls: true,
    params: undefined,
    headers,
    ...(toGet ? { method: 'get', data: undefined } : {}),
  };
  const origin = originOf(url);
  if (origin !== originOf(from)) {
    // What fetch itself drops on a cross-origin redirect.
    headers.delete('authorization');
    headers.delete('cookie');
    headers.delete('proxy-authorization');
  }
  for (const credentials of resolved) {
    const { plan, tokenHeader, key } = credentials;
    const allowed = plan.origins.allowsOrigin(origin);
    if (tokenHeader !== undefined || !allowed) headers.delete(plan.authHeader);
    if (plan.apiKeyQueryParam === undefined && (key !== undefined || !allowed)) headers.delete(plan.apiKeyHeader);
    if (allowed) applyTo(hop, credentials);
  }
  return hop;
}

function currentURL(config: InternalAxiosRequestConfig): string | undefined {
  const url = config.url ?? '';
  try {
    if (/^([a-z][a-z\d+\-.]*:)?\/\//i.test(url) && config.allowAbsoluteUrls !== false) return new URL(url).href;
    return config.baseURL ? new URL(config.baseURL.replace(/\/+$/, '') + '/' + url.replace(/^\/+/, '')).href : undefined;
  } catch {
    return undefined;
  }
}
