import type { AxiosInstance } from 'axios';
import type { AuthOptions } from '../auth';
import type { CredentialSource } from '../credentials/source';
import type { HeadersSource } from '../client';
import type { EventListener } from '../events/dequest-event';
import type { ResilienceOptions } from '../resilience';
import type { HttpMethodName } from './http-method';
import type { ParamDeclaration } from './params';

/**
 * How the response body is read: `'json'` (axios parses it) or `'text'` (the raw string).
 * dequest's `ConsumerType.JSON` / `ConsumerType.TEXT`.
 *
 * @example
 * ```ts
 * syncClient<string>({ url: 'https://api.example.com/robots.txt', consume: 'text' });
 * ```
 */
export type ResponseConsumer = 'json' | 'text';

/**
 * A class whose constructor takes one raw object of the response (dequest's `dto_class`).
 *
 * @example
 * ```ts
 * class User { readonly name: string; constructor(raw: { name: string }) { this.name = raw.name; } }
 * const dto: DtoClass = User;
 * ```
 */
export type DtoClass = new (raw: any) => unknown;

/**
 * The axios instance to send through: an instance, or a function of the object the declared
 * method is called on that returns one (Nest: `(api: UsersApi) => api.http.axiosRef`).
 *
 * @example
 * ```ts
 * const client: ClientSource = (api: UsersApi) => api.http.axiosRef;
 * ```
 */
export type ClientSource<Self = any> = AxiosInstance | ((self: Self) => AxiosInstance);

/**
 * Where requests go, how they are authenticated and how they are retried, guarded and cached:
 * the options {@link ApiClient} takes, and that every declared call takes too (a method's
 * resilience options win over its class's, one by one). `Self` is the class whose methods are
 * declared: a provider's `ctx.self` and the `client` function get the object the method was
 * called on.
 *
 * @example
 * ```ts
 * const options: TransportOptions = { baseURL: 'https://api.example.com', authToken: getToken, timeout: 5_000 };
 * ```
 */
export interface TransportOptions<Self = any>
  extends Omit<AuthOptions, 'authToken' | 'apiKey'>, ResilienceOptions {
  /**
   * Sent as `Authorization: Bearer <token>`: a string, or a provider called on every request,
   * which gets `ctx.self`, the object the declared method was called on.
   * @default undefined
   */
  authToken?: CredentialSource<Self>;
  /**
   * Sent as `x-api-key: <key>`: a string, or a provider called on every request, which gets
   * `ctx.self`.
   * @default undefined
   */
  apiKey?: CredentialSource<Self>;
  /**
   * Prefix of a relative `url` (joined the axios way: `baseURL + '/' + url`).
   * @default undefined (the url must be absolute, or the client must have a baseURL)
   */
  baseURL?: string;
  /**
   * Send through this axios instance instead of one made by `createClient`. It is never
   * changed: credentials are added to each request, not to the instance.
   * @default undefined (a client made by createClient, once per declaration or class)
   */
  client?: ClientSource<Self>;
  /**
   * Headers for every request: an object, or a function (sync or async) called per request.
   * `authToken`/`apiKey` win over the same names here, whatever their case; the object is
   * never changed.
   * @default undefined
   */
  headers?: HeadersSource;
  /**
   * Milliseconds before a request is abandoned (dequest counts seconds).
   * @default 30000; with `client`, the instance's own timeout when it has one
   */
  timeout?: number;
  /** Gets the events of the resilience layer (`retry-scheduled`, `cache-hit` …). @default undefined */
  onEvent?: EventListener;
}

/**
 * The names a declared call's arguments may have: the keys of `A`.
 *
 * @example
 * ```ts
 * const name: ArgumentName<{ id: number; city: string }> = 'city';
 * ```
 */
export type ArgumentName<A> = Extract<keyof A, string>;

/**
 * The options of {@link syncClient} and {@link asyncClient}.
 *
 * `T` is the result (after `sourceField`, `dto`, `map`); `A` the object of named arguments,
 * which types the keys of `params` and the names in `args`.
 *
 * @example
 * ```ts
 * const options: DeclarationOptions<User, { id: number }> = {
 *   url: 'https://api.example.com/users/{id}',
 *   params: { id: Path({ type: Number }) },
 *   dto: User,
 * };
 * ```
 */
export interface DeclarationOptions<
  T = unknown,
  A extends object = Record<string, unknown>,
> extends TransportOptions {
  /**
   * Absolute (`https://api.example.com/users/{id}`), or relative to `baseURL`. `{name}`
   * placeholders take the argument of that name, URL-encoded.
   */
  url: string;
  /**
   * The HTTP method.
   * @default HttpMethod.GET
   */
  method?: HttpMethodName;
  /**
   * Where each named argument goes: `Path()`, `Query('alias')`, `Body('alias')`,
   * `Form('alias')`, `Header('X-Name')`, each also `{ name, type }`. Undeclared arguments:
   * a `{placeholder}` of the same name, else the query (GET, DELETE) or the JSON body
   * (POST, PUT, PATCH; the form, when the declaration has `Form` fields).
   * @default {}
   */
  params?: { readonly [K in ArgumentName<A>]?: ParamDeclaration };
  /**
   * Names of positional arguments, in order: `args: ['user_id', 'username']` makes
   * `getUsers(1, 'test_user')` mean `{ user_id: 1, username: 'test_user' }`.
   * @default undefined (the call takes one object of named arguments)
   */
  args?: readonly ArgumentName<A>[];
  /**
   * A class constructed with the raw response object (element-wise for an array).
   * @default undefined (the data as it is)
   */
  dto?: DtoClass;
  /**
   * A function of the response data returning the result. Exclusive with `dto`.
   * @default undefined
   */
  map?: (data: any) => T;
  /**
   * Take this field of the response before `dto`/`map` (`{ user: {…} }` → `{…}`).
   * @default undefined (the whole body)
   */
  sourceField?: string;
  /**
   * How the body is read. `'text'` cannot be combined with `dto` or `sourceField`.
   * @default 'json'
   */
  consume?: ResponseConsumer;
}

/**
 * The options of {@link syncClient}.
 *
 * @example
 * ```ts
 * const options: SyncClientOptions<User> = { url: 'https://api.example.com/users/{id}', dto: User };
 * ```
 */
export type SyncClientOptions<
  T = unknown,
  A extends object = Record<string, unknown>,
> = DeclarationOptions<T, A>;

/**
 * Where {@link asyncClient} reports failures when it has no `onError`: one line per failure,
 * `axios-dequest: <call> failed: <error name>: <message>`. The error object itself is not
 * passed (its `cause` may hold a credential); give `onError` to get it.
 *
 * @example
 * ```ts
 * const logger: DeclarationLogger = { warn: (message) => pino.warn(message) };
 * ```
 */
export interface DeclarationLogger {
  warn(message: string): void;
}

/**
 * The options of {@link asyncClient}: those of {@link syncClient} and where results and
 * failures go.
 *
 * @example
 * ```ts
 * const options: AsyncClientOptions<Event[]> = {
 *   url: 'https://api.example.com/events',
 *   callback: (events) => store.add(events),
 *   onError: (error) => metrics.increment('events.failed'),
 * };
 * ```
 */
export interface AsyncClientOptions<
  T = unknown,
  A extends object = Record<string, unknown>,
> extends DeclarationOptions<T, A> {
  /**
   * Called with the result (dequest's `callback`). May be async.
   * @default undefined (the result is dropped)
   */
  callback?: (data: T) => unknown;
  /**
   * Called with any failure: a `DequestError` for the request, or what `callback` threw.
   * @default undefined (a warning on `logger`)
   */
  onError?: (error: unknown) => unknown;
  /**
   * Gets a one-line warning (the error's name and message) for each failure that has no
   * `onError` (or whose `onError` threw).
   * @default console
   */
  logger?: DeclarationLogger;
}

/**
 * The options of {@link Get}, {@link Post}, …: a declaration without `url` and `method`,
 * which the decorator sets. They add to the class's {@link ApiClient} options.
 *
 * @example
 * ```ts
 * class Users { @Get('/users', { dto: User, sourceField: 'items' }) list(): Promise<User[]> { return declared(); } }
 * ```
 */
export type MethodOptions<T = unknown, A extends object = Record<string, unknown>> = Omit<
  DeclarationOptions<T, A>,
  'url' | 'method'
>;

/**
 * The options of {@link ApiClient}: one client for every declared method of the class. `Self`
 * (the class) types `ctx.self` in its providers and the argument of its `client` function.
 *
 * @example
 * ```ts
 * @ApiClient<UsersApi>({ baseURL: 'https://api.example.com', authToken: ({ self }) => self.tokens.current() })
 * class UsersApi { constructor(readonly tokens: TokenService) {} }
 * ```
 */
export type ApiClientOptions<Self = any> = TransportOptions<Self>;
