/**
 * The call a decorated plain function becomes. Its parameters are the function's own; a
 * function declared without parameters takes the named-argument object `A`, when given.
 *
 * @example
 * ```ts
 * type GetUser = DeclaredFunction<(_: { id: number }) => void, {}, Promise<User>>; // (_: { id: number }) => Promise<User>
 * ```
 */
export type DeclaredFunction<F, A, R> = F extends (...args: infer P) => unknown
  ? P extends []
    ? string extends keyof A
      ? () => R
      : (args: A) => R
    : (...args: P) => R
  : never;

/**
 * What {@link syncClient} (and {@link Get}, {@link Post}, …) return: one decorator for a plain
 * function, a method with standard decorators, and a method with `experimentalDecorators`.
 * The call resolves to `T`; a method must be declared to return a promise of it.
 *
 * @example
 * ```ts
 * const decorator: SyncDecorator<User> = syncClient<User>({ url: 'https://api.example.com/users/{id}' });
 * ```
 */
export interface SyncDecorator<T, A extends object = Record<string, unknown>> {
  /** A plain function: `syncClient(options)(function getUser(_: { id: number }) {})`. */
  <F extends (...args: any[]) => unknown>(fn: F): DeclaredFunction<F, A, Promise<T>>;
  /** A method, TC39 standard decorators. */
  <This, P extends unknown[], R extends PromiseLike<T>>(
    method: (this: This, ...args: P) => R,
    context: ClassMethodDecoratorContext<This, (this: This, ...args: P) => R>,
  ): (this: This, ...args: P) => R;
  /** A method, legacy `experimentalDecorators`. */
  // R takes the method's own promise type: a descriptor of PromiseLike<T> would refuse Promise<T>.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
  <R extends PromiseLike<T>>(
    target: object,
    propertyKey: string | symbol,
    descriptor: TypedPropertyDescriptor<(...args: any[]) => R>,
  ): void;
}

/**
 * What {@link asyncClient} returns: the same three forms; the call returns `void` at once.
 *
 * @example
 * ```ts
 * const decorator: AsyncDecorator = asyncClient({ url: 'https://api.example.com/notify', callback: console.log });
 * ```
 */
export interface AsyncDecorator<A extends object = Record<string, unknown>> {
  /** A plain function: `asyncClient(options)(function notify() {})`. */
  <F extends (...args: any[]) => unknown>(fn: F): DeclaredFunction<F, A, void>;
  /** A method, TC39 standard decorators. */
  <This, P extends unknown[]>(
    method: (this: This, ...args: P) => void,
    context: ClassMethodDecoratorContext<This, (this: This, ...args: P) => void>,
  ): (this: This, ...args: P) => void;
  /** A method, legacy `experimentalDecorators`. */
  (
    target: object,
    propertyKey: string | symbol,
    descriptor: TypedPropertyDescriptor<(...args: any[]) => void>,
  ): void;
}

/**
 * What {@link ApiClient} returns: a class decorator for both decorator modes.
 *
 * @example
 * ```ts
 * const decorator: ApiClientDecorator = ApiClient({ baseURL: 'https://api.example.com' });
 * ```
 */
export type ApiClientDecorator = <C extends abstract new (...args: any) => unknown>(
  target: C,
  context?: ClassDecoratorContext<C>,
) => void;
