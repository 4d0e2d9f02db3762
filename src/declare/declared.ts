/**
 * The body of a declared method. The decorator replaces the method, so the body never runs;
 * this only satisfies its return type (`Promise<User>`), without a cast.
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
  return undefined as never;
}
