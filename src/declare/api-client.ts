import { ConfigurationError } from '../errors';
import { defineClassConfig } from './class-config';
import { assertOptionsObject } from './declaration';
import { compileDeclaredResilience } from './declared-resilience';
import { assertNoNestRoutes } from './nest-routes';
import { checkDeclaredOptions } from './option-names';
import { compileTransportOptions } from './transport-options';
import type { ApiClientOptions } from './options';
import type { ApiClientDecorator } from './types';

/**
 * Gives a class one shared client for its declared methods (`@Get`, `@Post`, …, and
 * `@syncClient`/`@asyncClient`): made by `createClient` from these options on the first call,
 * then reused. A method's own options add to these; a method that sets credentials, a baseURL
 * or a client gets a client of its own built from both. Providers get `ctx.self`, the instance
 * the method was called on (with the services Nest injected into it).
 *
 * Works with standard decorators and with `experimentalDecorators`. The options live on the
 * class under a `Symbol.for` key, so an ESM and a CJS copy of this package agree on them.
 *
 * @example
 * ```ts
 * @ApiClient({ baseURL: 'https://api.example.com', authToken: () => tokens.current() })
 * class Users {
 *   @Get('/users/{id}', { dto: User })
 *   getUser(_: { id: number }): Promise<User> {
 *     return declared();
 *   }
 * }
 * const user = await new Users().getUser({ id: 1 });
 *
 * @ApiClient({ baseURL: 'https://api.example.com', authToken: ({ self }: CredentialContext<Orders>) => self.tokens.current() })
 * class Orders { constructor(readonly tokens: TokenService) {} }
 * ```
 */
export function ApiClient<
  // `any` until a provider's or the client function's annotation names the class.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  Self = any,
>(options: ApiClientOptions<Self>): ApiClientDecorator {
  assertOptionsObject('ApiClient', options);
  checkDeclaredOptions('@ApiClient', options, 'class');
  const checked = compileTransportOptions('@ApiClient', options);
  const resilience = compileDeclaredResilience('@ApiClient', options);
  return (...shape: unknown[]): void => {
    const [target, context] = shape;
    const isClassContext =
      typeof context === 'object' &&
      context !== null &&
      (context as { kind?: unknown }).kind === 'class';
    if (
      typeof target !== 'function' ||
      shape.length > 2 ||
      (shape.length === 2 && !isClassContext)
    ) {
      throw new ConfigurationError(
        '@ApiClient({…}) decorates a class; for a method use @Get(…), @Post(…) or @syncClient({…}).',
      );
    }
    assertNoNestRoutes(target);
    defineClassConfig(target, checked, resilience);
  };
}
