import type { HeadersSource } from '../client';
import { ConfigurationError } from '../errors';
import { compileDeclaredResilience, type DeclaredResilience } from './declared-resilience';
import { compileHttpMethod, type HttpMethod } from './http-method';
import type { DeclarationOptions, TransportOptions } from './options';
import type { ParamSpec } from './params';
import { compileResponseSpec, type ResponseSpec } from './response';
import { compileSlots, type Slots } from './slots';
import { compileTransportOptions, TRANSPORT_KEYS } from './transport-options';
import { checkDeclaredOptions } from './option-names';
import { assertReachable } from './reachable';
import { compileUrlTemplate, type UrlTemplate } from './url-template';

/** Where a declaration was applied: what decorate.ts learned from the call shape. */
export interface DeclarationSite {
  /** The public decorator: `syncClient`, `Get`, … */
  readonly decorator: string;
  /** The function's or method's name, for messages. */
  readonly name: string;
  readonly kind: 'function' | 'method';
  /** Legacy parameter decorators, by parameter index. */
  readonly parameters?: readonly (ParamSpec | undefined)[] | undefined;
  /** The declared parameter count (`fn.length`). */
  readonly arity: number;
}

/** A checked declaration: everything a call needs that does not depend on its arguments. */
export interface Declaration extends Slots {
  /** `getUser`, for messages. */
  readonly call: string;
  readonly method: HttpMethod;
  readonly url: UrlTemplate;
  /** The transport options given to this declaration (undefined ones left out). */
  readonly transport: TransportOptions;
  /** It sets `baseURL`, `client` or a credential option: in a class, it needs its own client. */
  readonly addsTransport: boolean;
  readonly headers: HeadersSource | undefined;
  readonly timeout: number | undefined;
  readonly response: ResponseSpec;
  /** Its own retries, breaker and cache (over its class's). */
  readonly resilience: DeclaredResilience | undefined;
}

/** Throws unless `options` is an object: called as soon as the decorator factory is. */
export function assertOptionsObject(
  decorator: string,
  options: unknown,
): asserts options is object {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ConfigurationError(
      `${decorator}() takes an options object, e.g. ${decorator}({ url: 'https://api.example.com/users/{id}' }).`,
    );
  }
}

/**
 * Checks a declaration where it is applied, so that a wrong one fails when the module loads,
 * not when the call is first made.
 */
export function compileDeclaration(
  options: DeclarationOptions<unknown, object>,
  site: DeclarationSite,
): Declaration {
  const call = site.name;
  const owner = `${site.decorator} on ${call}`;
  checkDeclaredOptions(owner, options, site.decorator === 'asyncClient' ? 'async' : 'call');
  const url = compileUrlTemplate(options.url, `${owner}: url`);
  const method = compileHttpMethod(options.method ?? 'GET');
  const transport = compileTransportOptions(owner, options);
  // A plain function has no class to add a baseURL: unless a client may bring one, say so now.
  if (site.kind === 'function' && transport.client === undefined) {
    assertReachable(owner, url, transport.baseURL);
  }
  const slots = compileSlots(
    { params: options.params, args: options.args, parameters: site.parameters, arity: site.arity },
    url,
    method,
    owner,
  );
  return {
    call,
    method,
    url,
    ...slots,
    transport,
    addsTransport: TRANSPORT_KEYS.some(
      (key) => key !== 'headers' && key !== 'timeout' && key in transport,
    ),
    headers: transport.headers,
    timeout: transport.timeout,
    response: compileResponseSpec(owner, options),
    resilience: compileDeclaredResilience(owner, options, method),
  };
}
