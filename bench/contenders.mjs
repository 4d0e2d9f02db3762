// Everything that is measured, made the same way for each transport. Every instance gets the
// same axios settings (the transport's, plus createClient's 30 s timeout), so the only
// difference between two contenders is how the credentials get onto the request.
import axios from 'axios';
import { createAuthRefresh } from 'axios-auth-refresh';
import tokenInterceptor from 'axios-token-interceptor';
import { API_KEY, TOKEN } from './credentials.mjs';

// createClient's default; given to every contender so no one pays for a timer the others skip.
const TIMEOUT_MS = 30_000;
// Long enough that the cache never expires during a run: what is timed is the cached path.
const CACHE_TTL_MS = 3_600_000;

const axiosFor = (transport) => axios.create({ ...transport.config, timeout: TIMEOUT_MS });

// What users write by hand, as the issue describes it: two lines in an interceptor.
const handWritten = (config) => {
  config.headers.Authorization = 'Bearer ' + TOKEN;
  config.headers['x-api-key'] = API_KEY;
  return config;
};

/**
 * The contenders, with axios-dequest's functions taken from `lib` (the built package, or a
 * variant of it to compare a change). `id` names a contender in ratios and targets; `sends`
 * is false only for bare axios; `create(transport)` returns a ready axios instance.
 */
export const createContenders = ({ attachAuth, cachedCredential, createClient }) => [
  {
    id: 'bare',
    label: 'bare axios (sends no credentials)',
    sends: false,
    create: (transport) => axiosFor(transport),
  },
  {
    id: 'hand',
    label: 'hand-written interceptor',
    create: (transport) => {
      const instance = axiosFor(transport);
      instance.interceptors.request.use(handWritten);
      return instance;
    },
  },
  {
    // axios runs the request chain without a promise hop only when every request
    // interceptor says so; attachAuth's does. This row compares like with like.
    id: 'hand-sync',
    label: 'hand-written interceptor, `synchronous: true`',
    create: (transport) => {
      const instance = axiosFor(transport);
      instance.interceptors.request.use(handWritten, undefined, { synchronous: true });
      return instance;
    },
  },
  {
    id: 'token-interceptor',
    label: 'axios-token-interceptor (token + key)',
    create: (transport) => {
      const instance = axiosFor(transport);
      instance.interceptors.request.use(tokenInterceptor({ token: TOKEN }));
      instance.interceptors.request.use(
        tokenInterceptor({ token: API_KEY, header: 'x-api-key', headerFormatter: (key) => key }),
      );
      return instance;
    },
  },
  {
    id: 'auth-refresh',
    label: 'axios-auth-refresh + hand-written interceptor',
    create: (transport) => {
      const instance = axiosFor(transport);
      instance.interceptors.request.use(handWritten);
      createAuthRefresh(instance, () => Promise.resolve());
      return instance;
    },
  },
  {
    id: 'ours-create',
    label: 'axios-dequest `createClient`, static strings',
    create: (transport) =>
      createClient({ ...transport.config, timeout: TIMEOUT_MS, authToken: TOKEN, apiKey: API_KEY }),
  },
  {
    id: 'ours-attach',
    label: 'axios-dequest `attachAuth`, static strings',
    create: (transport) => {
      const instance = axiosFor(transport);
      attachAuth(instance, { authToken: TOKEN, apiKey: API_KEY });
      return instance;
    },
  },
  {
    id: 'ours-sync',
    label: 'axios-dequest, sync providers',
    create: (transport) =>
      createClient({
        ...transport.config,
        timeout: TIMEOUT_MS,
        authToken: () => TOKEN,
        apiKey: () => API_KEY,
      }),
  },
  {
    id: 'ours-cached',
    label: 'axios-dequest, `cachedCredential(async provider)` + static key',
    create: (transport) =>
      createClient({
        ...transport.config,
        timeout: TIMEOUT_MS,
        authToken: cachedCredential(async () => TOKEN, { ttl: CACHE_TTL_MS }),
        apiKey: API_KEY,
      }),
  },
];

/** The targets of issue 4, as ratios to the hand-written interceptor. */
export const targets = [
  { id: 'ours-create', label: 'static credentials (createClient)', max: 1.03 },
  { id: 'ours-attach', label: 'static credentials (attachAuth)', max: 1.03 },
  { id: 'ours-cached', label: 'cachedCredential over an async provider', max: 1.05 },
];
