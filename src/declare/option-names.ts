import { listenerOf } from '../auth';
import { ConfigurationError } from '../errors';
import { warnOfSeconds } from '../events/seconds-warning';
import { unknownOptionsProblem } from '../http/option-names';
import { RESILIENCE_OPTION_KEYS } from '../resilience';
import { TRANSPORT_KEYS } from './transport-options';

// The options of @ApiClient, and those every declared call adds, and asyncClient's own.
const CLASS_OPTIONS: readonly string[] = [...TRANSPORT_KEYS, 'onEvent', ...RESILIENCE_OPTION_KEYS];
const CALL_OPTIONS = [
  ...CLASS_OPTIONS,
  ...['url', 'method', 'params', 'args', 'dto', 'map', 'sourceField', 'consume'],
];
const ASYNC_OPTIONS = [...CALL_OPTIONS, 'callback', 'onError', 'logger'];

// dequest's keyword arguments that are more than a slip away from their names here.
const RENAMED: Readonly<Record<string, string>> = {
  dto_class: 'dto',
  enable_cache: 'cache',
  cache_ttl: 'cache: { ttl } (in ms)',
  retry_on_exceptions: 'retryOn',
};

/** Which options an owner takes: `@ApiClient`, a declared call, or an asyncClient. */
export type OptionsOwner = 'class' | 'call' | 'async';

/**
 * Checks the option names of a declaration or an `@ApiClient` where it is written: a slip of a
 * known name (`authtoken`, `retry_delay`) is a {@link ConfigurationError}; a timeout that reads
 * like seconds is a `config-warning`.
 */
export function checkDeclaredOptions(owner: string, options: object, kind: OptionsOwner): void {
  const known = kind === 'class' ? CLASS_OPTIONS : kind === 'call' ? CALL_OPTIONS : ASYNC_OPTIONS;
  const problem = unknownOptionsProblem(options, { known, renamed: RENAMED });
  if (problem !== undefined) throw new ConfigurationError(`${owner}: ${problem}`);
  warnOfSeconds(
    listenerOf(options),
    `${owner}: timeout`,
    (options as { timeout?: unknown }).timeout,
  );
}
