import { ConfigurationError } from '../errors';
import { describeValue } from '../http/describe-value';

/**
 * The HTTP methods a declared call can use (dequest's `HttpMethod`).
 *
 * @example
 * ```ts
 * const createUser = syncClient({ url: 'https://api.example.com/users', method: HttpMethod.POST })(
 *   function createUser(_user: { name: string }) {},
 * );
 * ```
 */
export const HttpMethod = Object.freeze({
  GET: 'GET',
  POST: 'POST',
  PUT: 'PUT',
  PATCH: 'PATCH',
  DELETE: 'DELETE',
} as const);

/** One of {@link HttpMethod}'s values: `'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'`. */
export type HttpMethod = (typeof HttpMethod)[keyof typeof HttpMethod];

/**
 * A method as the `method` option accepts it: `HttpMethod.POST`, `'POST'` or `'post'`.
 *
 * @example
 * ```ts
 * const method: HttpMethodName = 'patch';
 * ```
 */
export type HttpMethodName = HttpMethod | Lowercase<HttpMethod>;

const METHODS: ReadonlySet<string> = new Set(Object.values(HttpMethod));

/** Checks the `method` option and returns it upper-cased. */
export function compileHttpMethod(value: unknown): HttpMethod {
  const upper = typeof value === 'string' ? value.toUpperCase() : undefined;
  if (upper === undefined || !METHODS.has(upper)) {
    throw new ConfigurationError(
      `method must be one of GET, POST, PUT, PATCH, DELETE (e.g. HttpMethod.POST), got ${describeValue(value)}.`,
    );
  }
  return upper as HttpMethod;
}

/** Methods whose undeclared arguments go to the body; the others put them in the query. */
export const sendsBody = (method: HttpMethod): boolean =>
  method === 'POST' || method === 'PUT' || method === 'PATCH';
