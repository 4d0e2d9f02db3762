import type { AxiosRequestConfig } from 'axios';

declare module 'axios' {
  interface AxiosRequestConfig {
    /**
     * Internal: the object a declared method was called on, for its credential providers
     * (`ctx.self`). Kept in a box that prints as a placeholder, since it may hold anything.
     * @internal
     */
    __axiosDequestSelf?: unknown;
  }
}

const PLACEHOLDER = '[axios-dequest self]';
// A Symbol.for brand: a box made by the ESM copy of this package is read by the CJS one.
const BRAND = Symbol.for('axios-dequest.call-self');

// The object travels with the request config, which errors and loggers print: a Nest service
// holds its injected services (a token store among them). Private field, placeholder when printed.
class CallSelf {
  readonly #self: unknown;
  readonly [BRAND] = true;

  constructor(self: unknown) {
    this.#self = self;
  }

  get self(): unknown {
    return this.#self;
  }

  toJSON(): string {
    return PLACEHOLDER;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return PLACEHOLDER;
  }
}

/** `config` carrying `self` for the providers of this one request. */
export const withCallSelf = <C extends AxiosRequestConfig>(config: C, self: unknown): C =>
  self === undefined ? config : { ...config, __axiosDequestSelf: new CallSelf(self) };

/** The object a declared call was made on, or `undefined` for any other request. */
export function callSelfOf(config: AxiosRequestConfig): unknown {
  const box = config.__axiosDequestSelf as { [BRAND]?: unknown; self?: unknown } | undefined;
  return typeof box === 'object' && box !== null && box[BRAND] === true ? box.self : undefined;
}
