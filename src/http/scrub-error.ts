import { concealSentRequest } from './conceal-request';
import { defineHidden, scrubConfig } from './scrub-config';
import { scrubResponse } from './scrub-response';
import { ownTexts } from './error-texts';
import { scrubRules, scrubText, type ScrubOptions, type ScrubRules } from './scrub-rules';

export type { ScrubOptions } from './scrub-rules';

type Holder = Record<string, unknown>;

// Copies made here: already safe, so scrubbing them again (a CredentialError passed on through
// another layer) changes nothing and copies nothing.
const scrubbed = new WeakSet();

// Errors from another realm (Node's own, under jest's module registry) fail `instanceof Error`;
// their internal tag does not lie. A revoked Proxy throws on both: it is no error to scrub.
const isError = (value: unknown): value is Error => {
  try {
    return value instanceof Error || Object.prototype.toString.call(value) === '[object Error]';
  } catch {
    return false;
  }
};

const own = (holder: object, name: string): boolean =>
  Object.prototype.hasOwnProperty.call(holder, name);

/**
 * Makes an error chain safe to print: for every error in it (its `cause`, an `AggregateError`'s
 * members, recursively), an axios `config`, `response.config` and `request` print no `auth` or
 * proxy password, no `Authorization`, `Proxy-Authorization`, `Cookie` or api-key header value, no
 * secret query value, and no request body; `request` stays reachable but is not printed. Whether
 * or not the inner request went through this package.
 *
 * The errors that need it are copied (same prototype, same properties), so the originals, which
 * their code may still hold, are left as they were; the copies still work for code that reads them
 * (`axios.isAxiosError`, `instanceof`, `error.cause.response.status`, `toJSON()`). A chain with
 * nothing to scrub comes back as it is, the same object.
 *
 * @example
 * ```ts
 * throw new CredentialError('authToken', 'The token request failed.', { cause: scrubError(axiosError) });
 * ```
 */
export function scrubError<T>(error: T, options?: ScrubOptions): T {
  if (!isError(error)) return error;
  try {
    return scrubChain(error, options);
  } catch {
    // Something in the chain cannot be looked at (a revoked Proxy, a getter that throws): the
    // error is passed on as it is, rather than a TypeError in its place.
    return error;
  }
}

function scrubChain<T extends Error>(error: T, options?: ScrubOptions): T {
  const rules = scrubRules(options);
  const chain = collectChain(error);
  const dirty = dirtyMembers(chain, rules);
  if (dirty.size === 0) return error;

  // Copy every error that needs it or leads to one that does, then point the copies at each
  // other: a cycle (an error that is its own cause's cause) must not lead back to an original.
  const copies = new Map<Error, Error>();
  for (const member of dirty) {
    copies.set(
      member,
      Object.create(Object.getPrototypeOf(member) as object, copiedDescriptors(member)) as Error,
    );
  }
  const configs = new Map<unknown, unknown>();
  const safeConfig = (config: unknown): unknown => {
    if (!configs.has(config)) configs.set(config, scrubConfig(config, rules));
    return configs.get(config);
  };
  for (const [member, copy] of copies)
    scrubCopy(member, copy as unknown as Holder, copies, safeConfig, rules);
  for (const copy of copies.values()) scrubbed.add(copy);
  return copies.get(error) as T;
}

// Configurable, so that a frozen error's copy can still be given its safe fields.
function copiedDescriptors(error: Error): PropertyDescriptorMap {
  const descriptors: PropertyDescriptorMap = Object.getOwnPropertyDescriptors(error);
  for (const descriptor of Object.values(descriptors)) descriptor.configurable = true;
  return descriptors;
}

const childrenOf = (error: Error): unknown[] => {
  const members = (error as { errors?: unknown[] }).errors;
  return [(error as { cause?: unknown }).cause, ...(Array.isArray(members) ? members : [])];
};

// The errors that hold something to scrub, and those whose chain leads to one.
function dirtyMembers(chain: readonly Error[], rules: ScrubRules): Set<Error> {
  const dirty = new Set(chain.filter((member) => needsScrub(member, rules)));
  let grown = dirty.size > 0;
  while (grown) {
    grown = false;
    for (const member of chain) {
      if (!dirty.has(member) && childrenOf(member).some((child) => dirty.has(child as Error))) {
        dirty.add(member);
        grown = true;
      }
    }
  }
  return dirty;
}

function collectChain(error: Error): Error[] {
  const chain: Error[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown): void => {
    if (!isError(value) || seen.has(value)) return;
    seen.add(value);
    chain.push(value);
    childrenOf(value).forEach(visit);
  };
  visit(error);
  return chain;
}

function needsScrub(error: Error, rules: ScrubRules): boolean {
  if (scrubbed.has(error) && !rules.extra) return false;
  const holder = error as unknown as Holder;
  if (
    ['config', 'response'].some((name) => typeof holder[name] === 'object' && holder[name] !== null)
  ) {
    return true;
  }
  if (own(error, 'request') && Object.getOwnPropertyDescriptor(error, 'request')?.enumerable)
    return true;
  return ownTexts(error).some(([, text]) => scrubText(text, rules) !== text);
}

function scrubCopy(
  original: Error,
  copy: Holder,
  copies: Map<Error, Error>,
  safeConfig: (config: unknown) => unknown,
  rules: ScrubRules,
): void {
  const set = (name: string, value: unknown): void => {
    const descriptor = Object.getOwnPropertyDescriptor(original, name);
    Object.defineProperty(copy, name, {
      value,
      enumerable: descriptor?.enumerable ?? true,
      writable: true,
      configurable: true,
    });
  };
  const source = original as unknown as Holder;
  for (const [name, text] of ownTexts(original)) {
    const safe = scrubText(text, rules);
    if (safe !== text) set(name, safe);
  }
  if (typeof source.config === 'object' && source.config !== null)
    set('config', safeConfig(source.config));
  if (typeof source.response === 'object' && source.response !== null) {
    set('response', scrubResponse(source.response as Holder, safeConfig, rules));
  }
  if (
    own(original, 'request') &&
    Object.getOwnPropertyDescriptor(original, 'request')?.enumerable
  ) {
    concealSentRequest(source.request);
    defineHidden(copy, 'request', source.request);
  }
  const cause = source.cause;
  if (isError(cause)) set('cause', copies.get(cause) ?? cause);
  const members = source.errors;
  if (Array.isArray(members)) {
    set(
      'errors',
      members.map((member: unknown) => (isError(member) ? (copies.get(member) ?? member) : member)),
    );
  }
}
