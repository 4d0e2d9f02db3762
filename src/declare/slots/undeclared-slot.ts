import { sendsBody, type HttpMethod } from '../http-method';
import type { UrlTemplate } from '../url-template';
import { pathAliases, type Slot, type UndeclaredRoute } from './slot';

/** Where arguments that none of `declared` names go, for a declaration of `url` and `method`. */
export function undeclaredRoute(
  url: UrlTemplate,
  method: HttpMethod,
  declared: Iterable<Slot>,
): UndeclaredRoute {
  const slots = [...declared];
  const paths = pathAliases(slots);
  return {
    placeholders: new Set(url.placeholders.filter((name) => !paths.has(name))),
    rest: !sendsBody(method) ? 'query' : slots.some((s) => s.location === 'form') ? 'form' : 'body',
  };
}

/** The slot of an argument no declaration names: a free placeholder's, else `route.rest`. */
export function undeclaredSlot(name: string, route: UndeclaredRoute): Slot {
  const location = route.placeholders.has(name) ? 'path' : route.rest;
  return { argument: name, location, alias: name, type: undefined, whole: false };
}
