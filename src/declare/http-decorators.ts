import type { MethodOptions } from './options';
import { syncDeclaration } from './sync-client';
import type { SyncDecorator } from './types';

type Preset = <T = unknown, A extends object = Record<string, unknown>>(
  path?: string,
  options?: MethodOptions<T, A>,
) => SyncDecorator<T, A>;

const preset =
  (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', decorator: string): Preset =>
  <T, A extends object>(path = '', options?: MethodOptions<T, A>) =>
    syncDeclaration<T, A>(decorator, { ...options, url: path, method });

/**
 * `syncClient` with `method: GET`. `path` is relative to the class's `@ApiClient` baseURL
 * (or absolute); `options` add to the class's.
 *
 * @example
 * ```ts
 * @Get('/users/{id}', { dto: User }) getUser(_: { id: number }): Promise<User> { return declared(); }
 * ```
 */
export const Get: Preset = preset('GET', 'Get');

/**
 * `syncClient` with `method: POST`; undeclared arguments form the JSON body.
 *
 * @example
 * ```ts
 * @Post('/users') createUser(_: { name: string; city: string }): Promise<User> { return declared(); }
 * ```
 */
export const Post: Preset = preset('POST', 'Post');

/**
 * `syncClient` with `method: PUT`.
 *
 * @example
 * ```ts
 * @Put('/users/{id}') replaceUser(_: { id: number; name: string }): Promise<User> { return declared(); }
 * ```
 */
export const Put: Preset = preset('PUT', 'Put');

/**
 * `syncClient` with `method: PATCH`.
 *
 * @example
 * ```ts
 * @Patch('/users/{id}') renameUser(_: { id: number; name: string }): Promise<User> { return declared(); }
 * ```
 */
export const Patch: Preset = preset('PATCH', 'Patch');

/**
 * `syncClient` with `method: DELETE`; undeclared arguments go to the query.
 *
 * @example
 * ```ts
 * @Delete('/users/{id}') deleteUser(_: { id: number }): Promise<void> { return declared(); }
 * ```
 */
export const Delete: Preset = preset('DELETE', 'Delete');
