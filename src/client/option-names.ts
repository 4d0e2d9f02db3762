import { ATTACH_OPTION_KEYS, listenerOf } from '../auth';
import { ConfigurationError } from '../errors';
import { warnOfSeconds } from '../events/seconds-warning';
import { unknownOptionsProblem } from '../http/option-names';
import { RESILIENCE_OPTION_KEYS } from '../resilience';

/**
 * The options createClient reads itself, besides axios's: a slip of one of these names
 * (`authtoken`, `baseUrl`, `retry_delay`) is refused; any other name goes to axios as it is.
 */
const CLIENT_OPTION_KEYS: readonly string[] = [
  'baseURL',
  'headers',
  'timeout',
  ...ATTACH_OPTION_KEYS,
  ...RESILIENCE_OPTION_KEYS,
];

/**
 * Checks what must be said about a client's options before it is made: a misspelt option name
 * is a {@link ConfigurationError}; a timeout that reads like seconds is a `config-warning`.
 */
export function checkClientOptions(owner: string, options: object): void {
  const problem = unknownOptionsProblem(options, { known: CLIENT_OPTION_KEYS });
  if (problem !== undefined) throw new ConfigurationError(`${owner}: ${problem}`);
  warnOfSeconds(
    listenerOf(options),
    `${owner}: timeout`,
    (options as { timeout?: unknown }).timeout,
  );
}
