import { AxiosError } from 'axios';
import type { AxiosAdapter, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { originOf } from './origins';
import type { ResolvedCredentials } from './apply';
import type { AuthPlan } from './plan';

type RedirectOptions = { href?: string; headers?: Record<string, unknown> };
type BeforeRedirect = (options: RedirectOptions, ...rest: unknown[]) => void;

/**
 * A follow-redirects `beforeRedirect` hook for the http adapter. follow-redirects strips
 * `Authorization` on a cross-host redirect but never `x-api-key`, and keeps `Authorization` on a
 * redirect to a subdomain; so decide per origin here: the headers (and the api key query
 * parameter) go on only where the plan allows them. The user's own hook runs after ours, as it
 * would without us. One hook per request: it remembers which plans the chain has left.
 */
export function guardRedirects(
  resolved: readonly ResolvedCredentials[],
  userHook: BeforeRedirect | undefined,
): BeforeRedirect {
  const left = new Set<AuthPlan>();
  return function beforeRedirect(options, ...rest) {
    const origin = options.href === undefined ? null : originOf(options.href);
    const headers = (options.headers ??= {});
    for (const { plan, tokenHeader, key } of resolved) {
      const allowed = allowedOnHop(plan, origin, left);
      // Where credentials may not go, neither ours nor a header the caller set under those names goes.
      if (tokenHeader !== undefined || !allowed)
        setOrStrip(headers, plan.authHeader, allowed ? tokenHeader : undefined);
      if (plan.apiKeyQueryParam === undefined) {
        if (key !== undefined || !allowed)
          setOrStrip(headers, plan.apiKeyHeader, allowed ? key : undefined);
      } else if (options.href !== undefined && (key !== undefined || !allowed)) {
        const url = new URL(options.href);
        url.search = withQueryParam(url.search, plan.apiKeyQueryParam, allowed ? key : undefined);
        options.href = url.href;
        (options as Record<string, unknown>)['search'] = url.search;
        (options as Record<string, unknown>)['path'] = url.pathname + url.search;
      }
    }
    if (userHook) userHook(options, ...rest);
  };
}

// Once a hop went to an origin the plan does not allow, that origin chose every later URL; a
// way back to an allowed origin (A -> B -> A) could be any URL of A that B likes, so the rest of
// the chain goes without this plan's credentials. fetch and follow-redirects do the same with an
// Authorization header they dropped.
function allowedOnHop(plan: AuthPlan, origin: string | null, left: Set<AuthPlan>): boolean {
  if (left.has(plan)) return false;
  if (plan.origins.allowsOrigin(origin)) return true;
  left.add(plan);
  return false;
}

/**
 * `search` with the query parameter `name` removed, then set to `value` when there is one. The
 * other parameters keep their spelling byte for byte, so the server reads the URL it redirected to.
 */
function withQueryParam(search: string, name: string, value: string | undefined): string {
  const kept = search
    .replace(/^\?/, '')
    .split('&')
    .filter((part) => part !== '' && paramName(part) !== name);
  if (value !== undefined) kept.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
  return kept.length === 0 ? '' : `?${kept.join('&')}`;
}

function paramName(part: string): string {
  const raw = part.split('=', 1)[0]!.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function setOrStrip(
  headers: Record<string, unknown>,
  name: string,
  value: string | undefined,
): void {
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
  const left = new Set<AuthPlan>();
  for (let redirects = 0; ; redirects++) {
    const response = await send(hop);
    const location: unknown = response.headers?.['location'];
    // maxRedirects: 0 returns the 3xx itself, as the http adapter does. Older fetch adapters
    // ignore maxRedirects and would let fetch follow (with x-api-key), so it is handled here.
    const follow =
      isRedirect(response.status) &&
      typeof location === 'string' &&
      url !== undefined &&
      maxRedirects !== 0;
    if (!follow) {
      if (validateStatus && !validateStatus(response.status)) {
        // As axios's settle() words and codes it.
        throw new AxiosError(
          `Request failed with status code ${response.status}`,
          response.status >= 400 && response.status < 500
            ? AxiosError.ERR_BAD_REQUEST
            : AxiosError.ERR_BAD_RESPONSE,
          hop,
          response.request,
          response,
        );
      }
      return response;
    }
    if (redirects >= maxRedirects) {
      throw new AxiosError(
        'Maximum number of redirects exceeded',
        'ERR_FR_TOO_MANY_REDIRECTS',
        hop,
        response.request,
        response,
      );
    }
    hop = nextHop(
      hop,
      url!,
      new URL(location as string, url).href,
      response.status,
      resolved,
      left,
    );
    url = hop.url;
  }
}

function nextHop(
  previous: InternalAxiosRequestConfig,
  from: string,
  url: string,
  status: number,
  resolved: readonly ResolvedCredentials[],
  left: Set<AuthPlan>,
): InternalAxiosRequestConfig {
  const headers = previous.headers.concat();
  const method = (previous.method ?? 'get').toUpperCase();
  // As fetch does: 303 turns anything but HEAD into GET; 301/302 turn POST into GET. The body goes.
  const toGet =
    (status === 303 && method !== 'GET' && method !== 'HEAD') ||
    ((status === 301 || status === 302) && method === 'POST');
  if (toGet) {
    for (const name of Object.keys(headers.toJSON()))
      if (/^content-/i.test(name)) headers.delete(name);
  }
  const origin = originOf(url);
  if (origin !== originOf(from)) {
    // What fetch itself drops on a cross-origin redirect.
    headers.delete('authorization');
    headers.delete('cookie');
    headers.delete('proxy-authorization');
  }
  for (const { plan, tokenHeader, key } of resolved) {
    const allowed = allowedOnHop(plan, origin, left);
    if (tokenHeader !== undefined || !allowed) headers.delete(plan.authHeader);
    if (allowed && tokenHeader !== undefined) headers.set(plan.authHeader, tokenHeader);
    if (plan.apiKeyQueryParam === undefined) {
      if (key !== undefined || !allowed) headers.delete(plan.apiKeyHeader);
      if (allowed && key !== undefined) headers.set(plan.apiKeyHeader, key);
    } else if (key !== undefined || !allowed) {
      const parsed = new URL(url);
      parsed.search = withQueryParam(
        parsed.search,
        plan.apiKeyQueryParam,
        allowed ? key : undefined,
      );
      url = parsed.href;
    }
  }
  return {
    ...previous,
    url,
    baseURL: undefined,
    allowAbsoluteUrls: true,
    params: undefined,
    headers,
    ...(toGet ? { method: 'get', data: undefined } : {}),
  };
}

function currentURL(config: InternalAxiosRequestConfig): string | undefined {
  const url = config.url ?? '';
  try {
    if (/^([a-z][a-z\d+\-.]*:)?\/\//i.test(url) && config.allowAbsoluteUrls !== false)
      return new URL(url).href;
    return config.baseURL
      ? new URL(config.baseURL.replace(/\/+$/, '') + '/' + url.replace(/^\/+/, '')).href
      : undefined;
  } catch {
    return undefined;
  }
}
