import { ConfigurationError } from '../../errors';
import { HTTP_TOKEN } from '../../http/syntax';
import { isParamDeclaration, type ParamLocation, type ParamSpec } from '../params';
import type { UrlTemplate } from '../url-template';
import type { Slot, SlotSources } from './slot';

// The slots of declared arguments: from the params option, or from parameter decorators.

const FACTORY: Record<ParamLocation, string> = {
  path: 'Path',
  query: 'Query',
  body: 'Body',
  form: 'Form',
  header: 'Header',
};

/** The slots of the `params` option, by argument name, in declaration order. */
export function paramSlots(params: unknown, url: UrlTemplate, owner: string): Map<string, Slot> {
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

/** The slots of parameter decorators (experimentalDecorators), one per position. */
export function parameterSlots(sources: SlotSources, url: UrlTemplate, owner: string): Slot[] {
  const specs = sources.parameters ?? [];
  const count = Math.max(sources.arity, specs.length);
  const slots: Slot[] = [];
  for (let index = 0; index < count; index++) {
    const spec = specs[index];
    if (spec === undefined) {
      throw new ConfigurationError(
        `${owner}: parameter ${index + 1} has no decorator. Decorate every parameter ` +
          `(@Path('id'), @Query('name'), @Body(), @Form(), @Header('X-Name')) so each value has a place, ` +
          `imported from 'axios-dequest': @Query and @Body from '@nestjs/common' are for controllers and leave no mark here.`,
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
