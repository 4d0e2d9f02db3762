import { ConfigurationError } from '../errors';
import { describeValue } from '../http/describe-value';
import { isThenable } from '../http/syntax';
import type { Declaration } from './declaration';
import { undeclaredSlot, type Slot } from './slots';

/** One argument of a call, with its place in the request. */
export interface BoundArgument {
  readonly slot: Slot;
  readonly value: unknown;
}

// Values that are objects but clearly not "an object of named arguments".
const isNamedArguments = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  !(value instanceof Date) &&
  !(value instanceof Map) &&
  !(value instanceof Set) &&
  !(value instanceof URLSearchParams) &&
  !ArrayBuffer.isView(value) &&
  !(value instanceof ArrayBuffer) &&
  !isThenable(value);

/**
 * Gives each argument of a call its slot, in declaration order: positions for `args` and
 * parameter decorators; otherwise the declared `params` first, then the rest of the object.
 */
export function bindArguments(declaration: Declaration, args: readonly unknown[]): BoundArgument[] {
  const { call, positional, named, undeclared } = declaration;
  if (positional !== undefined) {
    if (args.length > positional.length) {
      throw new ConfigurationError(
        `${call} takes ${positional.length} argument${positional.length === 1 ? '' : 's'} ` +
          `(${positional.map((s) => s.argument).join(', ')}), but was called with ${args.length}.`,
      );
    }
    return positional.map((slot, index) => ({ slot, value: args[index] }));
  }
  const values = namedValues(call, args);
  const bound: BoundArgument[] = [];
  for (const [name, slot] of named ?? []) bound.push({ slot, value: values[name] });
  for (const name of Object.keys(values)) {
    if (named?.has(name) === true) continue;
    bound.push({ slot: undeclaredSlot(name, undeclared), value: values[name] });
  }
  return bound;
}

function namedValues(call: string, args: readonly unknown[]): Record<string, unknown> {
  if (args.length === 0 || (args.length === 1 && args[0] === undefined)) return {};
  if (args.length === 1 && isNamedArguments(args[0])) return args[0];
  throw new ConfigurationError(
    `${call} takes one object of named arguments, e.g. ${call}({ id: 1 }), but was called with ` +
      `${args.length === 1 ? describeValue(args[0], { secret: true }) : `${args.length} arguments`}. To pass arguments by position, ` +
      `name them: args: ['id', …] (or decorate the parameters, with experimentalDecorators).`,
  );
}
