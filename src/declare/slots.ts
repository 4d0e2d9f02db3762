import { ConfigurationError } from '../errors';
import { HTTP_TOKEN } from '../http/syntax';
import { sendsBody, type HttpMethod } from './http-method';
import {
  isParamDeclaration,
  type ParamConverter,
  type ParamLocation,
  type ParamSpec,
} from './params';
import type { UrlTemplate } from './url-template';

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

const FACTORY: Record<ParamLocation, string> = {
  path: 'Path',
  query: 'Query',
  body: 'Body',
  form: 'Form',
  header: 'Header',
};

/** What a declaration says about its arguments. */
export interface SlotSources {
  readonly params: unknown;
  readonly args: unknown;
  /** Legacy parameter decorators, by parameter index. */
  readonly parameters: readonly (ParamSpec | undefined)[] | undefined;
  /** The declared parameter count (`fn.length`). */
  readonly arity: number;
}

/** Where the arguments that no declaration names go: decided once, per declaration. */
export interface UndeclaredRoute {
  /** The url's placeholders that no declared `Path` fills: an argument of that name fills it. */
  readonly placeholders: ReadonlySet<string>;
  /** Every other one: the query (GET, DELETE), else the form when there are `Form` fields, else the JSON body. */
  readonly rest: 'query' | 'form' | 'body';
}

/** The arguments' slots: by name (`params`), or by position (`args`, parameter decorators). */
export interface Slots {
  /** Named-argument mode: the declared `params`, in declaration order. */
  readonly named: ReadonlyMap<string, Slot> | undefined;
  /** Positional mode (`args` or parameter decorators): one slot per position. */
  readonly positional: readonly Slot[] | undefined;
  /** Named-argument mode: where the arguments not in `params` go. */
  readonly undeclared: UndeclaredRoute;
  /** The declaration has form fields: the body is a form. */
  readonly form: boolean;
}

/**
 * Checks `params`, `args` and parameter decorators against the url and each other, and gives
 * every declared argument its slot. Throws {@link ConfigurationError}.
 */
export function compileSlots(
  sources: SlotSources,
  url: UrlTemplate,
  method: HttpMethod,
  owner: string,
): Slots {
  const slots = slotsOf(sources, url, method, owner);
  const all = [...(slots.named?.values() ?? []), ...(slots.positional ?? [])];
  checkBodies(all, owner);
  return {
    ...slots,
    undeclared: undeclaredRoute(url, method, slots.named?.values() ?? []),
    form: all.some((s) => s.location === 'form'),
  };
}

type SlotLists = Pick<Slots, 'named' | 'positional'>;

function slotsOf(
  sources: SlotSources,
  url: UrlTemplate,
  method: HttpMethod,
  owner: string,
): SlotLists {
  const decorated = sources.parameters?.some((spec) => spec !== undefined) === true;
  if (decorated) {
    if (sources.args !== undefined || sources.params !== undefined) {
      throw new ConfigurationError(
        `${owner}: its parameters are decorated (@Path, @Query, …), so it takes no args or params option. Use one way.`,
      );
    }
    const positional = parameterSlots(sources, url, owner);
    assertPlaceholdersFilled(url, positional, owner);
    return { named: undefined, positional };
  }
  const declared = paramSlots(sources.params, url, owner);
  if (sources.args === undefined) {
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
  const names = checkArgs(sources.args, owner);
  for (const key of declared.keys()) {
    if (!names.includes(key)) {
      throw new ConfigurationError(
        `${owner}: params.${key} is not one of args [${names.join(', ')}].`,
      );
    }
  }
  const route = undeclaredRoute(url, method, declared.values());
  const positional = names.map((name) => declared.get(name) ?? undeclaredSlot(name, route));
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

function parameterSlots(sources: SlotSources, url: UrlTemplate, owner: string): Slot[] {
  const specs = sources.parameters ?? [];
  const count = Math.max(sources.arity, specs.length);
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
  if (spec.location === 'header' && !HTTP_TOKEN.test(alias)) {
    throw new ConfigurationError(
      `${owner}: ${JSON.stringify(alias)} is not a valid header name (${label}).`,
    );
  }
  return { argument, location: spec.location, alias, type: spec.type, whole };
}

function undeclaredRoute(
  url: UrlTemplate,
  method: HttpMethod,
  declared: Iterable<Slot>,
): UndeclaredRoute {
  const slots = [...declared];
  const paths = pathAliases(slots);
  return {
    placeholders: new Set(url.placeholders.filter((name) => !paths.has(name))),
    rest: !sendsBody(method) ? 'query' : slots.some((s) => s.location === 'form') ? 'form' : 'body',
  };
}

/** The slot of an argument no declaration names: a free placeholder's, else `route.rest`. */
export function undeclaredSlot(name: string, route: UndeclaredRoute): Slot {
  const location = route.placeholders.has(name) ? 'path' : route.rest;
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
