import type { OAuthEndpointOptions } from './options';
import { describe } from './describe-value';

// What the token request sets itself: extraParams may not replace them.
const RESERVED_PARAMS = [
  'grant_type',
  'client_id',
  'client_secret',
  'scope',
  'audience',
  'resource',
  'refresh_token',
];
// RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

/**
 * The form parameters the options add to every token request: scope, audience, resource and
 * extraParams, in that order. `fail` throws the provider's ConfigurationError.
 */
export function readParams(
  o: OAuthEndpointOptions,
  fail: (m: string) => never,
): [string, string][] {
  const params: [string, string][] = [];
  if (o.scope !== undefined) {
    const scopes = typeof o.scope === 'string' ? o.scope.split(' ').filter(Boolean) : o.scope;
    if (
      !Array.isArray(scopes) ||
      !scopes.every((s) => typeof s === 'string' && SCOPE_TOKEN.test(s))
    ) {
      fail(
        "scope must be a space-separated string or a list of scopes, each of visible ASCII without '\"' or '\\' " +
          "(RFC 6749 §3.3), e.g. 'orders:read orders:write' or ['orders:read'].",
      );
    }
    if (scopes.length > 0) params.push(['scope', scopes.join(' ')]);
  }
  if (o.audience !== undefined) {
    if (typeof o.audience !== 'string' || o.audience === '') {
      fail(
        `audience must be a non-empty string, e.g. 'https://api.example.com', got ${describe(o.audience)}.`,
      );
    }
    params.push(['audience', o.audience]);
  }
  if (o.resource !== undefined) {
    const resources = typeof o.resource === 'string' ? [o.resource] : o.resource;
    const isResource = (r: unknown): r is string =>
      typeof r === 'string' && /^[a-z][a-z\d+\-.]*:/i.test(r) && !r.includes('#') && parses(r);
    if (!Array.isArray(resources) || !resources.every(isResource)) {
      fail(
        "resource must be an absolute URI without #fragment (RFC 8707), or a list of them, e.g. 'https://api.example.com'.",
      );
    }
    for (const resource of resources) params.push(['resource', resource]);
  }
  if (o.extraParams !== undefined) {
    if (
      typeof o.extraParams !== 'object' ||
      o.extraParams === null ||
      Array.isArray(o.extraParams)
    ) {
      fail(`extraParams must be an object of string values, got ${describe(o.extraParams)}.`);
    }
    for (const [name, value] of Object.entries(o.extraParams)) {
      if (RESERVED_PARAMS.includes(name)) {
        fail(
          `extraParams may not set ${name}: ${name === 'scope' || name === 'audience' || name === 'resource' ? `use the ${name} option` : 'the token request sets it itself'}.`,
        );
      }
      if (typeof value !== 'string')
        fail(`extraParams.${name} must be a string, got ${describe(value)}.`);
      params.push([name, value]);
    }
  }
  return params;
}

const parses = (url: string): boolean => {
  try {
    new URL(url);
    return true;
  } catch {
    return false;
  }
};
