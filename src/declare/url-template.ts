import { ConfigurationError, InvalidParameterValueError } from '../errors';
import { describeValue } from '../http/describe-value';
import { originOf } from '../http/origin';
import { ABSOLUTE_URL } from '../http/syntax';

const PLACEHOLDER = /\{([^{}]*)\}/g;
const NAME = /^[A-Za-z_$][\w$.-]*$/;

/** A `url` option, parsed once when the call is declared. */
export interface UrlTemplate {
  readonly source: string;
  /** Placeholder names in order of appearance, each once. */
  readonly placeholders: readonly string[];
  readonly absolute: boolean;
  /** The origin of an absolute url (`https://api.example.com`), else undefined. */
  readonly origin: string | undefined;
}

/** Parses `url`, throwing {@link ConfigurationError} for a malformed template. */
export function compileUrlTemplate(url: unknown, option = 'url'): UrlTemplate {
  if (typeof url !== 'string') {
    throw new ConfigurationError(
      `${option} must be a string such as 'https://api.example.com/users/{id}' or '/users/{id}', got ${describeValue(url)}.`,
    );
  }
  const placeholders: string[] = [];
  for (const match of url.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? '';
    if (!NAME.test(name)) {
      throw new ConfigurationError(
        `${option} ${JSON.stringify(url)} has the placeholder {${name}}: a placeholder is an argument name such as {id}.`,
      );
    }
    if (!placeholders.includes(name)) placeholders.push(name);
  }
  if (/[{}]/.test(url.replace(PLACEHOLDER, ''))) {
    throw new ConfigurationError(
      `${option} ${JSON.stringify(url)} has an unmatched brace; write placeholders as {name}.`,
    );
  }
  const absolute = ABSOLUTE_URL.test(url);
  return {
    source: url,
    placeholders,
    absolute,
    origin: absolute ? fixedOrigin(url, option) : undefined,
  };
}

// Credentials are allowed for the url's origin, so it must be known before any argument is:
// no placeholder may be part of it.
function fixedOrigin(url: string, option: string): string {
  // `scheme://host:port`: the absolute prefix, then up to the path, query or fragment.
  const prefix = ABSOLUTE_URL.exec(url)?.[0] ?? '';
  const authority = prefix + (url.slice(prefix.length).split(/[/?#]/, 1)[0] ?? '');
  if (authority.includes('{')) {
    throw new ConfigurationError(
      `${option} ${JSON.stringify(url)} has a placeholder in its origin; only the path and query may have them. ` +
        `Put the host in baseURL or in the url itself.`,
    );
  }
  const origin = originOf(authority);
  if (origin === undefined) {
    throw new ConfigurationError(`${option} ${JSON.stringify(url)} is not an http(s) URL.`);
  }
  return origin;
}

/** One path argument: its name, its value as given and as converted (the one sent). */
export interface PathValue {
  readonly argument: string;
  readonly value: unknown;
  readonly given?: unknown;
}

/**
 * The url with each `{name}` replaced by `encodeURIComponent(values.get(name))`. A missing
 * value is a {@link ConfigurationError}; a value that cannot be part of a URL, or that would
 * move it to another path (`''`, `.`, `..`, `%2e%2e`, before or after conversion), an
 * {@link InvalidParameterValueError}. Each entry names the argument behind its placeholder.
 */
export function fillUrlTemplate(
  template: UrlTemplate,
  values: ReadonlyMap<string, PathValue>,
  call: string,
): string {
  if (template.placeholders.length === 0) return template.source;
  // Placeholders after the path (in the query or fragment) fill no segment.
  const pathEnd = template.source.search(/[?#]/);
  return template.source.replace(PLACEHOLDER, (_match, name: string, offset: number) => {
    const entry = values.get(name);
    const value = entry?.value;
    if (value === undefined || value === null) {
      throw new ConfigurationError(
        `${call}: missing path argument ${JSON.stringify(entry?.argument ?? name)} for {${name}} in ` +
          `${JSON.stringify(template.source)}. Pass a value for it (null and undefined are not values).`,
      );
    }
    if (
      typeof value !== 'string' &&
      typeof value !== 'number' &&
      typeof value !== 'bigint' &&
      typeof value !== 'boolean'
    ) {
      throw new InvalidParameterValueError(
        entry?.argument ?? name,
        `Invalid value for ${entry?.argument ?? name}: a path parameter must be a string or a number, got ${describeValue(value)}.`,
      );
    }
    const argument = entry?.argument ?? name;
    const text = String(value);
    if (pathEnd === -1 || offset < pathEnd) {
      assertKeepsPath(argument, entry?.given);
      assertKeepsPath(argument, text);
    }
    return encodeURIComponent(text);
  });
}

// A URL drops `.` and `..` segments (`%2e` is a dot there too) and an empty one joins its
// neighbours: such a value would send the request, credentials and all, to another path.
const MOVES_PATH = /^(?:\.|%2e){0,2}$/i;

function assertKeepsPath(argument: string, value: unknown): void {
  if (typeof value !== 'string' || !MOVES_PATH.test(value)) return;
  throw new InvalidParameterValueError(
    argument,
    `Invalid value for ${argument}: a path parameter cannot be ${value === '' ? 'empty' : JSON.stringify(value)}, ` +
      `since the URL would then point to another path (URLs drop "." and ".." segments and empty ones). ` +
      `Pass the value that names the resource.`,
  );
}
