import { CredentialError, type CredentialName } from '../errors';
import { describeValue } from '../http/describe-value';
import { INVALID_HEADER_CHAR } from '../http/syntax';

const describeChar = (char: string): string => {
  const code = char.charCodeAt(0);
  if (char === '\r') return 'a carriage return (CR)';
  if (char === '\n') return 'a line feed (LF)';
  if (code === 0) return 'a NUL character';
  if (code < 0x20 || code === 0x7f)
    return `a control character (U+${code.toString(16).padStart(4, '0').toUpperCase()})`;
  return `a character outside Latin-1 (U+${code.toString(16).padStart(4, '0').toUpperCase()})`;
};

/**
 * Checks what a credential source produced and returns it as a header value, or `undefined`
 * for "send no header": a value is sent exactly as given, or refused. Throws a {@link CredentialError} that never includes the value.
 */
export function toCredentialValue(
  credential: CredentialName,
  value: unknown,
  origin: 'static value' | 'provider',
): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value !== 'string') {
    throw new CredentialError(
      credential,
      `${credential} ${origin === 'provider' ? 'provider returned' : 'is'} ${describeValue(value, { secret: true })}, not a string. ` +
        `Return the ${credential} as a string (or null/undefined to send no credential).`,
    );
  }
  const bad = INVALID_HEADER_CHAR.exec(value);
  if (bad) {
    throw new CredentialError(
      credential,
      `${credential} ${origin === 'provider' ? 'provider returned' : 'is'} a value with ${describeChar(bad[0])}, ` +
        `which is not allowed in an HTTP header. Trim line breaks and control characters from the ${credential}.`,
    );
  }
  // HTTP (and axios) drop a header value's leading and trailing spaces and tabs: such a value
  // would not arrive as given, and one of nothing else would arrive as no credential at all.
  if (EDGE_WHITESPACE.test(value)) {
    throw new CredentialError(
      credential,
      `${credential} ${origin === 'provider' ? 'provider returned' : 'is'} ` +
        `${WHITESPACE_ONLY.test(value) ? 'a value of only whitespace' : 'a value with whitespace at its start or end, which HTTP drops'}. ` +
        `Trim the ${credential}, or return null/undefined to send no credential.`,
    );
  }
  return value;
}

const EDGE_WHITESPACE = /^[\t ]|[\t ]$/;
const WHITESPACE_ONLY = /^[\t ]+$/;
