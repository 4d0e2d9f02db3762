// One replica of the multi-process provider-call count (bench/redis.mjs forks 4): waits for
// "go", then starts its requests at once through an in-process adapter; the provider is an
// HTTP call to the parent's counting token endpoint, so calls are counted across processes.
import axios from 'axios';
import tokenInterceptor from 'axios-token-interceptor';
import { createClient as createRedisClient } from 'redis';
import { cachedCredential, createClient } from 'axios-dequest';
import { createRedisCredentialStore } from 'axios-dequest/redis';
import { inProcessAdapter } from './transports.mjs';

const { contender, tokenURL, redisURL, namespace, encryptionKey, requests } = JSON.parse(
  /** @type {string} */ (process.argv[2]),
);
const send = /** @type {NonNullable<typeof process.send>} */ (process.send).bind(process);
const TTL_MS = 60_000;
const provider = async () => (await axios.post(tokenURL)).data.token;
const adapter = inProcessAdapter();
const baseURL = 'http://127.0.0.1:9';

const redis =
  contender === 'shared' ? await createRedisClient({ url: redisURL }).connect() : undefined;
redis?.on('error', () => {});
const clients = {
  shared: () => {
    // Only the 'shared' contender builds this client, and it connected one.
    const client = /** @type {NonNullable<typeof redis>} */ (redis);
    const store = createRedisCredentialStore({ client, namespace, encryptionKey });
    const authToken = cachedCredential(provider, { ttl: TTL_MS, store, key: 'bench' });
    return createClient({ baseURL, adapter, authToken });
  },
  memory: () =>
    createClient({ baseURL, adapter, authToken: cachedCredential(provider, { ttl: TTL_MS }) }),
  plain: () => createClient({ baseURL, adapter, authToken: provider }),
  'token-interceptor': () => {
    const instance = axios.create({ baseURL, adapter });
    const getToken = tokenInterceptor.tokenCache(provider, { maxAge: TTL_MS });
    instance.interceptors.request.use(tokenInterceptor({ getToken }));
    return instance;
  },
};
const client = clients[contender]();

process.on('message', async () => {
  const results = await Promise.allSettled(
    Array.from({ length: requests }, () => client.get('/r')),
  );
  // Forked with an IPC channel by redis.mjs, so process.send exists.
  send({ failed: results.filter((r) => r.status === 'rejected').length });
  redis?.destroy();
  process.disconnect();
});
send({ ready: true });
