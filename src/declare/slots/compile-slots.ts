import { ConfigurationError } from '../../errors';
import type { HttpMethod } from '../http-method';
import type { UrlTemplate } from '../url-template';
import { paramSlots, parameterSlots } from './declared-slots';
import { pathAliases, type Slots, type SlotSources } from './slot';
import { assertPlaceholdersFilled, compileArgs, assertOneBody } from './slot-checks';
import { placeUndeclared, undeclaredSlot } from './undeclared-slot';

/**
 * Checks `params`, `args` and parameter decorators against the url and each other, and gives
 * every declared argument its slot. Throws {@link ConfigurationError}.
 */
export function compileSlots(
  sources: SlotSources,
  url: UrlTemplate,
  method: HttpMethod,
  owner: string,
): Slots {
  const slots = slotsOf(sources, url, method, owner);
  const all = [...(slots.named?.values() ?? []), ...(slots.positional ?? [])];
  assertOneBody(all, owner);
  return {
    ...slots,
    undeclared: placeUndeclared(url, method, slots.named?.values() ?? []),
    form: all.some((s) => s.location === 'form'),
  };
}

type SlotLists = Pick<Slots, 'named' | 'positional'>;

function slotsOf(
  sources: SlotSources,
  url: UrlTemplate,
  method: HttpMethod,
  owner: string,
): SlotLists {
  const decorated = sources.parameters?.some((spec) => spec !== undefined) === true;
  if (decorated) {
    if (sources.args !== undefined || sources.params !== undefined) {
      throw new ConfigurationError(
        `${owner}: its parameters are decorated (@Path, @Query, …), so it takes no args or params option. Use one way.`,
      );
    }
    const positional = parameterSlots(sources, url, owner);
    assertPlaceholdersFilled(url, positional, owner);
    return { named: undefined, positional };
  }
  const declared = paramSlots(sources.params, url, owner);
  if (sources.args === undefined) {
    for (const placeholder of url.placeholders) {
      const slot = declared.get(placeholder);
      if (
        slot !== undefined &&
        slot.location !== 'path' &&
        !pathAliases(declared.values()).has(placeholder)
      ) {
        throw new ConfigurationError(
          `${owner}: the url has {${placeholder}}, but params.${placeholder} sends that argument to the ${slot.location}. ` +
            `Declare it Path(), or rename the placeholder.`,
        );
      }
    }
    return { named: declared, positional: undefined };
  }
  const names = compileArgs(sources.args, owner);
  for (const key of declared.keys()) {
    if (!names.includes(key)) {
      throw new ConfigurationError(
        `${owner}: params.${key} is not one of args [${names.join(', ')}].`,
      );
    }
  }
  const placement = placeUndeclared(url, method, declared.values());
  const positional = names.map((name) => declared.get(name) ?? undeclaredSlot(name, placement));
  assertPlaceholdersFilled(url, positional, owner);
  return { named: undefined, positional };
}
