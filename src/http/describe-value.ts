import { isThenable } from './syntax';

// Long enough for an id or a word, short enough to keep a message on one line.
const MAX_SHOWN = 40;

/**
 * How a wrong value reads in an error message, in one wording for every layer: a short
 * primitive as itself and its kind (`"elephant" (a string)`, `-1 (a number)`), anything else
 * by its kind alone (`an object`, `an array`, `null`, `a promise (not awaited)`). With
 * `secret`, the kind alone whatever the value: a credential, a header, a body or a response
 * never appears in a message.
 */
export function describeValue(value: unknown, { secret = false } = {}): string {
  const kind = kindOf(value);
  const text =
    typeof value === 'string'
      ? JSON.stringify(value)
      : typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean'
        ? String(value)
        : undefined;
  if (secret || text === undefined) return kind;
  return `${text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 3)}…` : text} (${kind})`;
}

function kindOf(value: unknown): string {
  try {
    return kindOfReadable(value);
  } catch {
    // A revoked Proxy, a `then` getter that throws: looking at it is all that failed.
    return 'an object that cannot be read';
  }
}

function kindOfReadable(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  if (isThenable(value)) return 'a promise (not awaited)';
  if (value instanceof RegExp) return 'a RegExp';
  const type = typeof value;
  return type === 'object' ? 'an object' : `a ${type}`;
}
