import type { HeaderRecord } from '../client';
import { ConfigurationError, InvalidParameterValueError } from '../errors';
import { describeValue } from '../http/describe-value';
import { INVALID_HEADER_CHAR } from '../http/syntax';
import type { BoundArgument } from './arguments';
import { convertArgument } from './convert';
import type { Declaration } from './declaration';
import { fillUrlTemplate, type PathValue } from './url-template';

/** The parts of a request that come from the arguments of one call. */
export interface RequestParts {
  readonly url: string;
  readonly query: Record<string, unknown> | undefined;
  readonly data: unknown;
  /** Content-Type for the body, when this layer encoded it. */
  readonly contentType: string | undefined;
  /** From `Header()` arguments: the request's own headers; undefined when there are none. */
  readonly headers: HeaderRecord | undefined;
}

/**
 * Converts every argument and puts it in its place: path, query, body, form or header.
 * Throws before anything is sent when a value is wrong or a path argument is missing.
 */
export function buildRequest(
  declaration: Declaration,
  bound: readonly BoundArgument[],
): RequestParts {
  const path = new Map<string, PathValue>();
  const query: [string, unknown][] = [];
  const fields: [string, unknown, string][] = [];
  let whole: { argument: string; value: unknown } | undefined;
  let headers: HeaderRecord | undefined;
  for (const { slot, value: given } of bound) {
    const value = convertArgument(slot.argument, slot.location, given, slot.type);
    switch (slot.location) {
      case 'path':
        path.set(slot.alias, { argument: slot.argument, value, given });
        break;
      case 'query':
        if (value !== undefined && value !== null) query.push([slot.alias, value]);
        break;
      case 'header':
        if (value !== undefined && value !== null)
          (headers ??= {})[slot.alias] = headerValue(slot.argument, value);
        break;
      default:
        if (slot.whole) whole = { argument: slot.argument, value };
        else if (value !== undefined) fields.push([slot.alias, value, slot.argument]);
    }
  }
  const url = fillUrlTemplate(declaration.url, path, declaration.call);
  const body = encodeBody(declaration, whole, fields);
  return {
    url,
    query: query.length === 0 ? undefined : Object.fromEntries(query),
    ...body,
    headers,
  };
}

function headerValue(argument: string, value: unknown): string {
  const text =
    typeof value === 'string'
      ? value
      : typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint'
        ? String(value)
        : undefined;
  if (text === undefined || INVALID_HEADER_CHAR.test(text)) {
    // The value is not shown: a header argument may well be a secret.
    throw new InvalidParameterValueError(
      argument,
      `Invalid value for ${argument}: a header value must be a string without line breaks or control characters` +
        `${text === undefined ? `, got ${describeValue(value, { secret: true })}` : ''}.`,
    );
  }
  return text;
}

function encodeBody(
  declaration: Declaration,
  whole: { argument: string; value: unknown } | undefined,
  fields: readonly [string, unknown, string][],
): Pick<RequestParts, 'data' | 'contentType'> {
  const form = declaration.form;
  if (whole !== undefined && fields.length > 0) {
    throw new ConfigurationError(
      `${declaration.call}: ${fields.map(([, , argument]) => argument).join(', ')} would be fields of the body, ` +
        `but ${whole.argument} is the whole body. Send them in the query (Query()) or inside ${whole.argument}.`,
    );
  }
  if (form) {
    if (whole !== undefined)
      return whole.value === undefined || whole.value === null
        ? none
        : formBody(wholeFormEntries(whole));
    return fields.length === 0 ? none : formBody(fields);
  }
  if (whole !== undefined) {
    const value = whole.value;
    if (value === undefined) return none;
    // A primitive is still a JSON document ("text" → "\"text\""); axios would send a string as is.
    if (value === null || typeof value !== 'object')
      return { data: JSON.stringify(value), contentType: 'application/json' };
    return { data: value, contentType: undefined };
  }
  // A plain object, in declaration order: axios encodes it as JSON and sets the Content-Type.
  return fields.length === 0
    ? none
    : {
        data: Object.fromEntries(fields.map(([name, value]) => [name, value])),
        contentType: undefined,
      };
}

const none = { data: undefined, contentType: undefined };

function wholeFormEntries(whole: {
  argument: string;
  value: unknown;
}): [string, unknown, string][] {
  const { argument, value } = whole;
  if (value instanceof URLSearchParams) return [...value].map(([k, v]) => [k, v, argument]);
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return Object.entries(value).map(([k, v]) => [k, v, `${argument}.${k}`]);
  }
  throw new InvalidParameterValueError(
    argument,
    `Invalid value for ${argument}: a whole form is an object of fields (or URLSearchParams), got ${describeValue(value, { secret: true })}.`,
  );
}

// application/x-www-form-urlencoded, in declaration order, a list as repeated fields (as
// Python's requests/httpx send it): `name=Alice&grade=14&city=New+York`.
function formBody(
  entries: readonly (readonly [string, unknown, string])[],
): Pick<RequestParts, 'data' | 'contentType'> {
  const form = new URLSearchParams();
  for (const [name, value, argument] of entries) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined || item === null) continue;
      form.append(name, formValue(argument, item));
    }
  }
  return { data: form.toString(), contentType: 'application/x-www-form-urlencoded' };
}

function formValue(argument: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  throw new InvalidParameterValueError(
    argument,
    `Invalid value for ${argument}: a form field is a string, number, boolean or Date, got ${Array.isArray(value) ? 'a nested array' : describeValue(value, { secret: true })}.`,
  );
}
