// oauthClientCredentials against a real authorization server (oidc-provider) issuing short-lived
// JWT access tokens, and a resource server that verifies them against the provider's JWKS.
import { inspect } from 'node:util';
import axios from 'axios';
import {
  ApiClient,
  attachAuth,
  createClient,
  CredentialError,
  Get,
  isOAuthError,
  oauthClientCredentials,
  syncClient,
  type OAuthClientCredentialsOptions,
} from '../../src';
import type { DequestEvent } from '../../src/events/dequest-event';
import { startAuthorizationServer, type AuthorizationServer } from './helpers/authorization-server';

// The child process starts oidc-provider, which takes seconds on a loaded 2-core machine.
jest.setTimeout(60_000);

let as: AuthorizationServer;
beforeAll(async () => {
  as = await startAuthorizationServer();
});
afterAll(() => as.close());
beforeEach(() => as.reset({ accessTokenTTL: 300 }));

const tokenOptions = (
  overrides: Partial<OAuthClientCredentialsOptions> = {},
): OAuthClientCredentialsOptions => ({
  tokenUrl: as.tokenUrl,
  clientId: 'cc-basic',
  clientSecret: as.secret,
  now: as.now,
  ...overrides,
});

const tokenRequests = async () => (await as.stats()).tokenRequests;
const rejectedApiCalls = async () =>
  (await as.stats()).apiRequests.filter((request) => request.status === 401);

test('50 concurrent calls cost one token request, and every call is accepted', async () => {
  const api = createClient({
    baseURL: as.resource,
    authToken: oauthClientCredentials(tokenOptions()),
  });

  const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => api.get(`/items/${i}`)));

  expect(responses.map((response) => response.status)).toEqual(Array(50).fill(200));
  expect(responses[0]!.data).toMatchObject({ clientId: 'cc-basic' });
  expect(await tokenRequests()).toEqual([
    expect.objectContaining({ grantType: 'client_credentials', status: 200, clientAuth: 'basic' }),
  ]);
});

test('a token is kept until expires_in minus the skew, then renewed before it expires: no 401', async () => {
  await as.reset({ accessTokenTTL: 120 });
  const api = createClient({
    baseURL: as.resource,
    authToken: oauthClientCredentials(tokenOptions({ skew: 30_000 })),
  });
  const burst = (path: string) =>
    Promise.all(Array.from({ length: 10 }, (_, i) => api.get(`${path}/${i}`)));

  await burst('/a');
  await as.advanceClock(85_000); // 35 s left: still kept
  await burst('/b');
  expect(await tokenRequests()).toHaveLength(1);

  await as.advanceClock(10_000); // 25 s left, within the skew: one new token for the burst
  await burst('/c');
  expect(await tokenRequests()).toHaveLength(2);
  await as.advanceClock(30_000); // the first token is dead by now; the second lives
  await burst('/d');

  const { apiRequests } = await as.stats();
  const tokensOf = (prefix: string) =>
    new Set(apiRequests.filter((r) => r.path.startsWith(prefix)).map((r) => r.token));
  expect(tokensOf('/b')).toEqual(tokensOf('/a'));
  expect(tokensOf('/c').size).toBe(1);
  expect(tokensOf('/c')).not.toEqual(tokensOf('/b'));
  expect(tokensOf('/d')).toEqual(tokensOf('/c'));
  expect(await tokenRequests()).toHaveLength(2);
  expect(await rejectedApiCalls()).toEqual([]);
});

test('keys rotated at the provider: 30 rejected calls cost one token request and are all replayed', async () => {
  const api = createClient({
    baseURL: as.resource,
    authToken: oauthClientCredentials(tokenOptions()),
    refreshOn: [401],
  });
  await api.get('/warm-up');
  await as.rotateKeys();
  await as.reset();

  const responses = await Promise.all(Array.from({ length: 30 }, (_, i) => api.get(`/r/${i}`)));

  expect(responses.map((response) => response.status)).toEqual(Array(30).fill(200));
  expect(await tokenRequests()).toHaveLength(1);
  const { apiRequests } = await as.stats();
  expect(apiRequests.filter((request) => request.status === 401)).toHaveLength(30);
  expect(apiRequests.filter((request) => request.status === 200)).toHaveLength(30);
});

test('a wrong client secret: CredentialError with invalid_client, no secret printed, nothing sent to the API', async () => {
  const wrong = `${as.secret}-wrong`;
  const api = createClient({
    baseURL: as.resource,
    authToken: oauthClientCredentials(tokenOptions({ clientSecret: wrong })),
  });

  const error = await api.get('/orders').catch((e: unknown) => e);

  expect(error).toBeInstanceOf(CredentialError);
  expect(isOAuthError(error) && error.oauthError).toBe('invalid_client');
  expect((error as Error).message).toContain(`POST ${as.issuer}/token`);
  expect((error as Error).message).toContain('invalid_client');
  expect((error as { cause: { response: { status: number } } }).cause.response.status).toBe(401);
  expect(axios.isAxiosError((error as Error).cause)).toBe(true);
  const printed = inspect(error, { depth: Infinity });
  expect(printed).toContain('invalid_client');
  for (const secret of [wrong, encodeURIComponent(wrong), basicOf('cc-basic', wrong)]) {
    expect(printed).not.toContain(secret);
    expect(JSON.stringify(error)).not.toContain(secret);
  }
  expect((await as.stats()).apiRequests).toEqual([]);
});

test.each(['client_secret_basic', 'client_secret_post'] as const)(
  '%s is accepted with a secret holding ":", "%%", "+", " ", "&" and "="',
  async (authMethod) => {
    const clientId = authMethod === 'client_secret_basic' ? 'cc-basic' : 'cc-post';
    const api = createClient({
      baseURL: as.resource,
      authToken: oauthClientCredentials(tokenOptions({ clientId, authMethod })),
    });

    await expect(api.get('/me')).resolves.toMatchObject({ data: { clientId } });
    expect(await tokenRequests()).toEqual([
      expect.objectContaining({
        status: 200,
        clientAuth: authMethod === 'client_secret_basic' ? 'basic' : 'post',
      }),
    ]);
  },
);

test('attachAuth on an existing instance, and the token request never goes through it', async () => {
  const instance = axios.create({ baseURL: as.resource });
  const seenByInstance: string[] = [];
  instance.interceptors.request.use((config) => {
    seenByInstance.push(String(config.url));
    return config;
  });
  attachAuth(instance, { authToken: oauthClientCredentials(tokenOptions()) });

  await expect(instance.get('/attached')).resolves.toMatchObject({ status: 200 });
  expect(seenByInstance).toEqual(['/attached']);
});

test('the instance it authenticates, given as client, sends the token request without credentials', async () => {
  const instance = axios.create({ baseURL: as.resource, allowAbsoluteUrls: true });
  attachAuth(instance, {
    authToken: oauthClientCredentials(tokenOptions({ client: instance })),
    allowedOrigins: [as.issuer],
  });

  await expect(instance.get('/self')).resolves.toMatchObject({ status: 200 });
  expect(await tokenRequests()).toHaveLength(1);
});

test('declared calls: a syncClient function and an @ApiClient class', async () => {
  const authToken = oauthClientCredentials(tokenOptions());
  const getItem = syncClient({ url: `${as.resource}/items/{id}`, authToken })(
    function getItem(_args: { id: number }): Promise<{ path: string }> {
      throw new Error('never run');
    },
  );

  @ApiClient({ baseURL: as.resource, authToken })
  class Items {
    @Get('/items/{id}')
    item(_args: { id: number }): Promise<{ path: string }> {
      throw new Error('never run');
    }
  }

  await expect(getItem({ id: 1 })).resolves.toMatchObject({ path: '/items/1' });
  await expect(new Items().item({ id: 2 })).resolves.toMatchObject({ path: '/items/2' });
  expect(await tokenRequests()).toHaveLength(1);
});

test('events tell of the token request and its failure, never the token or the secret', async () => {
  const events: DequestEvent[] = [];
  const good = createClient({
    baseURL: as.resource,
    authToken: oauthClientCredentials(tokenOptions({ onEvent: (event) => events.push(event) })),
  });
  const bad = createClient({
    baseURL: as.resource,
    authToken: oauthClientCredentials(
      tokenOptions({ clientSecret: 'nope', onEvent: (event) => events.push(event) }),
    ),
  });

  const { data } = await good.get<{ sub: string }>('/ok');
  await bad.get('/no').catch(() => undefined);

  expect(data.sub).toBe('cc-basic');
  const target = `POST ${as.issuer}/token`;
  expect(events).toEqual([
    { type: 'oauth-token-requested', target, grantType: 'client_credentials' },
    { type: 'oauth-token-requested', target, grantType: 'client_credentials' },
    {
      type: 'oauth-token-failed',
      target,
      grantType: 'client_credentials',
      reason: 'invalid_client',
    },
  ]);
  expect(JSON.stringify(events)).not.toContain(as.secret);
});

const basicOf = (id: string, secret: string) =>
  Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64');
