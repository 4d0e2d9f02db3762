import { ConfigurationError } from '../errors';
import { UNDECLARED_ADVICE } from './declared';

// What Nest's route decorators (@Get … from '@nestjs/common') record on a method, through
// reflect-metadata: PATH_METADATA and METHOD_METADATA.
const NEST_ROUTE_KEYS = ['path', 'method'] as const;

type GetMetadata = (key: string, target: object) => unknown;

/** True for a method that carries a Nest controller route, where reflect-metadata is loaded. */
function isNestRoute(method: unknown): boolean {
  const getMetadata = (Reflect as { getMetadata?: GetMetadata }).getMetadata;
  return (
    typeof getMetadata === 'function' &&
    typeof method === 'function' &&
    NEST_ROUTE_KEYS.every((key) => getMetadata(key, method) !== undefined)
  );
}

/**
 * Throws a {@link ConfigurationError} when a method of an `@ApiClient` class was decorated with
 * a Nest route decorator instead of ours: found when the class is defined, not on the first call.
 */
export function assertNoNestRoutes(target: object): void {
  const className = (target as { name?: string }).name || 'the class';
  const prototype = (target as { prototype?: object }).prototype;
  for (const owner of [prototype, target]) {
    if (typeof owner !== 'object' && typeof owner !== 'function') continue;
    for (const key of Object.getOwnPropertyNames(owner)) {
      if (key === 'constructor' || key === 'prototype') continue;
      const value = Object.getOwnPropertyDescriptor(owner, key)?.value as unknown;
      if (!isNestRoute(value)) continue;
      throw new ConfigurationError(
        `@ApiClient on ${className}: ${key} has a Nest route decorator (from '@nestjs/common'), so calling it would send nothing. ` +
          UNDECLARED_ADVICE,
      );
    }
  }
}
