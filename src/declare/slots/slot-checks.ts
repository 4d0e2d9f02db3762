import { ConfigurationError } from '../../errors';
import type { UrlTemplate } from '../url-template';
import { pathAliases, type Slot } from './slot';

// How a declaration's slots must agree with its url and with each other.

/** The `args` option: distinct, non-empty argument names. */
export function compileArgs(args: unknown, owner: string): string[] {
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

/** Throws unless every placeholder of the url has a path slot. */
export function assertPlaceholdersFilled(
  url: UrlTemplate,
  slots: readonly Slot[],
  owner: string,
): void {
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

/** One request has one body: JSON or form, whole or by fields. */
export function assertOneBody(slots: readonly Slot[], owner: string): void {
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
