import type { AxiosInstance } from 'axios';
import { AUTH_OPTION_KEYS } from '../auth';
import type { HeadersSource } from '../client';
import { ConfigurationError } from '../errors';
import { assertHeadersSource } from './headers';
import { sendsBody, toHttpMethod, type HttpMethod } from './http-method';
import type { DeclarationOptions, TransportOptions } from './options';
import {
  isParamDeclaration,
  type ParamConverter,
  type ParamLocation,
  type ParamSpec,
} from './params';
import { compileResponseSpec, type ResponseSpec } from './response';
import { parseUrlTemplate, type UrlTemplate } from './url-template';

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

/** One argument's place in the request. */
export interface Slot {
  /** The argument's name, for messages. */
  readonly argument: string;
  readonly location: ParamLocation;
  /** The wire name (placeholder, field, header); unused when `whole`. */
  readonly alias: string;
  readonly type: ParamConverter | undefined;
  readonly whole: boolean;
}

/** A checked declaration: everything a call needs that does not depend on its arguments. */
export interface Declaration {
  /** `getUser`, for messages. */
  readonly call: string;
  readonly method: HttpMethod;
  readonly url: UrlTemplate;
  /** Named-argument mode: the declared `params`, in declaration order. */
  readonly named: ReadonlyMap<string, Slot> | undefined;
  /** Positional mode (`args` or parameter decorators): one slot per position. */
  readonly positional: readonly Slot[] | undefined;
  /** The declaration has form fields: undeclared body arguments join the form. */
  readonly form: boolean;
  /** The transport options given to this declaration (undefined ones left out). */
  readonly transport: TransportOptions;
  /** It sets `baseURL`, `client` or a credential option: in a class, it needs its own client. */
  readonly addsTransport: boolean;
  readonly headers: HeadersSource | undefined;
  readonly timeout: number | undefined;
  readonly response: ResponseSpec;
}

const TRANSPORT_KEYS = ['baseURL', 'client', 'headers', 'timeout', ...AUTH_OPTION_KEYS] as const;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const FACTORY: Record<ParamLocation, string> = {
  path: 'Path',
  query: 'Query',
  body: 'Body',
  form: 'Form',
  header: 'Header',
};

/** Checks the transport options shared by declarations and {@link ApiClient}. */
export function checkTransportOptions(owner: string, options: TransportOptions): TransportOptions {
  const { baseURL, client, timeout } = options;
  if (baseURL !== undefined && typeof baseURL !== 'string') {
    throw new ConfigurationError(
      `${owner}: baseURL must be a string such as 'https://api.example.com'.`,
    );
  }
  if (client !== undefined && typeof client !== 'function' && !isAxiosInstance(client)) {
    throw new ConfigurationError(
      `${owner}: client must be an axios instance (axios.create(), HttpService.axiosRef) or a function returning one.`,
    );
  }
  if (
    timeout !== undefined &&
    !(typeof timeout === 'number' && Number.isFinite(timeout) && timeout >= 0)
  ) {
    throw new ConfigurationError(
      `${owner}: timeout is in milliseconds, a number >= 0 (0: no timeout), got ${String(timeout)}.`,
    );
  }
  assertHeadersSource(options.headers, owner);
  const given: Record<string, unknown> = {};
  for (const key of TRANSPORT_KEYS) if (options[key] !== undefined) given[key] = options[key];
  return given as TransportOptions;
}

/** True for an axios instance (or `axios` itself), from any copy of axios. */
export const isAxiosInstance = (value: unknown): value is AxiosInstance =>
  (typeof value === 'function' || typeof value === 'object') &&
  value !== null &&
  typeof (value as AxiosInstance).request === 'function' &&
  typeof (value as AxiosInstance).defaults === 'object';

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
  const url = parseUrlTemplate(options.url, `${owner}: url`);
  const method = toHttpMethod(options.method ?? 'GET');
  const transport = checkTransportOptions(owner, options);
  if (
    site.kind === 'function' &&
    !url.absolute &&
    transport.baseURL === undefined &&
    transport.client === undefined
  ) {
    throw new ConfigurationError(
      `${owner}: the url ${JSON.stringify(url.source)} is relative and there is no baseURL. ` +
        `Write the url in full ('https://api.example.com/…'), or add baseURL (or client).`,
    );
  }
  const slots = compileSlots(options, site, url, method, owner);
  checkBodies([...(slots.named?.values() ?? []), ...(slots.positional ?? [])], owner);
  return {
    call,
    method,
    url,
    ...slots,
    form: [...(slots.named?.values() ?? []), ...(slots.positional ?? [])].some(
      (s) => s.location === 'form',
    ),
    transport,
    addsTransport: TRANSPORT_KEYS.some(
      (key) => key !== 'headers' && key !== 'timeout' && key in transport,
    ),
    headers: transport.headers,
    timeout: transport.timeout,
    response: compileResponseSpec(owner, options),
  };
}

function compileSlots(
  options: DeclarationOptions<unknown, object>,
  site: DeclarationSite,
  url: UrlTemplate,
  method: HttpMethod,
  owner: string,
): Pick<Declaration, 'named' | 'positional'> {
  const decorated = site.parameters?.some((spec) => spec !== undefined) === true;
  if (decorated) {
    if (options.args !== undefined || options.params !== undefined) {
      throw new ConfigurationError(
        `${owner}: its parameters are decorated (@Path, @Query, …), so it takes no args or params option. Use one way.`,
      );
    }
    const positional = parameterSlots(site, url, owner);
    assertPlaceholdersFilled(url, positional, owner);
    return { named: undefined, positional };
  }
  const declared = paramSlots(options.params, url, owner);
  if (options.args === undefined) {
    for (const placeholder of url.placeholders) {
      const slot = declared.get(placeholder);
      if (
        slot !== undefined &&
        slot.location !== 'path' &&
        !pathAliases(declared.values()).has(placeholder)
      ) {
        throw new ConfigurationError(
          `${owner}: the url has {${placeholder}}, but params.${placeholder} sends that argument to the ${slot.location}. ` +
            `Declare it Path(), or rename the placeholder.`,
        );
      }
    }
    return { named: declared, positional: undefined };
  }
  const names = checkArgs(options.args, owner);
  for (const key of declared.keys()) {
    if (!names.includes(key)) {
      throw new ConfigurationError(
        `${owner}: params.${key} is not one of args [${names.join(', ')}].`,
      );
    }
  }
  const paths = pathAliases(declared.values());
  const positional = names.map(
    (name) =>
      declared.get(name) ?? undeclaredSlot(name, url, method, paths, [...declared.values()]),
  );
  assertPlaceholdersFilled(url, positional, owner);
  return { named: undefined, positional };
}

const pathAliases = (slots: Iterable<Slot>): Set<string> =>
  new Set([...slots].filter((s) => s.location === 'path').map((s) => s.alias));

function paramSlots(params: unknown, url: UrlTemplate, owner: string): Map<string, Slot> {
  const slots = new Map<string, Slot>();
  if (params === undefined) return slots;
  if (typeof params !== 'object' || params === null) {
    throw new ConfigurationError(
      `${owner}: params must be an object such as { id: Path(), city: Query('city_name') }.`,
    );
  }
  for (const [key, declaration] of Object.entries(params)) {
    if (!isParamDeclaration(declaration)) {
      throw new ConfigurationError(
        `${owner}: params.${key} must be Path(), Query(), Body(), Form() or Header() (called, with parentheses).`,
      );
    }
    const alias = declaration.alias ?? key;
    const whole = declaration.whole === true;
    slots.set(key, toSlot(key, `params.${key}`, declaration, alias, whole, url, owner));
  }
  return slots;
}

function parameterSlots(site: DeclarationSite, url: UrlTemplate, owner: string): Slot[] {
  const specs = site.parameters ?? [];
  const count = Math.max(site.arity, specs.length);
  const slots: Slot[] = [];
  for (let index = 0; index < count; index++) {
    const spec = specs[index];
    if (spec === undefined) {
      throw new ConfigurationError(
        `${owner}: parameter ${index + 1} has no decorator. Decorate every parameter ` +
          `(@Path('id'), @Query('name'), @Body(), @Form(), @Header('X-Name')) so each value has a place.`,
      );
    }
    const whole =
      spec.whole === true ||
      (spec.alias === undefined && (spec.location === 'body' || spec.location === 'form'));
    if (spec.alias === undefined && !whole) {
      const example = spec.location === 'header' ? "'X-Trace-Id'" : "'user_id'";
      throw new ConfigurationError(
        `${owner}: @${FACTORY[spec.location]}() on parameter ${index + 1} needs a name, e.g. @${FACTORY[spec.location]}(${example}): ` +
          `parameter names are not known at run time.`,
      );
    }
    const argument = whole ? `${spec.location} (parameter ${index + 1})` : (spec.alias as string);
    const label = `@${FACTORY[spec.location]}(${whole ? '' : `'${spec.alias}'`}) on parameter ${index + 1}`;
    slots.push(toSlot(argument, label, spec, spec.alias ?? '', whole, url, owner));
  }
  return slots;
}

function toSlot(
  argument: string,
  label: string,
  spec: ParamSpec,
  alias: string,
  whole: boolean,
  url: UrlTemplate,
  owner: string,
): Slot {
  if (spec.location === 'path' && !url.placeholders.includes(alias)) {
    throw new ConfigurationError(
      `${owner}: ${label} is a path parameter, but the url ${JSON.stringify(url.source)} has no {${alias}}.`,
    );
  }
  if (spec.location === 'header' && !HEADER_NAME.test(alias)) {
    throw new ConfigurationError(
      `${owner}: ${JSON.stringify(alias)} is not a valid header name (${label}).`,
    );
  }
  return { argument, location: spec.location, alias, type: spec.type, whole };
}

/** The slot of an argument no declaration names: path, else query or body by method. */
export function undeclaredSlot(
  name: string,
  url: UrlTemplate,
  method: HttpMethod,
  declaredPaths: ReadonlySet<string>,
  declared: readonly Slot[],
): Slot {
  const location: ParamLocation =
    url.placeholders.includes(name) && !declaredPaths.has(name)
      ? 'path'
      : !sendsBody(method)
        ? 'query'
        : declared.some((s) => s.location === 'form')
          ? 'form'
          : 'body';
  return { argument: name, location, alias: name, type: undefined, whole: false };
}

function checkArgs(args: unknown, owner: string): string[] {
  if (!Array.isArray(args) || !args.every((name) => typeof name === 'string' && name !== '')) {
    throw new ConfigurationError(
      `${owner}: args must be a list of argument names, e.g. args: ['user_id', 'username'].`,
    );
  }
  const seen = new Set<string>();
  for (const name of args as string[]) {
    if (seen.has(name))
      throw new ConfigurationError(`${owner}: args names ${JSON.stringify(name)} twice.`);
    seen.add(name);
  }
  return args as string[];
}

function assertPlaceholdersFilled(url: UrlTemplate, slots: readonly Slot[], owner: string): void {
  const filled = pathAliases(slots);
  for (const placeholder of url.placeholders) {
    if (!filled.has(placeholder)) {
      throw new ConfigurationError(
        `${owner}: the url has {${placeholder}}, but no argument fills it ` +
          `(arguments: ${slots.map((s) => s.argument).join(', ') || 'none'}). Name one ${placeholder}, or declare it Path('${placeholder}').`,
      );
    }
  }
}

// One request has one body: JSON or form, whole or by fields.
function checkBodies(slots: readonly Slot[], owner: string): void {
  const body = slots.filter((s) => s.location === 'body');
  const form = slots.filter((s) => s.location === 'form');
  if (body.length > 0 && form.length > 0) {
    throw new ConfigurationError(
      `${owner}: it declares both JSON body (${body.map((s) => s.argument).join(', ')}) and form ` +
        `(${form.map((s) => s.argument).join(', ')}) arguments; a request has one body. Use Body or Form.`,
    );
  }
  for (const group of [body, form]) {
    if (group.some((s) => s.whole) && group.length > 1) {
      throw new ConfigurationError(
        `${owner}: ${group.map((s) => s.argument).join(' and ')} all claim the body, but one of them is the whole body. ` +
          `Give the whole body alone, or declare fields only.`,
      );
    }
  }
}
