import { ConfigurationError, DequestError } from '../errors';
import { describeValue } from '../http/describe-value';
import type { DtoClass, ResponseConsumer } from './options';

/** How a response body becomes the result, checked when the call is declared. */
export interface ResponseSpec {
  readonly consume: ResponseConsumer;
  readonly sourceField: string | undefined;
  readonly dto: DtoClass | undefined;
  readonly map: ((data: any) => unknown) | undefined;
}

/** Checks `consume`, `sourceField`, `dto` and `map`. */
export function compileResponseSpec(
  call: string,
  options: { consume?: unknown; sourceField?: unknown; dto?: unknown; map?: unknown },
): ResponseSpec {
  const { consume = 'json', sourceField, dto, map } = options;
  if (consume !== 'json' && consume !== 'text') {
    throw new ConfigurationError(
      `${call}: consume must be 'json' or 'text', got ${describeValue(consume)}.`,
    );
  }
  if (dto !== undefined && typeof dto !== 'function') {
    throw new ConfigurationError(
      `${call}: dto must be a class, constructed with each raw response object.`,
    );
  }
  if (map !== undefined && typeof map !== 'function') {
    throw new ConfigurationError(`${call}: map must be a function of the response data.`);
  }
  if (dto !== undefined && map !== undefined) {
    throw new ConfigurationError(
      `${call}: give dto or map, not both (map can construct the dto itself).`,
    );
  }
  if (sourceField !== undefined && (typeof sourceField !== 'string' || sourceField === '')) {
    throw new ConfigurationError(
      `${call}: sourceField must be the name of a field of the response.`,
    );
  }
  if (consume === 'text' && (dto !== undefined || sourceField !== undefined)) {
    throw new ConfigurationError(
      `${call}: consume: 'text' reads the body as a string, so it cannot be combined with ` +
        `${dto !== undefined ? 'dto' : 'sourceField'}. Use consume: 'json', or map to parse the text yourself.`,
    );
  }
  return {
    consume,
    sourceField,
    dto: dto as DtoClass | undefined,
    map: map as ((data: any) => unknown) | undefined,
  };
}

/**
 * The result of a call from the response data: `sourceField`, then `dto` or `map`. `target`
 * (`GET https://…`) is asked for only when mapping fails.
 */
export function mapResponse(spec: ResponseSpec, data: unknown, target: () => string): unknown {
  let source = data;
  if (spec.sourceField !== undefined) {
    if (typeof source !== 'object' || source === null || !(spec.sourceField in source)) {
      throw new DequestError(
        `The response of ${target()} has no field ${JSON.stringify(spec.sourceField)} (sourceField); ` +
          `it is ${describeValue(source, { secret: true })}.`,
      );
    }
    source = (source as Record<string, unknown>)[spec.sourceField];
  }
  const { map, dto: Dto } = spec;
  // No body (204, or null) has nothing to construct a dto from.
  if (
    map === undefined &&
    (Dto === undefined || source === undefined || source === null || source === '')
  ) {
    return source;
  }
  try {
    if (map !== undefined) return map(source);
    // One argument, the raw object, as dequest's constructor gets its fields: nothing else.
    return Array.isArray(source) ? source.map((item: unknown) => new Dto!(item)) : new Dto!(source);
  } catch (error) {
    const what =
      map !== undefined
        ? `map (${map.name || 'anonymous'})`
        : `dto ${Dto!.name || '(anonymous class)'}`;
    throw new DequestError(
      `The response of ${target()} could not be mapped: ${what} threw ${error instanceof Error ? `"${error.message}"` : describeValue(error, { secret: true })}. ` +
        `See error.cause.`,
      { cause: error },
    );
  }
}
