// The key oauthClientCredentials shares its token under when none is given: the same for
// replicas configured alike, another for anything that changes the token, never the secret.
import type { InternalAxiosRequestConfig } from 'axios';
import {
  oauthClientCredentials,
  type CredentialStore,
  type OAuthClientCredentialsOptions,
} from '../../src';
import { useServer } from '../helpers/server';

const server = useServer((_req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ access_token: 'at', token_type: 'Bearer', expires_in: 300 }));
});
const SECRET = 'very:secret%value+1';
const ctx = { config: {} as InternalAxiosRequestConfig, refresh: false };

/** The key the provider asks the store for; the store calls the provider's fetch, keeping nothing. */
async function keyOf(options: Partial<OAuthClientCredentialsOptions>): Promise<string> {
  const keys: string[] = [];
  const store: CredentialStore = {
    obtain: async (key, { fetch }) => {
      keys.push(key);
      return fetch(undefined);
    },
  };
  const token = oauthClientCredentials({
    tokenUrl: `${server.origin}/token`,
    clientId: 'orders-service',
    clientSecret: SECRET,
    store,
    ...options,
  });
  await token(ctx);
  expect(keys).toHaveLength(1);
  return keys[0]!;
}

test('replicas configured alike share one key: a hash of what decides the token, never the secret', async () => {
  const key = await keyOf({ scope: 'orders:read orders:write' });

  expect(key).toMatch(/^oauth-cc:[\w-]{43}$/);
  // The same scopes as a list, another secret or another authMethod: the same token, the same key.
  expect(await keyOf({ scope: ['orders:read', 'orders:write'] })).toBe(key);
  expect(await keyOf({ scope: 'orders:read orders:write', clientSecret: 'rotated' })).toBe(key);
  expect(await keyOf({ scope: 'orders:read orders:write', authMethod: 'client_secret_post' })).toBe(
    key,
  );
  expect(key).not.toContain(SECRET);
  expect(key).not.toContain(encodeURIComponent(SECRET));
});

test.each<[string, Partial<OAuthClientCredentialsOptions>]>([
  ['another scope', { scope: 'orders:read' }],
  ['an audience', { audience: 'https://api.example.com' }],
  ['a resource', { resource: 'https://api.example.com/' }],
  ['extraParams', { extraParams: { tenant: 'a' } }],
  ['another client', { clientId: 'billing-service' }],
])('%s gives another key (another token)', async (_what, options) => {
  expect(await keyOf(options)).not.toBe(await keyOf({}));
});

test('another token endpoint gives another key', async () => {
  expect(await keyOf({ tokenUrl: `${server.origin}/tenant-b/token` })).not.toBe(await keyOf({}));
});

test('a key given is used as it is', async () => {
  expect(await keyOf({ key: 'orders-api' })).toBe('orders-api');
});
