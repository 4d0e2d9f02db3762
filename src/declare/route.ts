import { AUTH_OPTION_KEYS } from '../auth';
import type { ResiliencePlan } from '../resilience';
import type { HeadersSource } from '../client';
import { originOf } from '../http/origin';
import { findClassConfig, type ClassConfig } from './class-config';
import type { Declaration } from './declaration';
import { methodPlan } from './declared-resilience';
import type { TransportOptions } from './options';
import { TransportCache, type Transport } from './transport';

/** How one call is sent: the transport, and what the declaration adds per request. */
export interface Route {
  readonly transport: Transport;
  /** The declaration's own headers, when the transport is the class's. */
  readonly headers: HeadersSource | undefined;
  readonly timeout: number | undefined;
  /** Retries, breaker and cache: the declaration's own over its class's. */
  readonly resilience: ResiliencePlan | undefined;
}

const own = new WeakMap<Declaration, TransportCache>();
const derived = new WeakMap<Declaration, WeakMap<ClassConfig, TransportCache>>();

/**
 * Picks the transport for a call on `self`: the declaration's own (no @ApiClient), the class's
 * shared one, or, when the method adds credentials, a baseURL or a client, one made from the
 * class's options and the method's together. Clients are made on first use and kept.
 */
export function routeFor(declaration: Declaration, self: unknown, declaredIn: unknown): Route {
  const { call, url } = declaration;
  const classConfig = findClassConfig(self, declaredIn);
  if (classConfig === undefined) {
    let cache = own.get(declaration);
    if (cache === undefined)
      own.set(declaration, (cache = new TransportCache(declaration.transport, url.origin)));
    const resilience = declaration.resilience?.plan;
    return {
      transport: cache.get(self, call, url),
      headers: undefined,
      timeout: undefined,
      resilience,
    };
  }
  const { headers, timeout } = declaration;
  const resilience = methodPlan(
    call,
    declaration.method,
    declaration.resilience,
    classConfig.resilience,
  );
  if (!declaration.addsTransport) {
    return { transport: classConfig.transports.get(self, call, url), headers, timeout, resilience };
  }
  let byClass = derived.get(declaration);
  if (byClass === undefined) derived.set(declaration, (byClass = new WeakMap()));
  let cache = byClass.get(classConfig);
  if (cache === undefined) {
    const merged = mergeOptions(classConfig.options, declaration);
    byClass.set(classConfig, (cache = new TransportCache(merged, url.origin)));
  }
  return { transport: cache.get(self, call, url), headers, timeout, resilience };
}

/**
 * The class's options with the method's on top (its headers and timeout ride per request).
 * A method whose absolute url is on another origin than the class's baseURL gets none of the
 * class's credential options: the class's token must not follow it there, and neither may its
 * allowedOrigins or refreshOn. Only the method's own credentials go with it.
 */
function mergeOptions(classOptions: TransportOptions, declaration: Declaration): TransportOptions {
  const { headers: _h, timeout: _t, ...added } = declaration.transport;
  const { url } = declaration;
  // A class without a baseURL (or with a relative one) names no origin: nothing is shared then.
  const classOrigin =
    classOptions.baseURL === undefined ? undefined : originOf(classOptions.baseURL);
  if (!url.absolute || url.origin === classOrigin) {
    return { ...classOptions, ...added };
  }
  const base: Record<string, unknown> = { ...classOptions };
  for (const key of AUTH_OPTION_KEYS) delete base[key];
  return { ...(base as TransportOptions), ...added };
}
