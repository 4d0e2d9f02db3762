import { ConfigurationError } from '../../errors';
import { describeValue } from '../../http/describe-value';
import { recordParameterSpec } from './parameter-table';
import type {
  BodyParamOptions,
  ParamDeclaration,
  ParamLocation,
  ParamOptions,
  ParamSpec,
} from './types';

/** True for a value made by {@link Path}, {@link Query}, {@link Body}, {@link Form} or {@link Header}. */
export const isParamDeclaration = (value: unknown): value is ParamDeclaration =>
  typeof value === 'function' &&
  typeof (value as Partial<ParamDeclaration>).location === 'string' &&
  'alias' in value;

function declare(
  location: ParamLocation,
  factory: string,
  options: string | BodyParamOptions | undefined,
): ParamDeclaration {
  const given: BodyParamOptions =
    typeof options === 'string' ? { name: options } : options === undefined ? {} : options;
  if (typeof given !== 'object' || given === null) {
    throw new ConfigurationError(
      `${factory}() takes a name or { name, type }, e.g. ${factory}('user_id') or ${factory}({ type: Number }).`,
    );
  }
  if (given.name !== undefined && (typeof given.name !== 'string' || given.name === '')) {
    throw new ConfigurationError(
      `${factory}(): name must be a non-empty string, got ${describeValue(given.name)}.`,
    );
  }
  if (given.type !== undefined && typeof given.type !== 'function') {
    throw new ConfigurationError(
      `${factory}(): type must be Number, String, Boolean or a function that converts the value.`,
    );
  }
  if (
    given.whole !== undefined &&
    (location === 'path' || location === 'query' || location === 'header')
  ) {
    throw new ConfigurationError(
      `${factory}() has no whole option: only Body and Form can be the whole body.`,
    );
  }
  if (given.whole === true && given.name !== undefined) {
    throw new ConfigurationError(
      `${factory}({ name, whole: true }) is contradictory: a whole body has no field name. Drop one of them.`,
    );
  }
  const spec: ParamSpec = Object.freeze({
    location,
    alias: given.name,
    type: given.type,
    whole: given.whole === true ? true : undefined,
  });
  const decorator = function parameterDecorator(
    target: object,
    propertyKey: string | symbol | undefined,
    parameterIndex: number,
  ): void {
    if (propertyKey === undefined || typeof parameterIndex !== 'number') {
      throw new ConfigurationError(
        `@${factory}() decorates a parameter of a declared method (with experimentalDecorators); ` +
          `for a constructor parameter or anything else, use the params option instead.`,
      );
    }
    recordParameterSpec(target, propertyKey, parameterIndex, spec);
  };
  return Object.assign(decorator, spec);
}

/**
 * A `{placeholder}` of the url (dequest's `PathParameter`). The value is URL-encoded.
 *
 * @example
 * ```ts
 * syncClient({ url: '/users/{id}', params: { id: Path({ type: Number }) } });
 * class Users { @Get('/users/{id}') get(@Path('id') id: number): Promise<User> { return declared(); } }
 * ```
 */
export const Path = (options?: string | ParamOptions): ParamDeclaration =>
  declare('path', 'Path', options);

/**
 * A query parameter (dequest's `QueryParameter`), optionally under another name.
 *
 * @example
 * ```ts
 * syncClient({ url: '/users', params: { city: Query('city_name') } }); // ?city_name=…
 * ```
 */
export const Query = (options?: string | ParamOptions): ParamDeclaration =>
  declare('query', 'Query', options);

/**
 * A field of the JSON body (dequest's `JsonBody`), or with `whole: true` (or as a nameless
 * `@Body()` parameter decorator) the whole body.
 *
 * @example
 * ```ts
 * syncClient({ url: '/users', method: 'POST', params: { cityName: Body('city') } });
 * ```
 */
export const Body = (options?: string | BodyParamOptions): ParamDeclaration =>
  declare('body', 'Body', options);

/**
 * A field of an `application/x-www-form-urlencoded` body (dequest's `FormParameter`), or with
 * `whole: true` (or as a nameless `@Form()` parameter decorator) an object of all fields.
 *
 * @example
 * ```ts
 * syncClient({ url: '/login', method: 'POST', params: { user: Form('username'), password: Form() } });
 * ```
 */
export const Form = (options?: string | BodyParamOptions): ParamDeclaration =>
  declare('form', 'Form', options);

/**
 * A request header whose value is the argument. It is the request's own header, so it wins
 * over `headers` and over the credentials for the same name.
 *
 * @example
 * ```ts
 * syncClient({ url: '/orders', params: { traceId: Header('X-Trace-Id') } });
 * ```
 */
export const Header = (options?: string | ParamOptions): ParamDeclaration =>
  declare('header', 'Header', options);
