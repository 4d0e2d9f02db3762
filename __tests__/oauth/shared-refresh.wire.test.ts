// oauthRefreshToken with a store, in one process (two providers stand for two replicas) on the
// real Redis, against oidc-provider with rotation on: what it does when the store, another
// process or the server misbehaves. Real processes: index.multi-process.test.ts.
import { randomBytes, randomUUID } from 'node:crypto';
import axios from 'axios';
import { createClient as createRedisClient } from 'redis';
import {
  createClient,
  isOAuthError,
  oauthClientCredentials,
  oauthRefreshToken,
  type CredentialStore,
  type OAuthRefreshTokenOptions,
  type OAuthTokens,
  type SharedCredential,
} from '../../src';
import { createRedisCredentialStore } from '../../src/redis';
import { startServer } from '../helpers/server';
import {
  connectNodeRedis,
  deleteKeys,
  describeWithRedis,
  uniqueNamespace,
  type NodeRedis,
} from '../redis/redis-env';
import { startAuthorizationServer, type AuthorizationServer } from './helpers/authorization-server';

jest.setTimeout(60_000);

const encryptionKey = randomBytes(32);
const STORE_DOWN = /shared store gave no lock for key "[^"]+" .* the refresh token was not sent/;

describeWithRedis('oauthRefreshToken sharing a store: failures and hostile stores', () => {
  let as: AuthorizationServer;
  let redis: NodeRedis;
  let namespace: string;
  let key: string;

  beforeAll(async () => {
    [as, redis] = await Promise.all([startAuthorizationServer(), connectNodeRedis()]);
  });
  afterAll(async () => {
    redis.destroy();
    await as.close();
  });
  beforeEach(async () => {
    namespace = uniqueNamespace();
    key = `session:${randomUUID()}`;
    await as.reset({ accessTokenTTL: 300 });
  });
  afterEach(() => deleteKeys(redis, `${namespace}:*`));

  const redisStore = (options: { lockTtl?: number } = {}) =>
    createRedisCredentialStore({
      client: redis,
      encryptionKey,
      namespace,
      logger: null,
      ...options,
    });

  /** One provider (a replica, or a provider made per request) of the sign-in `key`. */
  function session(
    store: CredentialStore,
    refreshToken: string,
    overrides: Partial<OAuthRefreshTokenOptions> = {},
  ) {
    const saved: OAuthTokens[] = [];
    const authToken = oauthRefreshToken({
      tokenUrl: as.tokenUrl,
      clientId: 'rt-client',
      clientSecret: as.secret,
      refreshToken,
      onTokens: (tokens) => {
        saved.push(tokens);
      },
      store,
      key,
      ...overrides,
    });
    return {
      api: createClient({ baseURL: as.resource, authToken, refreshOn: [401] }),
      authToken,
      saved,
    };
  }
  const refreshes = async () =>
    (await as.stats()).tokenRequests.filter((r) => r.grantType === 'refresh_token');
  const failure = (call: Promise<unknown>): Promise<Error> =>
    call.then(
      () => new Error('expected this call to fail'),
      (error: unknown) => error as Error,
    );

  const burst = <T>(count: number, call: (i: number) => Promise<T>) =>
    Promise.all(Array.from({ length: count }, (_, i) => call(i)));

  test('two providers of one sign-in, 20 calls each, a 401 wave: one refresh per rotation, each refresh token sent once', async () => {
    const store = redisStore();
    const first = await as.mintRefreshToken();
    const [a, b] = [session(store, first), session(store, first)];

    const calls = () => burst(20, (i) => (i % 2 ? a : b).api.get(`/w/${i}`).then((r) => r.status));
    expect([...(await calls()), ...(await calls())]).toEqual(Array(40).fill(200));
    await as.rotateKeys();
    expect(await calls()).toEqual(Array(20).fill(200));

    const sent = await refreshes();
    expect(sent.map((r) => r.refreshToken)).toEqual([first, sent[0]!.issuedRefreshToken]);
    expect([...a.saved, ...b.saved].map((t) => t.refreshToken).sort()).toEqual(
      sent.map((r) => r.issuedRefreshToken).sort(),
    );
    expect((await as.stats()).revokedGrants).toBe(0);
  });

  test.each<[string, () => CredentialStore]>([
    [
      'is down',
      () =>
        createRedisCredentialStore({
          client: createRedisClient({ url: 'redis://127.0.0.1:9' }), // never connected
          encryptionKey,
          logger: null,
        }),
    ],
    [
      'cannot save state (no saveState)',
      () => ({
        obtain: (k, { fetch }) => redisStore().obtain(k, { fetch: (current) => fetch(current) }),
      }),
    ],
    [
      'answers a value that has already expired',
      () => ({ obtain: async () => ({ value: 'expired-token', expiresAt: Date.now() - 1 }) }),
    ],
  ])(
    'a store that %s: no refresh token is sent (a CredentialError says why); client credentials fetch their own',
    async (_what, makeStore) => {
      const store = makeStore();
      const first = await as.mintRefreshToken();
      const user = session(store, first);
      const service = createClient({
        baseURL: as.resource,
        authToken: oauthClientCredentials({
          tokenUrl: as.tokenUrl,
          clientId: 'cc-basic',
          clientSecret: as.secret,
          store,
        }),
      });

      const error = await failure(user.api.get('/me'));

      expect(error).toMatchObject({
        name: 'CredentialError',
        message: expect.stringMatching(STORE_DOWN),
      });
      expect(await refreshes()).toEqual([]);
      expect((await as.stats()).apiRequests).toEqual([]);
      expect((await service.get('/service')).status).toBe(200);
    },
  );

  test("a store that hands over another key's state (another user's): it is not believed, and this sign-in's own refresh token is sent", async () => {
    const real = redisStore();
    let other: SharedCredential | undefined;
    const crossed: CredentialStore = {
      obtain: (k, request) =>
        k === key
          ? real.obtain(k, {
              ...request,
              fetch: (_current, saveState) => request.fetch(other, saveState),
            })
          : real.obtain(k, request).then((answer) => (other = answer)),
    };
    const alice = await as.mintRefreshToken({ accountId: 'alice' });
    const bob = await as.mintRefreshToken({ accountId: 'bob' });
    const alices = session(crossed, alice, { key: 'alice-session' });
    await alices.api.get('/me');
    expect(other?.state).toBeDefined();

    const response = await session(crossed, bob).api.get('/me');

    expect(response.data).toMatchObject({ sub: 'bob' });
    expect((await refreshes()).map((r) => r.refreshToken)).toEqual([alice, bob]);
    expect((await as.stats()).revokedGrants).toBe(0);
  });

  test.each([
    ['not JSON', 'refresh-token-in-clear'],
    ['an object of another shape', '{"v":1,"refreshToken":"x"}'],
    ['a newer format', '{"v":2}'],
    ['null', 'null'],
  ])(
    'a stored state that is %s is ignored: the own refresh token is sent',
    async (_what, state) => {
      const real = redisStore();
      const tampered: CredentialStore = {
        obtain: (k, request) =>
          real.obtain(k, {
            ...request,
            fetch: (_current, saveState) =>
              request.fetch({ value: 'old', expiresAt: 0, state }, saveState),
          }),
      };
      const first = await as.mintRefreshToken();

      expect((await session(tampered, first).api.get('/me')).status).toBe(200);
      expect((await refreshes()).map((r) => r.refreshToken)).toEqual([first]);
    },
  );

  test('invalid_grant in one provider: the others of the sign-in fail at once without sending; a new sign-in under the key serves them all', async () => {
    const store = redisStore();
    const [a, b] = [session(store, 'spent-or-forged'), session(store, 'spent-or-forged')];

    const first = await failure(a.api.get('/me'));
    const second = await failure(b.api.get('/me'));

    expect(isOAuthError(first) && first.oauthError).toBe('invalid_grant');
    expect(isOAuthError(second) && second.oauthError).toBe('invalid_grant');
    expect(second.message).toMatch(
      /refused the refresh token stored under key .* answered to another process.* The user must sign in again/,
    );
    expect(await refreshes()).toHaveLength(1);

    const signedIn = await as.mintRefreshToken();
    expect((await session(store, signedIn).api.get('/me')).status).toBe(200);
    expect((await b.api.get('/me')).status).toBe(200); // takes the new sign-in's token
    expect((await refreshes()).map((r) => r.refreshToken)).toEqual(['spent-or-forged', signedIn]);
  });

  test('a new sign-in under a key whose stored chain the server revoked: its first request already gets through', async () => {
    const store = redisStore();
    const before = session(store, await as.mintRefreshToken());
    await before.api.get('/before');
    // The stored refresh token is spent behind the store's back: the server revokes that grant
    // when it comes again (as after a sign-out that revoked it).
    const stored = before.saved[0]!.refreshToken;
    const elsewhere = oauthRefreshToken({
      tokenUrl: as.tokenUrl,
      clientId: 'rt-client',
      clientSecret: as.secret,
      refreshToken: stored,
      onTokens: () => undefined,
    });
    await elsewhere({ config: {} as never, refresh: false });
    await as.rotateKeys(); // the stored access token is rejected: a refresh is due
    const signedIn = await as.mintRefreshToken();

    const response = await session(store, signedIn).api.get('/after');

    expect(response.status).toBe(200);
    const sent = (await refreshes()).map((r) => [r.refreshToken, r.status]);
    expect(sent.slice(-2)).toEqual([
      [stored, 400],
      [signedIn, 200],
    ]);
  });

  test('onTokens fails in the provider that rotated: its callers get a CredentialError; the next provider hands the same tokens to its own onTokens, and uses them without a token request', async () => {
    const store = redisStore();
    const first = await as.mintRefreshToken();
    const failing = session(store, first, {
      onTokens: () => {
        throw new Error('database is down');
      },
    });
    const other = session(store, first);

    const error = await failure(failing.api.get('/me'));
    const response = await other.api.get('/me');

    expect(error).toMatchObject({
      name: 'CredentialError',
      message: expect.stringMatching(/onTokens failed/),
    });
    expect(response.status).toBe(200);
    const [refresh] = await refreshes();
    expect(await refreshes()).toHaveLength(1);
    expect(other.saved.map((t) => t.refreshToken)).toEqual([refresh!.issuedRefreshToken]);
  });

  test('a provider slower than the lock: the others do not send the refresh token it is spending; when it ends, its newer token wins over the stale store and is put back', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const proxy = await startServer(async (req, res, received) => {
      const answer = await axios.post<string>(as.tokenUrl, received.body, {
        headers: {
          authorization: req.headers.authorization,
          'content-type': req.headers['content-type'],
        },
        responseType: 'text',
        transformResponse: (data: string) => data,
        validateStatus: () => true,
      });
      await released;
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.data);
    });
    try {
      const store = redisStore({ lockTtl: 1_000 });
      const first = await as.mintRefreshToken();
      const slow = session(store, first, { tokenUrl: `${proxy.origin}/token`, timeout: 60_000 });
      const other = session(store, first);
      const slowCall = slow.api.get('/slow');
      while ((await refreshes()).length === 0)
        await new Promise((resolve) => setTimeout(resolve, 10));

      const refused = await failure(other.api.get('/other'));
      release();
      const slowResponse = await slowCall;

      expect(isOAuthError(refused) && refused.oauthError).toBe('invalid_grant');
      expect(refused.message).toMatch(/never saved the answer/);
      expect(slowResponse.status).toBe(200);
      // The slow provider's answer did not reach the store (its lock was gone): the store still
      // says "being sent". The slow provider knows better: it spent that token itself.
      slow.authToken.clear();
      expect((await slow.api.get('/slow-again')).status).toBe(200);
      expect((await other.api.get('/other-again')).status).toBe(200);
      const sent = await refreshes();
      expect(sent.map((r) => r.refreshToken)).toEqual([first, sent[0]!.issuedRefreshToken]);
      expect((await as.stats()).revokedGrants).toBe(0);
    } finally {
      release();
      await proxy.close();
    }
  });
});
