// RFC 6749 §2.3.1: the client id and secret are form-urlencoded, then joined with ':' and base64
// encoded. A secret with ':', '%', '+', spaces and non-ASCII must arrive as it was.
import { createClient, oauthClientCredentials, type ClientAuthMethod } from '../../src';
import { useServer } from '../helpers/server';

const server = useServer();
const CLIENT_ID = 'client:ïd';
const SECRET = 'pä:ss%2B+ wörd€&=';

// How an RFC 6749 server decodes what it receives (as oidc-provider does).
const formDecode = (text: string) => decodeURIComponent(text.replace(/\+/g, '%20'));

function tokenEndpoint() {
  server.handle((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/token') res.end('{"access_token":"t","expires_in":60,"token_type":"Bearer"}');
    else res.end('{}');
  });
}

const call = (authMethod: ClientAuthMethod) =>
  createClient({
    baseURL: server.origin,
    authToken: oauthClientCredentials({
      tokenUrl: `${server.origin}/token`,
      clientId: CLIENT_ID,
      clientSecret: SECRET,
      authMethod,
      scope: ['orders:read', 'orders:write'],
      extraParams: { tenant: 'a&b=c' },
    }),
  }).get('/orders');

test('client_secret_basic: urlencoded, then base64, exactly as the RFC spells it', async () => {
  tokenEndpoint();

  await call('client_secret_basic');

  const { headers, body } = server.requests[0]!;
  // Worked out by hand from RFC 6749 Appendix B, not by the code under test.
  const expected = 'client%3A%C3%AFd:p%C3%A4%3Ass%252B%2B+w%C3%B6rd%E2%82%AC%26%3D';
  expect(headers.authorization).toBe(`Basic ${Buffer.from(expected).toString('base64')}`);
  const decoded = Buffer.from(headers.authorization!.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  expect([formDecode(decoded.slice(0, colon)), formDecode(decoded.slice(colon + 1))]).toEqual([
    CLIENT_ID,
    SECRET,
  ]);
  expect(headers['content-type']).toBe('application/x-www-form-urlencoded');
  expect(Object.fromEntries(new URLSearchParams(body))).toEqual({
    grant_type: 'client_credentials',
    scope: 'orders:read orders:write',
    tenant: 'a&b=c',
  });
});

test('client_secret_post: the id and secret in the form body', async () => {
  tokenEndpoint();

  await call('client_secret_post');

  const { headers, body } = server.requests[0]!;
  expect(headers.authorization).toBeUndefined();
  expect(headers['content-type']).toBe('application/x-www-form-urlencoded');
  expect(Object.fromEntries(new URLSearchParams(body))).toEqual({
    grant_type: 'client_credentials',
    scope: 'orders:read orders:write',
    tenant: 'a&b=c',
    client_id: CLIENT_ID,
    client_secret: SECRET,
  });
});
