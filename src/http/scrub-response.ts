// What scrubError makes of an error's `response`. No axios import, so that any layer may use it.
import { concealSentRequest } from './conceal-request';
import { defineHidden, scrubHeaders, scrubUrl } from './scrub-config';
import { cutSecrets, type ScrubRules } from './scrub-rules';

type Holder = Record<string, unknown>;

/**
 * A copy of an axios response that prints no secret: its config scrubbed, secret headers
 * replaced, exact secrets cut out of its body, its request out of sight. A plain copy: a response
 * class's private fields do not survive a copy of its prototype.
 */
export function scrubResponse(
  response: Holder,
  safeConfig: (config: unknown) => unknown,
  rules: ScrubRules,
): Holder {
  const copy: Holder = {};
  for (const name of Object.keys(response)) copy[name] = response[name];
  // A stream is read where it is, so it cannot be copied: what it holds of the request is hidden in place.
  concealSentRequest(response.data);
  if ('config' in response) copy.config = safeConfig(response.config);
  if ('headers' in response) copy.headers = scrubHeaders(response.headers, rules);
  if (rules.secrets.length > 0) copy.data = cutData(response.data, rules, 0);
  if (typeof copy.responseURL === 'string') copy.responseURL = scrubUrl(copy.responseURL, rules);
  concealSentRequest(response.request);
  defineHidden(copy, 'request', response.request);
  return copy;
}

// A body is the server's, not ours to hide, but a careless or hostile server may echo a secret.
function cutData(data: unknown, rules: ScrubRules, depth: number): unknown {
  if (typeof data === 'string') return cutSecrets(data, rules);
  if (typeof data !== 'object' || data === null || depth > 8) return data;
  if (Array.isArray(data)) return data.map((item) => cutData(item, rules, depth + 1));
  if (Object.getPrototypeOf(data) !== Object.prototype) return data;
  return Object.fromEntries(
    Object.entries(data).map(([name, value]) => [name, cutData(value, rules, depth + 1)]),
  );
}
