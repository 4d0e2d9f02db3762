import { ConfigurationError } from '../errors';
import type { EventListener } from '../events/dequest-event';
import { unknownOptionsProblem } from '../http/option-names';
import { AUTH_OPTION_KEYS, type AuthOptions } from './options';

/** The option names of {@link attachAuth}: the credential options and the event listener. */
export const ATTACH_OPTION_KEYS: readonly string[] = [...AUTH_OPTION_KEYS, 'onEvent'];

/** Throws a {@link ConfigurationError} for a slip of a credential option's name (`apikey`). */
export function assertAuthOptionNames(owner: string, options: AuthOptions): void {
  if (typeof options !== 'object' || options === null) return; // compileAuthPlan says so
  const problem = unknownOptionsProblem(options, { known: ATTACH_OPTION_KEYS });
  if (problem !== undefined) throw new ConfigurationError(`${owner}: ${problem}`);
}

/** The `onEvent` listener of a set of options, if it has one. */
export function listenerOf(options: object): EventListener | undefined {
  const listener = (options as { onEvent?: unknown }).onEvent;
  return typeof listener === 'function' ? (listener as EventListener) : undefined;
}
