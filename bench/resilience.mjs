// The resilience layer in the bench: its contenders (retries and a breaker configured but never
// triggered; cache hits beside axios-cache-interceptor's) and the 1,000-concurrent-GET counts.
// They need createClient to honour the resilience options: `isWired` probes that, and the
// report says "not wired yet" instead of timing a client that ignores them.
import axios, { AxiosError } from 'axios';
import { setupCache } from 'axios-cache-interceptor';
import { API_KEY, BODY, ECHO_PATH, TOKEN, echoOf } from './credentials.mjs';

const TIMEOUT_MS = 30_000;

const handWritten = (config) => {
  config.headers.Authorization = 'Bearer ' + TOKEN;
  config.headers['x-api-key'] = API_KEY;
  return config;
};

/** True when `createClient({ retries: 1 })` retries: the layer is wired into this build. */
export async function isWired(lib) {
  let calls = 0;
  const client = lib.createClient({
    baseURL: 'http://127.0.0.1:9',
    retries: 1,
    retryDelay: 0,
    adapter: async (config) => {
      calls++;
      if (calls === 1) throw new AxiosError('reset', 'ECONNRESET', config);
      return { data: '', status: 200, statusText: 'OK', headers: {}, config, request: null };
    },
  });
  try {
    await client.get('/probe');
  } catch {
    return false;
  }
  return calls === 2;
}

// The in-process adapter's answer (transports.mjs), marked `no-store`: a cache configured on
// the client looks every request up, misses, and keeps nothing, so it never serves a hit.
const NO_STORE_HEADERS = { 'content-type': 'application/json', 'cache-control': 'no-store' };
const noStoreAdapter = (config) =>
  Promise.resolve({
    data: config.url === ECHO_PATH ? echoOf((name) => config.headers.get(name)) : BODY,
    status: 200,
    statusText: 'OK',
    headers: NO_STORE_HEADERS,
    config,
    request: null,
  });

/** The resilience contenders (same shape as contenders.mjs), made from the built package. */
export const resilienceContenders = ({ createClient, CircuitBreaker }) => [
  {
    id: 'ours-resilient',
    label: 'axios-dequest `createClient` + retries: 2 + circuitBreaker (never triggered)',
    create: (transport) =>
      createClient({
        ...transport.config,
        timeout: TIMEOUT_MS,
        authToken: TOKEN,
        apiKey: API_KEY,
        retries: 2,
        circuitBreaker: new CircuitBreaker(),
      }),
  },
  {
    id: 'ours-resilient-cache',
    label:
      'axios-dequest `createClient` + retries: 2 + circuitBreaker + cache (never triggered: every response `no-store`)',
    create: (transport) =>
      createClient({
        ...transport.config,
        ...(transport.concurrency === 1 && { adapter: noStoreAdapter }),
        timeout: TIMEOUT_MS,
        authToken: TOKEN,
        apiKey: API_KEY,
        retries: 2,
        circuitBreaker: new CircuitBreaker(),
        cache: true,
      }),
  },
  {
    id: 'ours-cache-hit',
    label: 'axios-dequest `createClient` + cache: true (every timed request a hit)',
    create: (transport) =>
      createClient({
        ...transport.config,
        timeout: TIMEOUT_MS,
        authToken: TOKEN,
        apiKey: API_KEY,
        cache: true,
      }),
  },
  {
    id: 'aci-cache-hit',
    label: 'axios-cache-interceptor + hand-written interceptor (every timed request a hit)',
    create: (transport) => {
      const instance = setupCache(axios.create({ ...transport.config, timeout: TIMEOUT_MS }));
      instance.interceptors.request.use(handWritten);
      return instance;
    },
  },
];

/** The targets of issue 8, as ratios to a reference contender. */
export const resilienceTargets = [
  {
    id: 'ours-resilient',
    reference: 'ours-create',
    label: 'retries + breaker configured, not triggered',
    max: 1.03,
  },
  {
    id: 'ours-resilient-cache',
    reference: 'ours-create',
    label: 'retries + breaker + cache configured, not triggered (every request a miss)',
    max: 1.03,
  },
  {
    id: 'ours-cache-hit',
    reference: 'aci-cache-hit',
    label: "a cache hit, beside axios-cache-interceptor's",
    max: 1,
  },
];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * 1,000 identical GETs started at once, the credential provider taking 5 ms: provider calls
 * and upstream (adapter) calls, for our cache with cachedCredential and for
 * axios-cache-interceptor with an async token interceptor.
 */
export async function countConcurrentGets(lib, inProcessAdapter, log) {
  const requests = 1_000;
  const rows = [];
  const measure = async (label, make) => {
    const counts = { provider: 0, upstream: 0 };
    const provider = async () => {
      counts.provider++;
      await sleep(5);
      return TOKEN;
    };
    const client = make(
      provider,
      inProcessAdapter(() => counts.upstream++),
    );
    await Promise.all(Array.from({ length: requests }, () => client.get('/same')));
    rows.push({ label, ...counts });
    log(`concurrent GETs: ${label}`);
  };
  await measure('axios-dequest: cache: true + cachedCredential', (provider, adapter) =>
    lib.createClient({
      baseURL: 'http://127.0.0.1:9',
      adapter,
      cache: true,
      authToken: lib.cachedCredential(provider, { ttl: 3_600_000 }),
    }),
  );
  await measure('axios-cache-interceptor + async token interceptor', (provider, adapter) => {
    const instance = setupCache(axios.create({ baseURL: 'http://127.0.0.1:9', adapter }));
    instance.interceptors.request.use(async (config) => {
      config.headers.Authorization = `Bearer ${await provider()}`;
      return config;
    });
    return instance;
  });
  return { requests, rows };
}
