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
