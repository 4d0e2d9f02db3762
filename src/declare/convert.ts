import { InvalidParameterValueError } from '../errors';
import type { ParamConverter, ParamLocation } from './params';
import { describeValue } from '../http/describe-value';

// A header's value may be a secret: it is never shown.
const show = (value: unknown, location: ParamLocation): string =>
  describeValue(value, { secret: location === 'header' });

const invalid = (argument: string, detail: string, cause?: unknown): InvalidParameterValueError =>
  new InvalidParameterValueError(
    argument,
    `Invalid value for ${argument}: ${detail}`,
    cause === undefined ? undefined : { cause },
  );

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isNaN(value) ? undefined : value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && value.trim() !== '') {
    const number = Number(value);
    return Number.isNaN(number) ? undefined : number;
  }
  return undefined;
}

// Python's bool("false") is True; a TypeScript user means false. Accept only unambiguous spellings.
function toBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === 0) return value === 1;
  if (typeof value !== 'string') return undefined;
  const word = value.trim().toLowerCase();
  if (word === 'true' || word === '1') return true;
  if (word === 'false' || word === '0') return false;
  return undefined;
}

function toText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return String(value);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  return undefined;
}

/**
 * Applies a declared `type` to one argument. `null` and `undefined` pass unconverted (they
 * mean "not given"). Throws {@link InvalidParameterValueError} before anything is sent.
 */
export function convertArgument(
  argument: string,
  location: ParamLocation,
  value: unknown,
  type: ParamConverter | undefined,
): unknown {
  if (type === undefined || value === null || value === undefined) return value;
  if (type === Number) {
    const number = toNumber(value);
    if (number === undefined)
      throw invalid(argument, `expected a number, got ${show(value, location)}.`);
    return number;
  }
  if (type === Boolean) {
    const bool = toBoolean(value);
    if (bool === undefined) {
      throw invalid(
        argument,
        `expected a boolean (true/false, 'true'/'false', 1/0), got ${show(value, location)}.`,
      );
    }
    return bool;
  }
  if (type === String) {
    const text = toText(value);
    if (text === undefined)
      throw invalid(argument, `expected a string, got ${show(value, location)}.`);
    return text;
  }
  let converted: unknown;
  try {
    converted = type(value);
  } catch (error) {
    // A converter's message may quote the value; a header's value may be a secret.
    const reason =
      location === 'header'
        ? ". A header's value is not shown, nor what its converter said: see error.cause."
        : `: ${error instanceof Error ? error.message : String(error)}`;
    throw invalid(
      argument,
      `${type.name || 'its type'} rejected ${show(value, location)}${reason}`,
      error,
    );
  }
  if (typeof converted === 'number' && Number.isNaN(converted)) {
    throw invalid(argument, `${type.name || 'its type'} turned ${show(value, location)} into NaN.`);
  }
  return converted;
}
