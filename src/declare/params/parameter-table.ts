import type { ParamSpec } from './types';

// On the prototype (or the class, for static methods): method name -> spec per parameter index.
// A Symbol.for key, so an ESM and a CJS copy of the package read each other's declarations.
const PARAMETERS = Symbol.for('axios-dequest.parameters');
type ParameterTable = Map<string | symbol, (ParamSpec | undefined)[]>;

/** The specs recorded by parameter decorators on `target[propertyKey]`, by parameter index. */
export function parameterSpecsOf(
  target: object,
  propertyKey: string | symbol,
): readonly (ParamSpec | undefined)[] | undefined {
  const table = (target as Record<symbol, ParameterTable | undefined>)[PARAMETERS];
  return table instanceof Map ? table.get(propertyKey) : undefined;
}

/** Records `spec` for parameter `index` of `target[propertyKey]` (a parameter decorator's work). */
export function recordParameterSpec(
  target: object,
  propertyKey: string | symbol,
  index: number,
  spec: ParamSpec,
): void {
  const holder = target as Record<symbol, ParameterTable | undefined>;
  let table = Object.prototype.hasOwnProperty.call(holder, PARAMETERS)
    ? holder[PARAMETERS]
    : undefined;
  if (!(table instanceof Map)) {
    table = new Map();
    Object.defineProperty(holder, PARAMETERS, { value: table, configurable: true });
  }
  const specs = table.get(propertyKey) ?? [];
  specs[index] = spec;
  table.set(propertyKey, specs);
}
