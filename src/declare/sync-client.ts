import { performCall } from './call';
import { assertOptionsObject, compileDeclaration } from './declaration';
import { decorate } from './decorate';
import type { SyncClientOptions } from './options';
import type { SyncDecorator } from './types';

/** The decorator of a syncClient-style declaration, named `decorator` in messages. */
export function syncDeclaration<T, A extends object>(
  decorator: string,
  options: SyncClientOptions<T, A>,
): SyncDecorator<T, A> {
  assertOptionsObject(decorator, options);
  return ((...shape: unknown[]) =>
    decorate(decorator, shape, (site) => {
      const declaration = compileDeclaration(options as SyncClientOptions<unknown, object>, site);
      return (self, args, declaredIn) => performCall(declaration, self, args, declaredIn);
    })) as SyncDecorator<T, A>;
}

/**
 * dequest's `sync_client`: declares an HTTP call. The decorated function or method becomes the
 * call (its body never runs); calling it returns a promise of the response data, mapped by
 * `sourceField`, `dto` or `map`. HTTP failures reject with a `DequestError` naming method and
 * URL; wrong arguments or declarations with a `ConfigurationError` or
 * `InvalidParameterValueError` before anything is sent.
 *
 * @example
 * ```ts
 * const getData = syncClient({ url: 'https://api.example.com/data', authToken: 'your_static_token' })(
 *   function getData() {},
 * );
 * const data = await getData();
 *
 * const getUser = syncClient<User>({ url: 'https://api.example.com/users/{id}', params: { id: Path({ type: Number }) }, dto: User })(
 *   function getUser(_: { id: number }) {},
 * );
 * const user = await getUser({ id: 1 });
 * ```
 */
export function syncClient<T = unknown, A extends object = Record<string, unknown>>(
  options: SyncClientOptions<T, A>,
): SyncDecorator<T, A> {
  return syncDeclaration('syncClient', options);
}
