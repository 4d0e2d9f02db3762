import { ConfigurationError } from '../errors';

// In a Nest file, `Get` from '@nestjs/common' is one auto-import away from ours: it marks a
// controller route and leaves the method's body to run, which is how declared() gets called.
const NEST_SLIP =
  "Get, Post, Put, Patch and Delete from '@nestjs/common' declare controller routes, not calls: " +
  "import them from 'axios-dequest' (renamed where a file needs both: import { Get as GetCall } from 'axios-dequest').";

/** The decorators that make a method a declared call, and the slip that leaves it undeclared. */
export const UNDECLARED_ADVICE =
  "Decorate it with @Get(…), @Post(…), @Put(…), @Patch(…), @Delete(…) or @syncClient({…}) from 'axios-dequest'. " +
  NEST_SLIP;

/** `UsersApi.getUser`: the function that called `fn`, from the stack, when the engine says. */
function callerOf(fn: (...args: never[]) => unknown): string | undefined {
  const holder: { stack?: string } = {};
  Error.captureStackTrace(holder, fn);
  const frame = holder.stack?.split('\n')[1] ?? '';
  const name = /^\s*at (?:async )?([\w$.#]+) /.exec(frame)?.[1];
  return name === undefined || /^(Object|Module)\./.test(name) ? undefined : name;
}

/**
 * The body of a declared method. The decorator replaces the method, so the body never runs;
 * this only satisfies its return type (`Promise<User>`), without a cast. When it does run, the
 * method was not declared (no decorator, or Nest's `Get` instead of ours): it throws a
 * {@link ConfigurationError} that names the method and says which import to fix.
 *
 * @example
 * ```ts
 * @Get('/users/{id}')
 * getUser(_: { id: number }): Promise<User> {
 *   return declared();
 * }
 * ```
 */
export function declared(): never {
  const caller = callerOf(declared);
  throw new ConfigurationError(
    `declared() ran${caller === undefined ? '' : ` in ${caller}`}, so it is not a declared call and nothing was sent. ` +
      UNDECLARED_ADVICE,
  );
}
