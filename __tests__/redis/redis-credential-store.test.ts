import { randomBytes } from 'node:crypto';
import type { CredentialStore, SharedCredential } from '../../src/credentials/credential-store';
import { isConfigurationError } from '../../src/errors';
import { createRedisCredentialStore, isRedisUnavailableError } from '../../src/redis';
import {
  connectNodeRedis,
  deleteKeys,
  describeWithRedis,
  dumpKeys,
  uniqueNamespace,
  type NodeRedis,
} from './redis-env';

const HOUR = 3_600_000;
const shared = (value: string, overrides: Partial<SharedCredential> = {}): SharedCredential => ({
  value,
  expiresAt: Date.now() + HOUR,
  ...overrides,
});

describeWithRedis('createRedisCredentialStore on the real Redis', () => {
  // One client per simulated process: a lock held by one connection is seen by the others.
  let clients: NodeRedis[];
  let namespace: string;
  const encryptionKey = randomBytes(32);
  const storeOf = (client: NodeRedis, options: object = {}): CredentialStore =>
    createRedisCredentialStore({ client, encryptionKey, namespace, logger: null, ...options });

  beforeAll(async () => {
    clients = await Promise.all([connectNodeRedis(), connectNodeRedis(), connectNodeRedis()]);
  });
  afterAll(() => clients.forEach((client) => client.destroy()));
  beforeEach(() => {
    namespace = uniqueNamespace();
  });
  afterEach(() => deleteKeys(clients[0]!, `${namespace}:*`));

  test('3 stores x 20 concurrent obtains: one fetch, and everyone gets its value', async () => {
    const fetch = jest.fn(async () => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      return shared('token-1');
    });
    const stores = clients.map((client) => storeOf(client));

    const values = await Promise.all(
      stores.flatMap((store) => Array.from({ length: 20 }, () => store.obtain('api', { fetch }))),
    );

    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledWith(undefined, expect.any(Function));
    expect(new Set(values.map((v) => v.value))).toEqual(new Set(['token-1']));
  });

  test('a refresh is a compare-and-set: it fetches only while the stored value is the rejected one', async () => {
    const [a, b, c] = clients.map((client) => storeOf(client));
    await a!.obtain('api', { fetch: async () => shared('old') });
    const fetch = jest.fn(async (current?: SharedCredential) =>
      shared(`new-after-${current?.value}`),
    );

    const refreshed = await Promise.all(
      [a, b, c].flatMap((store) =>
        Array.from({ length: 10 }, () => store!.obtain('api', { rejected: 'old', fetch })),
      ),
    );

    expect(fetch).toHaveBeenCalledTimes(1);
    expect(new Set(refreshed.map((v) => v.value))).toEqual(new Set(['new-after-old']));
    // A late 401 for the old value takes the new one; a 401 for the new one fetches again.
    await expect(b!.obtain('api', { rejected: 'old', fetch })).resolves.toMatchObject({
      value: 'new-after-old',
    });
    expect(fetch).toHaveBeenCalledTimes(1);
    await expect(c!.obtain('api', { rejected: 'new-after-old', fetch })).resolves.toMatchObject({
      value: 'new-after-new-after-old',
    });
  });

  test('an expired value is fetched again, and the fetch is told what was stored, state included', async () => {
    const store = storeOf(clients[0]!);
    await store.obtain('api', {
      fetch: async () => shared('short', { expiresAt: Date.now() + 50, state: 'refresh-1' }),
    });
    await new Promise((resolve) => setTimeout(resolve, 80));
    const fetch = jest.fn(async (current?: SharedCredential) =>
      shared('next', { state: `after-${current?.state}` }),
    );

    const next = await storeOf(clients[1]!).obtain('api', { fetch });

    expect(fetch).toHaveBeenCalledWith(
      expect.objectContaining({ value: 'short', state: 'refresh-1' }),
      expect.any(Function),
    );
    expect(next).toMatchObject({ value: 'next', state: 'after-refresh-1' });
    await expect(store.obtain('api', { fetch })).resolves.toMatchObject({
      state: 'after-refresh-1',
    });
  });

  test('a lock left by a dead holder delays the others only until it expires; then one of them fetches', async () => {
    await clients[0]!.sendCommand(['SET', `${namespace}:credential-lock:api`, 'dead', 'PX', '300']);
    const fetch = jest.fn(async () => shared('after-the-dead'));
    const started = Date.now();

    const values = await Promise.all(
      clients.map((client) => storeOf(client).obtain('api', { fetch })),
    );

    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(values.map((v) => v.value)).toEqual([
      'after-the-dead',
      'after-the-dead',
      'after-the-dead',
    ]);
  });

  test('waiting is bounded: a lock held past lockTtl rejects (the caller fetches for itself)', async () => {
    await clients[0]!.sendCommand([
      'SET',
      `${namespace}:credential-lock:api`,
      'stuck',
      'PX',
      '60000',
    ]);
    const fetch = jest.fn(async () => shared('never'));

    const obtained = storeOf(clients[1]!, { lockTtl: 300 }).obtain('api', { fetch });

    await expect(obtained).rejects.toMatchObject({
      name: 'RedisUnavailableError',
      reason: 'timeout',
    });
    expect(fetch).not.toHaveBeenCalled();
  });

  test("when a dead holder's lock expires, the waiter that takes it over fetches once and the others wait for it", async () => {
    const lockTtl = 1_000;
    await clients[0]!.sendCommand([
      'SET',
      `${namespace}:credential-lock:api`,
      'dead',
      'PX',
      String(lockTtl),
    ]);
    // The successor's fetch outlasts the others' first wait (lockTtl + 100 ms from their start).
    const fetch = jest.fn(async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      return shared('token-after-the-dead-holder');
    });

    const values = await Promise.all(
      // timeoutMs: this is about the lock; a busy machine must not turn a slow answer into a fetch.
      clients.map((client) =>
        storeOf(client, { lockTtl, timeoutMs: 5_000 }).obtain('api', { fetch }),
      ),
    );

    expect(values.map((v) => v.value)).toEqual(
      Array(clients.length).fill('token-after-the-dead-holder'),
    );
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  test("a failing fetch rejects with the provider's own error and frees the lock at once", async () => {
    const failure = new Error('token endpoint down');
    const store = storeOf(clients[0]!, { lockTtl: 60_000 });

    await expect(store.obtain('api', { fetch: async () => Promise.reject(failure) })).rejects.toBe(
      failure,
    );

    expect(await clients[0]!.sendCommand(['EXISTS', `${namespace}:credential-lock:api`])).toBe(0);
    await expect(
      storeOf(clients[1]!).obtain('api', { fetch: async () => shared('ok') }),
    ).resolves.toMatchObject({
      value: 'ok',
    });
  });

  test('state saved mid-fetch reaches the next fetch when the holder never finishes; the value stays as it was', async () => {
    const [a, b, c] = clients.map((client) => storeOf(client, { lockTtl: 1_000 }));
    await a!.obtain('api', { fetch: async () => shared('old', { state: 'rt-1' }) });
    let saved!: () => void;
    const stateSaved = new Promise<void>((resolve) => (saved = resolve));
    let finish!: (credential: SharedCredential) => void;
    const holder = a!.obtain('api', {
      rejected: 'old',
      fetch: async (current, saveState) => {
        await saveState!(`sending ${current?.state}`);
        saved();
        return new Promise<SharedCredential>((resolve) => (finish = resolve));
      },
    });
    await stateSaved;
    const fetch = jest.fn(async (current?: SharedCredential) =>
      shared('new', { state: `after ${current?.state}` }),
    );

    // Readers that did not reject 'old' still get it; the next fetch starts from the saved state.
    await expect(c!.obtain('api', { fetch })).resolves.toMatchObject({ value: 'old' });
    const next = await b!.obtain('api', { rejected: 'old', fetch });

    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]![0]).toMatchObject({ value: 'old', state: 'sending rt-1' });
    expect(next).toMatchObject({ value: 'new', state: 'after sending rt-1' });
    // The holder that outlived its lock ends, and overwrites nothing.
    finish(shared('late', { state: 'late' }));
    await expect(holder).resolves.toMatchObject({ value: 'late' });
    await expect(c!.obtain('api', { fetch })).resolves.toMatchObject({ value: 'new' });
  });

  test('saveState rejects once the lock is lost, and saves nothing', async () => {
    const [a, b] = clients.map((client) => storeOf(client, { lockTtl: 200 }));
    let locked!: () => void;
    const holding = new Promise<void>((resolve) => (locked = resolve));
    let takenOver!: () => void;
    const overtaken = new Promise<void>((resolve) => (takenOver = resolve));
    let lateSave: Promise<unknown> | undefined;
    const holder = a!.obtain('api', {
      fetch: async (_current, saveState) => {
        locked();
        await overtaken;
        lateSave = saveState!('too late').catch((e: unknown) => e);
        await lateSave;
        return shared('slow');
      },
    });
    await holding;
    const fetch = jest.fn(async (current?: SharedCredential) =>
      shared(`after-${current?.value ?? 'nothing'}`, { state: current?.state ?? 'none' }),
    );

    await expect(b!.obtain('api', { fetch })).resolves.toMatchObject({ value: 'after-nothing' });
    takenOver();
    await holder;

    expect(await lateSave).toMatchObject({
      name: 'RedisUnavailableError',
      message: expect.stringMatching(
        /lock on .* expired \(lockTtl 200 ms\) before the state was saved/,
      ),
    });
    await b!.obtain('api', { rejected: 'after-nothing', fetch });
    expect(fetch.mock.calls[1]![0]).toMatchObject({ value: 'after-nothing', state: 'none' });
  });

  test('with nothing stored, saved state outlives a fetch that failed: the next fetch gets it with no value', async () => {
    const [a, b] = clients.map((client) => storeOf(client));
    const failure = new Error('token endpoint down');

    await expect(
      a!.obtain('api', {
        fetch: async (_current, saveState) => {
          await saveState!('progress');
          throw failure;
        },
      }),
    ).rejects.toBe(failure);
    const fetch = jest.fn(async () => shared('next'));
    await b!.obtain('api', { fetch });

    expect(fetch).toHaveBeenCalledWith(
      { value: '', expiresAt: 0, state: 'progress' },
      expect.any(Function),
    );
  });

  test('a value already expired when fetched is handed over but not stored', async () => {
    const store = storeOf(clients[0]!);
    const fetch = jest.fn(async () => shared('once', { expiresAt: Date.now() - 1 }));

    await expect(store.obtain('api', { fetch })).resolves.toMatchObject({ value: 'once' });
    await store.obtain('api', { fetch });

    expect(fetch).toHaveBeenCalledTimes(2);
    expect(await dumpKeys(clients[0]!, `${namespace}:*`)).toEqual([]);
  });

  test('Redis holds the record and lock under the key name only, the value and state encrypted', async () => {
    const token = `secret-token-${randomBytes(8).toString('hex')}`;
    const state = `refresh-${randomBytes(8).toString('hex')}`;
    await storeOf(clients[0]!).obtain('billing', { fetch: async () => shared(token, { state }) });
    await storeOf(clients[0]!).obtain('other', { fetch: async () => shared(token, { state }) });

    const dump = await dumpKeys(clients[0]!, `${namespace}:*`);

    expect(dump.map((d) => d.key).sort()).toEqual([
      `${namespace}:credential:billing`,
      `${namespace}:credential:other`,
    ]);
    const text = JSON.stringify(dump);
    for (const secret of [token, state, token.slice(-16), state.slice(-16)])
      expect(text).not.toContain(secret);
    for (const secret of [token, state])
      expect(text).not.toContain(Buffer.from(secret).toString('base64').slice(0, 16));
    // The same value sealed twice looks different (a random nonce each time).
    const [billing, other] = dump.map((d) => JSON.parse(d.value) as Record<string, string>);
    expect(billing!.box).not.toBe(other!.box);
  });

  test("keys are names, whatever they hold: 'api:lock' and 'api' are two credentials, neither one the other's lock", async () => {
    const store = storeOf(clients[0]!, { lockTtl: 2_000 });
    let fetched = 0;
    const fetch = jest.fn(async () => shared(`value-${++fetched}`));

    const first = await store.obtain('api:lock', { fetch });
    const second = await store.obtain('api', { fetch });

    expect([first.value, second.value]).toEqual(['value-1', 'value-2']);
    expect((await store.obtain('api:lock', { fetch })).value).toBe('value-1');
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  test('a store with another encryptionKey cannot read the value, and says so instead of using it', async () => {
    await storeOf(clients[0]!).obtain('api', { fetch: async () => shared('sealed') });
    const fetch = jest.fn(async () => shared('unused'));
    const stranger = createRedisCredentialStore({
      client: clients[1]!,
      encryptionKey: randomBytes(32),
      namespace,
      logger: null,
    });

    const error = await stranger.obtain('api', { fetch }).catch((e: unknown) => e);

    expect(isRedisUnavailableError(error)).toBe(true);
    expect(error).toMatchObject({
      reason: 'undecryptable',
      message: expect.stringMatching(/same encryptionKey/),
    });
    expect(fetch).not.toHaveBeenCalled();
  });

  test('a record copied under another key does not decrypt (each box is bound to its key name)', async () => {
    await storeOf(clients[0]!).obtain('a', { fetch: async () => shared('for-a') });
    const [record] = await dumpKeys(clients[0]!, `${namespace}:credential:a`);
    const fields = Object.entries(JSON.parse(record!.value) as Record<string, string>).flat();
    await clients[0]!.sendCommand(['HSET', `${namespace}:credential:b`, ...fields]);

    await expect(
      storeOf(clients[1]!).obtain('b', { fetch: async () => shared('x') }),
    ).rejects.toMatchObject({
      reason: 'undecryptable',
    });
  });

  test.each([
    [{}, /needs encryptionKey: 32 random bytes/],
    [{ encryptionKey: randomBytes(16) }, /holds 16 bytes/],
    [{ encryptionKey: 'not a key!' }, /got a string of another form/],
    [{ encryptionKey: randomBytes(24).toString('base64') }, /holds 24 bytes/],
    [{ encryptionKey: randomBytes(32), lockTtl: 0 }, /lockTtl must be/],
    [{ encryptionKey: randomBytes(32), retainStateMs: -1 }, /retainStateMs must be/],
  ])(
    'a missing or wrong key or option is a ConfigurationError naming it (%#)',
    (options, message) => {
      const make = () => createRedisCredentialStore({ client: clients[0]!, ...options } as never);
      expect(make).toThrow(message);
      try {
        make();
      } catch (error) {
        expect(isConfigurationError(error)).toBe(true);
      }
    },
  );

  test('an encryptionKey given as hex or base64 is the same key as its bytes', async () => {
    await storeOf(clients[0]!).obtain('api', { fetch: async () => shared('shared-by-all') });
    const fetch = jest.fn(async () => shared('unused'));
    for (const encoded of [encryptionKey.toString('hex'), encryptionKey.toString('base64')]) {
      const store = createRedisCredentialStore({
        client: clients[1]!,
        encryptionKey: encoded,
        namespace,
      });
      await expect(store.obtain('api', { fetch })).resolves.toMatchObject({
        value: 'shared-by-all',
      });
    }
    expect(fetch).not.toHaveBeenCalled();
  });
});
