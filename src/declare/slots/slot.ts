import type { ParamConverter, ParamLocation, ParamSpec } from '../params';

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

/** The placeholders that path slots fill. */
export const pathAliases = (slots: Iterable<Slot>): Set<string> =>
  new Set([...slots].filter((s) => s.location === 'path').map((s) => s.alias));

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
export interface UndeclaredPlacement {
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
  readonly undeclared: UndeclaredPlacement;
  /** The declaration has form fields: the body is a form. */
  readonly form: boolean;
}
