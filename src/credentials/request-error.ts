import type { InternalAxiosRequestConfig } from 'axios';
import type { CredentialError } from '../errors';
import { describeTarget } from '../http/describe-target';
import { defineHidden, scrubConfig } from '../http/scrub-config';
import { scrubRules, type ScrubOptions } from '../http/scrub-rules';

/**
 * `error`, told which request it stopped: a copy (same class, same properties; the original may
 * be shared by every caller of a cached provider) whose message ends with the method and the
 * redacted URL, and whose `config` is the request's, redacted (also under `secretNames`, the
 * plan's own header and query names) and left out of what prints.
 */
export function credentialErrorFor(
  error: CredentialError,
  config: InternalAxiosRequestConfig,
  secretNames?: ScrubOptions,
): CredentialError {
  const descriptors = Object.getOwnPropertyDescriptors(error);
  for (const descriptor of Object.values(descriptors)) descriptor.configurable = true;
  const copy = Object.create(
    Object.getPrototypeOf(error) as object,
    descriptors,
  ) as CredentialError;
  const message = `${error.message} Request not sent: ${describeTarget(config)}`;
  const stack =
    typeof error.stack === 'string' ? error.stack.replace(error.message, message) : undefined;
  for (const [name, value] of [
    ['message', message],
    ['stack', stack],
  ] as const) {
    Object.defineProperty(copy, name, {
      value,
      enumerable: false,
      writable: true,
      configurable: true,
    });
  }
  defineHidden(copy, 'config', scrubConfig(config, scrubRules(secretNames)));
  return copy;
}
