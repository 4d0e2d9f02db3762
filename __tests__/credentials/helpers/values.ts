// What the credential-value properties share: the generated values, the ways a credential is
// sent, and the rule itself.
import fc from 'fast-check';
import type { AuthOptions, CredentialError } from '../../../src';

/** One way a credential goes out: where to read it on the request, how to configure it. */
export interface Mode {
  readonly name: string;
  readonly credential: 'authToken' | 'apiKey';
  /** The header it rides in, lower-case; undefined for the query parameter `api_key`. */
  readonly header: string | undefined;
  /** What the header or parameter holds for a value. */
  readonly wire: (value: string) => string;
  readonly options: (source: unknown) => AuthOptions;
}

export const MODES: readonly Mode[] = [
  {
    name: 'authToken',
    credential: 'authToken',
    header: 'authorization',
    wire: (value) => `Bearer ${value}`,
    options: (source) => ({ authToken: source as string }),
  },
  {
    name: 'apiKey in a header',
    credential: 'apiKey',
    header: 'x-api-key',
    wire: (value) => value,
    options: (source) => ({ apiKey: source as string }),
  },
  {
    name: 'apiKey in the query',
    credential: 'apiKey',
    header: undefined,
    wire: (value) => value,
    options: (source) => ({ apiKey: source as string, apiKeyQueryParam: 'api_key' }),
  },
];

// Characters that HTTP, axios, Node and fetch each treat in their own way.
const SPECIAL = [
  ...[' ', '\t', '\r', '\n', '\0', '\v', '\f', '\x7f', '\x80', '\x85', '\xa0', '\xff'],
  ...['é', '€', '\u2028', '\ud800', '\udc00', '😀', '%', '%2', '%zz', '+', '&', '=', '#'],
  ...['?', '/', ',', ';', '"', '\\', ':', '@', '[', ']', '$'],
];
const code = (min: number, max: number) =>
  fc.integer({ min, max }).map((c) => String.fromCharCode(c));
// Only what a header value may hold (HTAB, SP, visible ASCII, obs-text): sent unless at an edge.
const headerUnit = fc.oneof(
  { weight: 6, arbitrary: code(0x21, 0x7e) },
  { weight: 2, arbitrary: fc.constantFrom(' ', '\t') },
  { weight: 1, arbitrary: code(0x80, 0xff) },
);
const anyUnit = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...'abcXYZ0123-._~'.split('')) },
  { weight: 2, arbitrary: fc.constantFrom(...SPECIAL) },
  { weight: 2, arbitrary: code(0, 0xff) },
);

/** A string a credential source may give: mostly header-like, with every kind of edge. */
export const credentialValue = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: headerUnit, maxLength: 24 }) },
  { weight: 3, arbitrary: fc.string({ unit: anyUnit, maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 24 }) },
);

// A value nothing on the way has a reason to touch: it must be sent, or the property is vacuous.
const PLAIN = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

/**
 * The rule: `''` sends nothing; any other value arrives exactly as given (`sent` is what the
 * header or parameter held), or is refused with a CredentialError naming the credential and not
 * quoting the value. A plain printable value is always sent.
 */
export function expectSentOrRefused(
  mode: Mode,
  value: string,
  sent: string | undefined | CredentialError,
): void {
  if (value === '') {
    expect(sent).toBeUndefined();
    return;
  }
  if (typeof sent === 'object') {
    expect(PLAIN.test(value) ? 'a plain value, refused' : 'refused').toBe('refused');
    expect(sent.credential).toBe(mode.credential);
    if (value.trim().length >= 12) expect(sent.message).not.toContain(value);
    return;
  }
  expect(sent).toBe(mode.wire(value));
}
