import axios from 'axios';
import type { AxiosAdapter, AxiosRequestConfig, InternalAxiosRequestConfig } from 'axios';

/**
 * The adapter a request would have used without auth, and whether it is axios's own http
 * adapter: the one adapter whose redirects (follow-redirects) take a `beforeRedirect` hook.
 * Any other (fetch, a function wrapping one, a third-party adapter) gets its redirects
 * followed by the package, one hop at a time.
 */
export interface PickedAdapter {
  readonly send: AxiosAdapter;
  readonly isHttp: boolean;
}

// axios exports the adapter setting's type from its CJS typings only; derive it instead.
export type AdapterSpec = AxiosRequestConfig['adapter'];

// Picking goes through axios.getAdapter, which probes the environment and throws (an
// AxiosError, stack trace and all) for each entry that is not available, such as 'xhr' in Node.
// So remember the answer: by name for lists of names (mergeConfig hands every request a fresh
// copy of the instance's ['xhr', 'http', 'fetch']), by identity for functions.
const pickedByName = new Map<string, PickedAdapter>();
const pickedByObject = new WeakMap<object, PickedAdapter>();

const cacheKey = (spec: AdapterSpec): string | object | undefined => {
  if (typeof spec === 'string') return spec;
  if (typeof spec === 'function') return spec;
  if (Array.isArray(spec)) return spec.every((e) => typeof e === 'string') ? spec.join(',') : spec;
  return undefined;
};

/**
 * Picks the adapter an adapter setting (`'fetch'`, `['xhr', 'http', 'fetch']`, a function)
 * names, the way axios's dispatchRequest would, remembering which entry won so the http
 * adapter can be told apart.
 */
export function pickAdapter(spec: AdapterSpec, config: InternalAxiosRequestConfig): PickedAdapter {
  // A custom fetch environment changes which adapter 'fetch' names: never reuse an answer then.
  if ((config as { env?: { fetch?: unknown } }).env?.fetch) return pickUncached(spec, config);
  // The hot path: the same list of names as last time, compared without building a key.
  if (Array.isArray(spec) && lastList !== undefined && sameEntries(spec, lastList.spec)) {
    return lastList.picked;
  }
  const key = cacheKey(spec);
  const cached =
    typeof key === 'string'
      ? pickedByName.get(key)
      : key === undefined
        ? undefined
        : pickedByObject.get(key);
  const picked = cached ?? pickUncached(spec, config);
  if (typeof key === 'string') pickedByName.set(key, picked);
  else if (key !== undefined) pickedByObject.set(key, picked);
  if (Array.isArray(spec) && typeof key === 'string') lastList = { spec: [...spec], picked };
  return picked;
}

let lastList: { spec: readonly unknown[]; picked: PickedAdapter } | undefined;

const sameEntries = (a: readonly unknown[], b: readonly unknown[]): boolean => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

let defaultHttp: AxiosAdapter | null | undefined;

/** axios's http adapter, or `null` where this environment has none (a browser). */
function httpAdapter(): AxiosAdapter | null {
  if (defaultHttp === undefined) {
    try {
      defaultHttp = axios.getAdapter('http');
    } catch {
      defaultHttp = null;
    }
  }
  return defaultHttp;
}

function pickUncached(spec: AdapterSpec, config: InternalAxiosRequestConfig): PickedAdapter {
  const setting = spec ?? axios.defaults.adapter;
  const entries = Array.isArray(setting) ? setting : [setting];
  for (const entry of entries) {
    // Only axios's http adapter itself is known to pass beforeRedirect on. A function that wraps
    // it, or fetch, may follow redirects where no hook reaches: those are followed here instead.
    if (typeof entry === 'function') return { send: entry, isHttp: entry === httpAdapter() };
    if (typeof entry !== 'string') continue;
    try {
      const send = axios.getAdapter(entry, config as never);
      return { send, isHttp: entry.toLowerCase() === 'http' };
    } catch {
      // Not available here (xhr in Node): try the next one, as axios does.
    }
  }
  // Nothing fits: let axios throw its own explanation.
  return { send: axios.getAdapter(entries as never, config as never), isHttp: false };
}
