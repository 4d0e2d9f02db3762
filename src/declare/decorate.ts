import { ConfigurationError } from '../errors';
import type { DeclarationSite } from './declaration';
import { parameterSpecsOf } from './params';

/** Runs one declared call: `self` is `this`, `declaredIn` the class the method was declared in. */
export type Invoke = (self: unknown, args: unknown[], declaredIn: unknown) => unknown;

interface StandardContext {
  kind: string;
  name: string | symbol;
  static?: boolean;
  addInitializer?(initializer: (this: unknown) => void): void;
}

const isStandardContext = (value: unknown): value is StandardContext =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as StandardContext).kind === 'string' &&
  'name' in value;

const isClass = (fn: unknown): boolean => /^class[\s{]/.test(Function.prototype.toString.call(fn));

function named<F extends object>(name: string, fn: F): F {
  Object.defineProperty(fn, 'name', { value: name, configurable: true });
  return fn;
}

function usage(decorator: string): string {
  return (
    `${decorator}(…) returns a decorator for a function — ${decorator}(…)(function getUser() {}) — ` +
    `or for a class method — @${decorator}(…) getUser() {…}`
  );
}

/**
 * The class whose prototype holds `method` under `key`, from an instance of it or of a
 * subclass. When a later decorator replaced the method with a wrapper, the nearest prototype
 * that has `key` of its own.
 */
function declaringClass(instance: unknown, key: string | symbol, method: unknown): unknown {
  let owner: object | undefined;
  for (
    let proto =
      instance === null || instance === undefined
        ? null
        : (Object.getPrototypeOf(instance) as object | null);
    proto !== null;
    proto = Object.getPrototypeOf(proto) as object | null
  ) {
    const own = Object.getOwnPropertyDescriptor(proto, key);
    if (own === undefined) continue;
    if (own.value === method) return (proto as { constructor?: unknown }).constructor;
    owner ??= proto;
  }
  return (owner as { constructor?: unknown } | undefined)?.constructor;
}

/**
 * Applies a declaration to whatever `shape` (the decorator's arguments) says it decorates:
 * a plain function, a method with TC39 standard decorators, or a method with legacy
 * `experimentalDecorators`. Returns what that form expects back; the body is never run.
 * Any other use is a {@link ConfigurationError}.
 */
export function decorate(
  decorator: string,
  shape: readonly unknown[],
  declare: (site: DeclarationSite) => Invoke,
): unknown {
  const [first, second, third] = shape;

  // syncClient(options)(function getUser() {})
  if (shape.length === 1 && typeof first === 'function') {
    if (isClass(first)) {
      throw new ConfigurationError(
        `${usage(decorator)}; ${first.name || 'this'} is a class. Use @ApiClient({…}) on the class and @Get(…) on its methods.`,
      );
    }
    const name = first.name || 'declaredCall';
    const invoke = declare({ decorator, name, kind: 'function', arity: first.length });
    return named(name, function (this: unknown, ...args: unknown[]) {
      return invoke(this, args, undefined);
    });
  }

  // TC39 standard: (method, context)
  if (shape.length === 2 && typeof first === 'function' && isStandardContext(second)) {
    if (second.kind !== 'method') {
      throw new ConfigurationError(
        `${usage(decorator)}; it was applied to a ${second.kind} (${String(second.name)}).`,
      );
    }
    const name = String(second.name);
    const key = second.name;
    // The class the method is declared in, for a call whose `this` is lost (a detached method).
    // An instance initializer runs for every instance, subclasses' too: `this.constructor` would
    // be whichever class was constructed last, so look for the prototype that holds the method.
    let declaredIn: unknown;
    second.addInitializer?.(function (this: unknown) {
      if (declaredIn !== undefined) return;
      declaredIn = second.static === true ? this : declaringClass(this, key, method);
    });
    const invoke = declare({ decorator, name, kind: 'method', arity: first.length });
    const method = named(name, function (this: unknown, ...args: unknown[]) {
      return invoke(this, args, declaredIn);
    });
    return method;
  }

  // Legacy experimentalDecorators: (prototype or class, name, descriptor)
  if (
    shape.length === 3 &&
    ((typeof first === 'object' && first !== null) || typeof first === 'function') &&
    (typeof second === 'string' || typeof second === 'symbol')
  ) {
    const name = String(second);
    if (typeof third === 'number') {
      throw new ConfigurationError(
        `${usage(decorator)}; it was applied to parameter ${third + 1} of ${name}. Parameters take @Path, @Query, @Body, @Form or @Header.`,
      );
    }
    const descriptor = third as PropertyDescriptor | undefined;
    if (typeof descriptor?.value !== 'function') {
      throw new ConfigurationError(
        `${usage(decorator)}; ${name} is a property or an accessor, not a method.`,
      );
    }
    const declaredIn =
      typeof first === 'function' ? first : (first as { constructor?: unknown }).constructor;
    const invoke = declare({
      decorator,
      name,
      kind: 'method',
      parameters: parameterSpecsOf(first, second),
      arity: (descriptor.value as { length: number }).length,
    });
    return {
      ...descriptor,
      value: named(name, function (this: unknown, ...args: unknown[]) {
        return invoke(this, args, declaredIn);
      }),
    };
  }

  throw new ConfigurationError(
    `${usage(decorator)}. It was called with ${shape.length} argument(s) it cannot place.`,
  );
}
