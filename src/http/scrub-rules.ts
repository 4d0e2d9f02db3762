// What a scrub treats as secret, and how it cuts secrets out of free text. No axios import, so
// that any layer may use it.

/** What replaces a secret value. */
export const REDACTED = '[redacted]';

/**
 * What else to treat as secret, beyond the names every request shares
 * (`Authorization`, `Proxy-Authorization`, `Cookie`, `Set-Cookie`, `x-api-key` …).
 *
 * @example
 * ```ts
 * const options: ScrubOptions = { headers: ['x-tenant-key'], params: ['sig'], secrets: [clientSecret] };
 * ```
 */
export interface ScrubOptions {
  /**
   * More header names whose values are secret, any case.
   * @default []
   */
  readonly headers?: readonly string[];
  /**
   * More query parameter names whose values are secret, any case.
   * @default []
   */
  readonly params?: readonly string[];
  /**
   * Exact secret values (a client secret, a refresh token) cut out of every string kept: messages,
   * stacks and response bodies, where a careless or hostile server may echo them.
   * `undefined` and `''` entries are ignored.
   * @default []
   */
  readonly secrets?: readonly (string | undefined)[];
}

// Headers that carry a credential by design, and the common names of API-key headers.
const SECRET_HEADERS = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
  'apikey',
  'x-auth-token',
];
// Query parameters that carry a credential by convention (RFC 6750 §2.3's access_token, API
// keys, presigned-URL signatures).
const SECRET_PARAMS = [
  'access_token',
  'refresh_token',
  'client_secret',
  'token',
  'api_key',
  'apikey',
  'api-key',
  'key',
  'password',
  'secret',
  'sig',
  'signature',
  'x-amz-signature',
];

/** The checked, lower-cased rules of one scrub. */
export interface ScrubRules {
  readonly headers: ReadonlySet<string>;
  readonly params: ReadonlySet<string>;
  readonly secrets: readonly string[];
  /** Whether anything beyond the shared names was asked for. */
  readonly extra: boolean;
}

export function scrubRules(options: ScrubOptions = {}): ScrubRules {
  const lower = (names: readonly string[] = []) => names.map((name) => name.toLowerCase());
  return {
    headers: new Set([...SECRET_HEADERS, ...lower(options.headers)]),
    params: new Set([...SECRET_PARAMS, ...lower(options.params)]),
    // Longest first, so a secret that contains another is cut whole.
    secrets: (options.secrets ?? [])
      .filter((secret): secret is string => typeof secret === 'string' && secret !== '')
      .sort((a, b) => b.length - a.length),
    extra: [options.headers, options.params, options.secrets].some((list) => list?.length),
  };
}

/** `text` without any of the exact secret values. */
export function cutSecrets(text: string, rules: ScrubRules): string {
  return rules.secrets.reduce((kept, secret) => kept.split(secret).join(REDACTED), text);
}

/**
 * Free text (a message, a stack, a URL error's `input`) without any exact secret, and without
 * the password or the secret query values of the URLs it holds.
 */
export function scrubText(text: string, rules: ScrubRules): string {
  return cutSecrets(text, rules)
    .replace(/(\/\/[^/?#@\s:]*:)[^/?#@\s]*@/g, `$1${REDACTED}@`)
    .replace(/([?&])([^=&#\s'"]+)=([^&#\s'"]*)/g, (whole, separator: string, name: string) =>
      rules.params.has(decodeName(name).toLowerCase()) ? `${separator}${name}=${REDACTED}` : whole,
    );
}

const decodeName = (name: string): string => {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
};
