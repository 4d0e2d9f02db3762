import { ConfigurationError } from '../errors';

/**
 * Where an argument goes in the request.
 *
 * @example
 * ```ts
 * Query('city_name').location; // 'query'
 * ```
 */
export type ParamLocation = 'path' | 'query' | 'body' | 'form' | 'header';

/**
 * Converts an argument before it is sent: `Number`, `String`, `Boolean`, or your own function
 * (throw to reject the value). A failure is an `InvalidParameterValueError`.
 *
 * @example
 * ```ts
 * const isoDate: ParamConverter = (value: Date | string) => new Date(value).toISOString().slice(0, 10);
 * Query({ name: 'since', type: isoDate });
 * ```
 */
export type ParamConverter = (value: any) => unknown;

/**
 * Options of {@link Path}, {@link Query}, {@link Form} and {@link Header}.
 *
 * @example
 * ```ts
 * Query({ name: 'user_id', type: Number });
 * ```
 */
export interface ParamOptions {
  /**
   * The name on the wire: the `{placeholder}`, the query or form field, the header.
   * @default the argument's own name (in `params`); required for `@Path`, `@Query` and `@Header` on parameters
   */
  name?: string;
  /**
   * Converts the value first (dequest's `PathParameter[int]` is `{ type: Number }`).
   * @default undefined (sent as given)
   */
  type?: ParamConverter;
}

/**
 * Options of {@link Body} and {@link Form}.
 *
 * @example
 * ```ts
 * Body({ whole: true }); // the argument is the whole JSON body
 * ```
 */
export interface BodyParamOptions extends ParamOptions {
  /**
   * The argument is the whole body rather than one field of it.
   * @default false in `params`; true for `@Body()` / `@Form()` on a parameter without a name
   */
  whole?: boolean;
}

/** What a declaration says about one argument, as plain data. */
export interface ParamSpec {
  readonly location: ParamLocation;
  /** The wire name, when one was given. */
  readonly alias: string | undefined;
  readonly type: ParamConverter | undefined;
  /** Set only by `whole: true`; a nameless `@Body()` on a parameter means it too. */
  readonly whole: boolean | undefined;
}

/**
 * Where one argument goes: a value for the `params` option, and also a legacy
 * (`experimentalDecorators`) parameter decorator.
 *
 * @example
 * ```ts
 * syncClient({ url: '/users/{id}', params: { id: Path({ type: Number }), city: Query('city_name') } });
 * ```
 */
export interface ParamDeclaration extends ParamSpec {
  (target: object, propertyKey: string | symbol | undefined, parameterIndex: number): void;
}

// On the prototype (or the class, for static methods): method name -> spec per parameter index.
// A Symbol.for key, so an ESM and a CJS copy of the package read each other's declarations.
const PARAMETERS = Symbol.for('axios-dequest.parameters');
type ParameterTable = Map<string | symbol, (ParamSpec | undefined)[]>;

/** The specs recorded by parameter decorators on `target[propertyKey]`, by parameter index. */
export function parameterSpecsOf(
  target: object,
  propertyKey: string | symbol,
): readonly (ParamSpec | undefined)[] | undefined {
  const table = (target as Record<symbol, ParameterTable | undefined>)[PARAMETERS];
  return table instanceof Map ? table.get(propertyKey) : undefined;
}

function record(
  target: object,
  propertyKey: string | symbol,
  index: number,
  spec: ParamSpec,
): void {
  const holder = target as Record<symbol, ParameterTable | undefined>;
  let table = Object.prototype.hasOwnProperty.call(holder, PARAMETERS)
    ? holder[PARAMETERS]
    : undefined;
  if (!(table instanceof Map)) {
    table = new Map();
    Object.defineProperty(holder, PARAMETERS, { value: table, configurable: true });
  }
  const specs = table.get(propertyKey) ?? [];
  specs[index] = spec;
  table.set(propertyKey, specs);
}

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
      `${factory}(): name must be a non-empty string, got ${JSON.stringify(given.name)}.`,
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
    record(target, propertyKey, parameterIndex, spec);
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
