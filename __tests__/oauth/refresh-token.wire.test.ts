// oauthRefreshToken against oidc-provider with refresh-token rotation on: every refresh issues a
// new refresh token, and a spent one used again revokes the whole grant (reuse detection).
import {
  createClient,
  CredentialError,
  isOAuthError,
  oauthRefreshToken,
  type OAuthRefreshTokenOptions,
  type OAuthTokens,
} from '../../src';
import type { DequestEvent } from '../../src/events/dequest-event';
import { startAuthorizationServer, type AuthorizationServer } from './helpers/authorization-server';

jest.setTimeout(60_000);

let as: AuthorizationServer;
beforeAll(async () => {
  as = await startAuthorizationServer();
});
afterAll(() => as.close());
beforeEach(() => as.reset({ accessTokenTTL: 300 }));

async function userSession(overrides: Partial<OAuthRefreshTokenOptions> = {}) {
  const saved: OAuthTokens[] = [];
  const first = await as.mintRefreshToken();
  const authToken = oauthRefreshToken({
    tokenUrl: as.tokenUrl,
    clientId: 'rt-client',
    clientSecret: as.secret,
    refreshToken: first,
    onTokens: (tokens) => {
      saved.push(tokens);
    },
    now: as.now,
    ...overrides,
  });
  const api = createClient({ baseURL: as.resource, authToken, refreshOn: [401] });
  return { api, authToken, saved, first };
}

const burst = <T>(count: number, call: (i: number) => Promise<T>) =>
  Promise.all(Array.from({ length: count }, (_, i) => call(i)));

const refreshRequests = async () =>
  (await as.stats()).tokenRequests.filter((request) => request.grantType === 'refresh_token');

test('20 concurrent calls, a 401 wave and an expiry: each refresh token sent once, onTokens once per rotation, the grant never revoked', async () => {
  const { api, saved, first } = await userSession();

  const wave1 = await burst(20, (i) => api.get(`/first/${i}`));
  await as.rotateKeys(); // every token issued so far is now rejected: a 401 wave
  const wave2 = await burst(20, (i) => api.get(`/after-rotation/${i}`));
  await as.advanceClock(280_000); // within the 30 s skew of the 300 s token: renewed on expiry
  const wave3 = await burst(20, (i) => api.get(`/after-expiry/${i}`));

  for (const wave of [wave1, wave2, wave3]) {
    expect(wave.map((response) => response.status)).toEqual(Array(20).fill(200));
  }
  const refreshes = await refreshRequests();
  expect(refreshes.map((request) => request.status)).toEqual([200, 200, 200]);
  const sent = refreshes.map((request) => request.refreshToken);
  expect(new Set(sent).size).toBe(sent.length);
  // Each one sent was the newest: the minted one, then each rotated one in turn.
  expect(sent).toEqual([first, saved[0]!.refreshToken, saved[1]!.refreshToken]);
  expect(saved).toHaveLength(3);
  expect(new Set(saved.map((tokens) => tokens.refreshToken)).size).toBe(3);
  expect((await as.stats()).revokedGrants).toBe(0);
  const rejected = (await as.stats()).apiRequests.filter((request) => request.status === 401);
  expect(rejected).toHaveLength(20); // the wave, each replayed once
});

test('a spent refresh token used again (a second holder of it) revokes the grant: that is what the test above rules out', async () => {
  const { api, first } = await userSession();
  await api.get('/me'); // spends `first`
  const stale = createClient({
    baseURL: as.resource,
    authToken: oauthRefreshToken({
      tokenUrl: as.tokenUrl,
      clientId: 'rt-client',
      clientSecret: as.secret,
      refreshToken: first,
      onTokens: () => undefined,
    }),
  });

  const error = await stale.get('/me').catch((e: unknown) => e);

  expect(isOAuthError(error) && error.oauthError).toBe('invalid_grant');
  expect((error as Error).message).toMatch(/the user must sign in again/);
  expect((await as.stats()).revokedGrants).toBe(1);
});

test('after invalid_grant every call fails at once with the same error, without a token request', async () => {
  const { api } = await userSession({ refreshToken: 'not-a-refresh-token' });

  const errors = await burst(5, () => api.get('/me').catch((e: unknown) => e));
  const later = await api.get('/me').catch((e: unknown) => e);

  for (const error of [...errors, later]) {
    expect(isOAuthError(error) && error.oauthError).toBe('invalid_grant');
  }
  expect(await refreshRequests()).toHaveLength(1);
  expect((await as.stats()).apiRequests).toEqual([]);
});

test('onTokens is awaited before any request uses the new access token', async () => {
  let release!: () => void;
  const persisted = new Promise<void>((resolve) => (release = resolve));
  const seenWhilePersisting: number[] = [];
  const { api } = await userSession({
    onTokens: async () => {
      seenWhilePersisting.push((await as.stats()).apiRequests.length);
      await persisted;
    },
  });

  const calls = burst(5, (i) => api.get(`/p/${i}`));
  while (seenWhilePersisting.length === 0) await new Promise((resolve) => setImmediate(resolve));
  const apiRequestsBeforeRelease = (await as.stats()).apiRequests.length;
  release();
  const responses = await calls;

  expect(seenWhilePersisting).toEqual([0]);
  expect(apiRequestsBeforeRelease).toBe(0);
  expect(responses.map((response) => response.status)).toEqual(Array(5).fill(200));
});

test('onTokens that fails: the callers get a CredentialError, and the same tokens are handed to it again before the next request', async () => {
  const attempts: OAuthTokens[] = [];
  const { api } = await userSession({
    onTokens: (tokens) => {
      attempts.push(tokens);
      if (attempts.length === 1) throw new Error('database is down');
    },
  });

  const failed = await api.get('/one').catch((e: unknown) => e);
  const next = await api.get('/two');

  expect(failed).toBeInstanceOf(CredentialError);
  expect((failed as Error).message).toMatch(/onTokens failed/);
  expect(next.status).toBe(200);
  expect(attempts).toHaveLength(2);
  expect(attempts[1]).toEqual(attempts[0]);
  expect(await refreshRequests()).toHaveLength(1);
  expect((await as.stats()).apiRequests.map((request) => request.path)).toEqual(['/two']);
});

test('a process that dies before onTokens kept the rotated token leaves a spent one: the next process must sign in again', async () => {
  let revive!: () => void;
  const hung = new Promise<void>((resolve) => (revive = resolve));
  const { api, first } = await userSession({ onTokens: () => hung });
  const lost = api.get('/lost'); // the process "dies" here: onTokens never completes
  while ((await refreshRequests()).length === 0) await new Promise((r) => setTimeout(r, 5));

  const restarted = createClient({
    baseURL: as.resource,
    authToken: oauthRefreshToken({
      tokenUrl: as.tokenUrl,
      clientId: 'rt-client',
      clientSecret: as.secret,
      refreshToken: first, // what the database still holds
      onTokens: () => undefined,
    }),
  });

  await expect(restarted.get('/me')).rejects.toMatchObject({ oauthError: 'invalid_grant' });
  expect((await as.stats()).revokedGrants).toBe(1);
  revive();
  await lost.catch(() => undefined);
});

test('a public client (no secret) identifies itself with client_id in the form body', async () => {
  const first = await as.mintRefreshToken({ clientId: 'rt-public' });
  const saved: OAuthTokens[] = [];
  const events: DequestEvent[] = [];
  const api = createClient({
    baseURL: as.resource,
    authToken: oauthRefreshToken({
      tokenUrl: as.tokenUrl,
      clientId: 'rt-public',
      refreshToken: first,
      onTokens: (tokens) => {
        saved.push(tokens);
      },
      onEvent: (event) => events.push(event),
    }),
  });

  await expect(api.get('/me')).resolves.toMatchObject({ data: { sub: 'user-1' } });
  expect(saved).toHaveLength(1);
  expect(await refreshRequests()).toEqual([
    expect.objectContaining({ status: 200, clientId: 'rt-public', clientAuth: 'post' }),
  ]);
  const target = `POST ${as.issuer}/token`;
  expect(events).toEqual([
    { type: 'oauth-token-requested', target, grantType: 'refresh_token' },
    { type: 'oauth-refresh-token-rotated', target },
  ]);
  expect(JSON.stringify(events)).not.toContain(saved[0]!.refreshToken);
});
