import type { AxiosAdapter, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import type { RequestCredentials } from './request-credentials';
import { originOf } from '../http/origin';
import type { AuthPlan } from './auth-plan';
import { throwIfCanceled } from './credential-wait';
import { joinURL } from '../http/syntax';
import { redirectFailure, settled, tooManyRedirects, unexpectedRedirect } from './redirect-errors';
import {
  allowedOnHop,
  isRedirect,
  redirectModeOf,
  redirectTarget,
  withQueryParam,
} from './redirect-rules';

// What fetch and follow-redirects allow when maxRedirects is not set.
const DEFAULT_MAX_REDIRECTS = 20;

/**
 * Sends a request through an adapter that offers no redirect hook (fetch, or any adapter the
 * package cannot tell is axios's http adapter) and follows its redirects here: each hop is sent
 * with `redirect: 'manual'` and `maxRedirects: 0`, so the adapter returns the 3xx, and gets the
 * credentials only if its origin is allowed. Only http(s) targets are followed. The first hop
 * is the caller's config itself, with those three fields set for the send and put back before
 * anything else sees it (as sendWith does with the credentials): most responses are not
 * redirects, and a copy of every field cost each request more than the rest of the auth layer.
 * Every later hop is a copy. `left` learns which plans the chain has left.
 */
export async function sendFollowingRedirects(
  send: AxiosAdapter,
  config: InternalAxiosRequestConfig,
  resolved: readonly RequestCredentials[],
  left: Set<AuthPlan>,
): Promise<AxiosResponse> {
  const maxRedirects = config.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const mode = redirectModeOf(config);
  const validateStatus = config.validateStatus;
  const manual: Pick<InternalAxiosRequestConfig, (typeof SET_PER_HOP)[number]> = {
    maxRedirects: 0,
    fetchOptions: { ...(config.fetchOptions as object | undefined), redirect: 'manual' },
    validateStatus: (status) => isRedirect(status) || !validateStatus || validateStatus(status),
  };
  let response = await sendAs(send, config, manual);
  let hop: InternalAxiosRequestConfig = config;
  // Worked out at the first redirect: most responses are none, and parsing a URL is not free.
  let url: string | undefined;
  for (let redirects = 0; ; redirects++) {
    if (!isRedirect(response.status) || mode === 'manual')
      return settled(response, hop, validateStatus);
    if (mode === 'error') throw unexpectedRedirect(hop, response);
    const location: unknown = response.headers?.['location'];
    if (hop === config) url = currentURL(config);
    if (typeof location !== 'string' || url === undefined)
      return settled(response, hop, validateStatus);
    if (redirects >= maxRedirects) throw tooManyRedirects(hop, response);
    const target = redirectTarget(location, url);
    if ('refused' in target) throw redirectFailure(target.refused, hop, response);
    const from: InternalAxiosRequestConfig = hop === config ? { ...config, ...manual } : hop;
    hop = nextHop(from, url, target.url, response.status, resolved, left);
    url = hop.url;
    // Cancelled while the last hop came back: axios's http adapter would still send this one.
    throwIfCanceled(hop);
    response = await send(hop);
  }
}

/** The fields each hop sets so that the adapter hands back a redirect instead of following it. */
const SET_PER_HOP = ['maxRedirects', 'fetchOptions', 'validateStatus'] as const;

/** Sends `config` with `fields` set on it, and puts its own values (or their absence) back. */
async function sendAs(
  send: AxiosAdapter,
  config: InternalAxiosRequestConfig,
  fields: Pick<InternalAxiosRequestConfig, (typeof SET_PER_HOP)[number]>,
): Promise<AxiosResponse> {
  const target = config as unknown as Record<string, unknown>;
  const saved = SET_PER_HOP.map((name) => (Object.hasOwn(target, name) ? target[name] : ABSENT));
  Object.assign(config, fields);
  try {
    return await send(config);
  } finally {
    SET_PER_HOP.forEach((name, i) => {
      if (saved[i] === ABSENT) delete target[name];
      else target[name] = saved[i];
    });
  }
}

const ABSENT = Symbol('absent');

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
