import { ConfigurationError } from '../errors';
import { performCall } from './call';
import { assertOptionsObject, compileDeclaration } from './declaration';
import { decorate } from './decorate';
import type { AsyncClientOptions, DeclarationLogger } from './options';
import type { AsyncDecorator } from './types';

// The one line a warning holds: the error's name and message, never its cause chain.
const oneLine = (problem: unknown): string =>
  problem instanceof Error ? `${problem.name}: ${problem.message}` : String(problem);

function compileHandlers(options: AsyncClientOptions<unknown, object>): DeclarationLogger {
  for (const key of ['callback', 'onError'] as const) {
    if (options[key] !== undefined && typeof options[key] !== 'function') {
      throw new ConfigurationError(`asyncClient: ${key} must be a function.`);
    }
  }
  const logger = options.logger ?? console;
  if (typeof logger?.warn !== 'function') {
    throw new ConfigurationError(
      'asyncClient: logger must have a warn(message) method (console does).',
    );
  }
  return logger;
}

/**
 * dequest's `async_client`: declares a fire-and-forget HTTP call. Calling it returns `void` at
 * once; the result goes to `callback`, any failure to `onError` (or a warning on `logger`).
 * It never leaves an unhandled rejection.
 *
 * @example
 * ```ts
 * class Protected {
 *   @asyncClient({
 *     url: 'https://api.example.com/protected',
 *     method: HttpMethod.GET,
 *     authToken: getAccessToken,
 *     callback: (data) => use(data),
 *   })
 *   fetchProtectedData(): void {}
 * }
 * new Protected().fetchProtectedData();
 * ```
 */
export function asyncClient<T = unknown, A extends object = Record<string, unknown>>(
  options: AsyncClientOptions<T, A>,
): AsyncDecorator<A> {
  assertOptionsObject('asyncClient', options);
  const logger = compileHandlers(options as AsyncClientOptions<unknown, object>);
  const { callback, onError } = options;

  const report = (call: string, error: unknown): void => {
    // One line, not the error: its cause chain may hold what must not be logged (an
    // AxiosError's config with the credentials, a provider's error quoting its token).
    // onError gets the error itself.
    const warn = (problem: unknown): void => {
      try {
        logger.warn(`axios-dequest: ${call} failed: ${oneLine(problem)}`);
      } catch {
        // A logger that throws has nowhere left to report to.
      }
    };
    if (onError === undefined) {
      warn(error);
      return;
    }
    try {
      Promise.resolve(onError(error)).catch(warn);
    } catch (thrown) {
      warn(thrown);
    }
  };

  return ((...shape: unknown[]) =>
    decorate('asyncClient', shape, (site) => {
      const declaration = compileDeclaration(options as AsyncClientOptions<unknown, object>, site);
      return (self, args, declaredIn): void => {
        performCall(declaration, self, args, declaredIn)
          .then((data) => (callback === undefined ? undefined : callback(data as T)))
          .catch((error: unknown) => {
            report(declaration.call, error);
          });
      };
    })) as AsyncDecorator<A>;
}
