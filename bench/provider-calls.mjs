// How often the credential provider is called when 1,000 requests start at once and the
// provider takes 5 ms (a token endpoint on a fast network): once when it succeeds, once
// when it fails, is what cachedCredential promises.
import axios from 'axios';
import tokenInterceptor from 'axios-token-interceptor';
import { TOKEN, BENCH_PATH } from './credentials.mjs';
import { inProcessAdapter } from './transports.mjs';

const REQUESTS = 1_000;
const PROVIDER_DELAY_MS = 5;
const TTL_MS = 60_000;
const BASE_URL = 'http://127.0.0.1:9';

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A 5 ms token endpoint that counts its calls and either answers or fails. */
function countingProvider(fails) {
  const provider = async () => {
    provider.calls++;
    await delay(PROVIDER_DELAY_MS);
    if (fails) throw new Error('token endpoint unavailable');
    return TOKEN;
  };
  provider.calls = 0;
  return provider;
}

// Each contender gets the package's functions, the provider and an adapter; it returns an
// axios instance.
const contenders = [
  {
    label: 'axios-dequest `cachedCredential`',
    create: ({ createClient, cachedCredential }, provider, adapter) =>
      createClient({
        baseURL: BASE_URL,
        adapter,
        authToken: cachedCredential(provider, { ttl: TTL_MS }),
      }),
  },
  {
    label: 'axios-token-interceptor `tokenCache`',
    create: (_lib, provider, adapter) => {
      const instance = axios.create({ baseURL: BASE_URL, adapter });
      const getToken = tokenInterceptor.tokenCache(provider, { maxAge: TTL_MS });
      instance.interceptors.request.use(tokenInterceptor({ getToken }));
      return instance;
    },
  },
  {
    label: 'plain async provider (axios-dequest, no cache)',
    create: ({ createClient }, provider, adapter) =>
      createClient({ baseURL: BASE_URL, adapter, authToken: provider }),
  },
];

async function scenario(lib, contender, fails) {
  const provider = countingProvider(fails);
  let sent = 0;
  let authorized = 0;
  const adapter = inProcessAdapter((headers) => {
    sent++;
    if (headers.get('authorization') === `Bearer ${TOKEN}`) authorized++;
  });
  const client = contender.create(lib, provider, adapter);
  const results = await Promise.allSettled(
    Array.from({ length: REQUESTS }, () => client.get(BENCH_PATH)),
  );
  const rejected = results.filter((r) => r.status === 'rejected').length;
  return { calls: provider.calls, sent, authorized, rejected };
}

/** Provider calls, requests sent and authorized, for each contender, provider up and down. */
export async function countProviderCalls(lib, log) {
  const rows = [];
  for (const contender of contenders) {
    const ok = await scenario(lib, contender, false);
    const failing = await scenario(lib, contender, true);
    rows.push({ label: contender.label, ok, failing });
    log(`provider calls: ${contender.label}`);
  }
  return { requests: REQUESTS, delayMs: PROVIDER_DELAY_MS, rows };
}
