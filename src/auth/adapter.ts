import axios from 'axios';
import type { AxiosAdapter, AxiosRequestConfig, InternalAxiosRequestConfig } from 'axios';

/** The adapter a request would have used without auth, and whether it is axios's fetch adapter. */
export interface ResolvedAdapter {
  readonly send: AxiosAdapter;
  readonly isFetch: boolean;
}

// axios exports the adapter setting's type from its CJS typings only; derive it instead.
export type AdapterSpec = AxiosRequestConfig['adapter'];

// Resolving goes through axios.getAdapter, which probes the environment; an instance's adapter
// list is one object for all its requests, so remember the answer per list.
const resolvedBySpec = new WeakMap<object, ResolvedAdapter>();
const resolvedByName = new Map<string, ResolvedAdapter>();

/**
 * Resolves an adapter setting (`'fetch'`, `['xhr', 'http', 'fetch']`, a function) the way
 * axios's dispatchRequest would, remembering which entry won so fetch can be told apart.
 */
export function resolveAdapter(
  spec: AdapterSpec,
  config: InternalAxiosRequestConfig,
): ResolvedAdapter {
  // A custom fetch environment changes what 'fetch' resolves to: never reuse an answer then.
  const cacheable = !(config as { env?: { fetch?: unknown } }).env?.fetch;
  if (cacheable) {
    const cached =
      typeof spec === 'object' && spec !== null
        ? resolvedBySpec.get(spec)
        : typeof spec === 'string'
          ? resolvedByName.get(spec)
          : undefined;
    if (cached) return cached;
  }
  const resolved = resolveUncached(spec ?? axios.defaults.adapter, config);
  if (cacheable) {
    if (typeof spec === 'object' && spec !== null) resolvedBySpec.set(spec, resolved);
    else if (typeof spec === 'string') resolvedByName.set(spec, resolved);
  }
  return resolved;
}

function resolveUncached(spec: AdapterSpec, config: InternalAxiosRequestConfig): ResolvedAdapter {
  const entries = Array.isArray(spec) ? spec : [spec];
  for (const entry of entries) {
    if (typeof entry === 'function') return { send: entry, isFetch: false };
    if (typeof entry !== 'string') continue;
    try {
      const send = axios.getAdapter(entry, config as never);
      return { send, isFetch: entry.toLowerCase() === 'fetch' };
    } catch {
      // Not available here (xhr in Node): try the next one, as axios does.
    }
  }
  // Nothing fits: let axios throw its own explanation.
  return { send: axios.getAdapter(entries as never, config as never), isFetch: false };
}
