import { AxiosError } from 'axios';
import type { AxiosAdapter, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import type { RequestCredentials } from './request-credentials';
import { originOf } from '../http/origin';
import type { AuthPlan } from './auth-plan';
import { joinURL } from '../http/syntax';
import { allowedOnHop, isRedirect, withQueryParam } from './redirect-rules';

// What fetch and follow-redirects allow when maxRedirects is not set.
const DEFAULT_MAX_REDIRECTS = 20;

/**
 * Sends a request through axios's fetch adapter and follows its redirects here, because fetch
 * offers no hook: it would carry `x-api-key` to any origin. Each hop gets the credentials only
 * if its origin is allowed. The caller's config is never changed; each hop is a copy. `left`
 * learns which plans the chain has left.
 */
export async function sendFollowingRedirects(
  send: AxiosAdapter,
  config: InternalAxiosRequestConfig,
  resolved: readonly RequestCredentials[],
  left: Set<AuthPlan>,
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
    hop = nextHop(hop, url!, new URL(location, url).href, response.status, resolved, left);
    url = hop.url;
  }
}

function nextHop(
  previous: InternalAxiosRequestConfig,
  from: string,
  url: string,
  status: number,
  resolved: readonly RequestCredentials[],
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
  try {
    const url = joinURL(config.baseURL, config.url ?? '', config.allowAbsoluteUrls !== false);
    return new URL(url).href;
  } catch {
    return undefined;
  }
}
