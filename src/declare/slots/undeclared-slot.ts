import { sendsBody, type HttpMethod } from '../http-method';
import type { UrlTemplate } from '../url-template';
import { pathAliases, type Slot, type UndeclaredPlacement } from './slot';

/** Where arguments that none of `declared` names go, for a declaration of `url` and `method`. */
export function placeUndeclared(
  url: UrlTemplate,
  method: HttpMethod,
  declared: Iterable<Slot>,
): UndeclaredPlacement {
  const slots = [...declared];
  const paths = pathAliases(slots);
  return {
    placeholders: new Set(url.placeholders.filter((name) => !paths.has(name))),
    rest: !sendsBody(method) ? 'query' : slots.some((s) => s.location === 'form') ? 'form' : 'body',
  };
}

/** The slot of an argument no declaration names: a free placeholder's, else `placement.rest`. */
export function undeclaredSlot(name: string, placement: UndeclaredPlacement): Slot {
  const location = placement.placeholders.has(name) ? 'path' : placement.rest;
  return { argument: name, location, alias: name, type: undefined, whole: false };
}
