// cachedCredential with a store: what each process sees. The store is the real Redis one (with
// a counting wrapper where the test must see how often it is asked).
import { randomBytes } from 'node:crypto';
import type { InternalAxiosRequestConfig } from 'axios';
import { cachedCredential } from '../../src/credentials/cached-credential';
import type { CachedCredentialContext } from '../../src/credentials/cached-credential';
import type {
  CredentialStore,
  CredentialStoreRequest,
} from '../../src/credentials/credential-store';
import type { CredentialContext } from '../../src/credentials/source';
import { isConfigurationError } from '../../src/errors';
import type { DequestEvent } from '../../src/events/dequest-event';
import { createRedisCredentialStore } from '../../src/redis';
import { createClient as createRedisClient } from 'redis';
import {
  connectNodeRedis,
  deleteKeys,
  describeWithRedis,
  dumpKeys,
  uniqueNamespace,
  type NodeRedis,
} from '../redis/redis-env';

const ctx: CredentialContext = { config: {} as InternalAxiosRequestConfig, refresh: false };
const refreshCtx: CredentialContext = { ...ctx, refresh: true };
const encryptionKey = randomBytes(32);

describeWithRedis('cachedCredential with a shared store', () => {
  let redis: NodeRedis;
  let namespace: string;
  let asked: CredentialStoreRequest[];
  let store: CredentialStore;

  beforeAll(async () => {
    redis = await connectNodeRedis();
  });
  afterAll(() => redis.destroy());
  beforeEach(() => {
    namespace = uniqueNamespace();
    asked = [];
    const real = createRedisCredentialStore({
      client: redis,
      encryptionKey,
      namespace,
      logger: null,
    });
    store = {
      obtain: (key, request) => {
        asked.push(request);
        return real.obtain(key, request);
      },
    };
  });
  afterEach(() => deleteKeys(redis, `${namespace}:*`));

  test('the hot path costs no store round trip: after the first value, calls answer synchronously', async () => {
    const provider = jest.fn(async () => 'tok');
    const token = cachedCredential(provider, { ttl: 60_000, store, key: 'api' });

    await expect(token(ctx)).resolves.toBe('tok');
    const values = Array.from({ length: 1_000 }, () => token(ctx));

    expect(values.every((value) => value === 'tok')).toBe(true);
    expect(asked).toHaveLength(1);
    expect(provider).toHaveBeenCalledTimes(1);
  });

  test('a second process takes the stored value instead of calling its provider', async () => {
    const first = jest.fn(async () => 'shared-tok');
    const second = jest.fn(async () => 'never');
    const events: DequestEvent[] = [];
    await cachedCredential(first, { ttl: 60_000, store, key: 'api' })(ctx);

    const other = cachedCredential(second, {
      ttl: 60_000,
      store,
      key: 'api',
      onEvent: (e) => events.push(e),
    });

    await expect(other(ctx)).resolves.toBe('shared-tok');
    expect(second).not.toHaveBeenCalled();
    expect(events).toEqual([{ type: 'shared-credential', key: 'api', outcome: 'shared' }]);
  });

  test('a refresh tells the store which value was rejected, so it can compare and set', async () => {
    let n = 0;
    const token = cachedCredential(async () => `tok-${++n}`, { ttl: 60_000, store, key: 'api' });
    await token(ctx);

    await expect(token(refreshCtx)).resolves.toBe('tok-2');

    expect(asked.map((request) => request.rejected)).toEqual([undefined, 'tok-1']);
  });

  test('concurrent callers share one store request (local single-flight first)', async () => {
    const token = cachedCredential(async () => 'tok', { ttl: 60_000, store, key: 'api' });

    await Promise.all(Array.from({ length: 50 }, () => token(ctx)));

    expect(asked).toHaveLength(1);
  });

  test("a failing provider's error reaches the callers, and the provider is not called again locally", async () => {
    const failure = new Error('token endpoint down');
    const provider = jest.fn(async () => Promise.reject(failure));
    const token = cachedCredential(provider, { ttl: 60_000, store, key: 'api' });

    const results = await Promise.allSettled(Array.from({ length: 10 }, () => token(ctx)));

    expect(results.map((r) => (r as PromiseRejectedResult).reason)).toEqual(
      Array(10).fill(failure),
    );
    expect(provider).toHaveBeenCalledTimes(1);
  });

  test('"send no header" values reach the callers but are never stored', async () => {
    const provider = jest.fn(async () => '');
    const token = cachedCredential(provider, { ttl: 60_000, store, key: 'api' });

    await expect(token(ctx)).resolves.toBe('');
    await expect(token(ctx)).resolves.toBe('');

    expect(provider).toHaveBeenCalledTimes(2);
    expect(await dumpKeys(redis, `${namespace}:*`)).toEqual([]);
  });

  test("a provider's state travels through the store to the next fetch, in whichever process", async () => {
    const first = cachedCredential(async () => ({ value: 'a1', ttl: 30, state: 'refresh-1' }), {
      ttl: 60_000,
      store,
      key: 'api',
    });
    await first(ctx);
    await new Promise((resolve) => setTimeout(resolve, 60));
    const seen: (string | undefined)[] = [];
    const second = cachedCredential(
      async ({ previous }: CachedCredentialContext) => {
        seen.push(previous?.state);
        return { value: 'a2', ttl: 60_000, state: 'refresh-2' };
      },
      { ttl: 60_000, store, key: 'api' },
    );

    await expect(second(ctx)).resolves.toBe('a2');
    expect(seen).toEqual(['refresh-1']);
  });

  test('the provider gets saveState when it fetches for every process, and none when it runs for this process alone', async () => {
    const seen: { saveState: boolean; previous?: string }[] = [];
    const provider = async ({ saveState, previous }: CachedCredentialContext) => {
      seen.push({ saveState: typeof saveState === 'function', previous: previous?.state });
      await saveState?.('half-way');
      return { value: `tok-${seen.length}`, ttl: 60_000, state: 'done' };
    };
    const token = cachedCredential(provider, { ttl: 60_000, store, key: 'api' });
    const offline = cachedCredential(provider, {
      ttl: 60_000,
      store: createRedisCredentialStore({
        client: createRedisClient({ url: 'redis://127.0.0.1:9' }),
        encryptionKey,
        logger: null,
      }),
      key: 'api',
    });

    await expect(token(ctx)).resolves.toBe('tok-1');
    await expect(offline(ctx)).resolves.toBe('tok-2');

    expect(seen).toEqual([{ saveState: true }, { saveState: false }]);
    await expect(token(refreshCtx)).resolves.toBe('tok-3');
    expect(seen[2]).toEqual({ saveState: true, previous: 'done' });
  });

  test('a value from the store that has already expired by this clock is not used: the provider is called here', async () => {
    const stale: CredentialStore = {
      obtain: async () => ({ value: 'expired-elsewhere', expiresAt: Date.now() - 1 }),
    };
    const provider = jest.fn(async () => 'local');
    const token = cachedCredential(provider, { ttl: 60_000, store: stale, key: 'api' });

    await expect(token(ctx)).resolves.toBe('local');
    expect(provider).toHaveBeenCalledTimes(1);
  });

  test('a store that is not ready means one local provider call for the concurrent callers, at once', async () => {
    const offline = createRedisCredentialStore({
      client: createRedisClient({ url: 'redis://127.0.0.1:9' }),
      encryptionKey,
      logger: null,
    });
    const events: DequestEvent[] = [];
    const provider = jest.fn(async () => 'local-tok');
    const token = cachedCredential(provider, {
      ttl: 60_000,
      store: offline,
      key: 'api',
      onEvent: (e) => events.push(e),
    });

    const values = await Promise.all(Array.from({ length: 50 }, () => token(ctx)));

    expect(values).toEqual(Array(50).fill('local-tok'));
    expect(provider).toHaveBeenCalledTimes(1);
    expect(events).toEqual([{ type: 'shared-credential', key: 'api', outcome: 'local-fallback' }]);
    expect(token(ctx)).toBe('local-tok'); // kept locally until it expires
  });

  test('a store answering something that cannot be sent is not trusted: the provider is called here', async () => {
    const hostile: CredentialStore = {
      obtain: async () => ({ value: 'a\r\nInjected: 1', expiresAt: Date.now() + 60_000 }),
    };
    const token = cachedCredential(async () => 'local', {
      ttl: 60_000,
      store: hostile,
      key: 'api',
    });

    await expect(token(ctx)).resolves.toBe('local');
  });
});

describe('cachedCredential: store and key options', () => {
  const store: CredentialStore = { obtain: async () => ({ value: 'x', expiresAt: Infinity }) };
  test.each([
    [{ store }, /key must name the shared value/],
    [{ store, key: '' }, /key must name the shared value/],
    [{ store, key: 'has space' }, /got a string of 9 characters/],
    [{ store, key: 'x'.repeat(201) }, /1-200 visible ASCII/],
    [{ key: 'api' }, /pass store too, or drop key/],
    [{ store: {}, key: 'api' }, /store must be a CredentialStore/],
    [{ store, key: 'api', onEvent: 'log' }, /onEvent must be a function/],
  ])('%p is a ConfigurationError that says how to fix it', (options, message) => {
    const make = () => cachedCredential(async () => 't', { ttl: 1_000, ...(options as object) });
    expect(make).toThrow(message);
    try {
      make();
    } catch (error) {
      expect(isConfigurationError(error)).toBe(true);
    }
  });
});
