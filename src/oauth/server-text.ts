import { cutSecrets, scrubRules } from '../http/scrub-rules';

const MAX_LENGTH = 300;

/**
 * Text a token endpoint chose (an `error_description`, a `token_type`), made fit for a message:
 * RFC 6749 §5.2's characters only (no line breaks or terminal escapes), at most 300 characters,
 * and without any of `secrets`, which a careless or hostile server may echo.
 */
export function serverText(text: string, secrets: readonly (string | undefined)[]): string {
  const safe = cutSecrets(text, scrubRules({ secrets })).replace(
    /[^\x20-\x21\x23-\x5b\x5d-\x7e]/g,
    '',
  );
  return safe.length > MAX_LENGTH ? `${safe.slice(0, MAX_LENGTH)}…` : safe;
}

/** What the body is, for a message, never what it says: its content type and size. */
export function describeBody(contentType: unknown, body: unknown): string {
  const type =
    typeof contentType === 'string' && contentType !== ''
      ? contentType.split(';')[0]!.trim()
      : 'no content-type';
  const size = typeof body === 'string' ? `${body.length} characters` : 'no body';
  return `${serverText(type, [])}, ${size}`;
}
