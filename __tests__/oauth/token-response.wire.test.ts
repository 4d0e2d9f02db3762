// A token endpoint that answers 200 with something that is not a usable Bearer token: each case
// is a CredentialError that says what was wrong, quotes no token, and sends nothing to the API.
import type { ServerResponse } from 'node:http';
import { inspect } from 'node:util';
import { createClient, CredentialError, isOAuthError, oauthClientCredentials } from '../../src';
import { useServer, type ReceivedRequest } from '../helpers/server';

const server = useServer();
const ACCESS_TOKEN = 'AT-never-printed';

/** `/token` answers `reply`; anything else is the API, which echoes. */
function tokenEndpoint(reply: (res: ServerResponse) => void) {
  server.handle((req, res, received: ReceivedRequest) => {
    if (req.url === '/token') return reply(res);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ authorization: received.headers.authorization }));
  });
}
const json = (body: unknown) => (res: ServerResponse) => {
  res.setHeader('content-type', 'application/json');
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};

let clock = 1_000_000;
const api = () =>
  createClient({
    baseURL: server.origin,
    authToken: oauthClientCredentials({
      tokenUrl: `${server.origin}/token`,
      clientId: 'app',
      clientSecret: 'secret',
      now: () => clock,
    }),
  });
const apiCalls = () => server.requests.filter((request) => request.url !== '/token');

test.each([
  [
    'no access_token',
    json({ token_type: 'Bearer', expires_in: 60 }),
    /answered 200 without an access_token/,
  ],
  [
    'an error with status 200',
    json({ error: 'invalid_client' }),
    /without an access_token \(but with an error field/,
  ],
  [
    'an empty access_token',
    json({ access_token: '', token_type: 'Bearer' }),
    /without an access_token/,
  ],
  [
    'a body that is not JSON',
    json('access_token=' + ACCESS_TOKEN),
    /a body that is not a JSON object \(application\/json, 29 characters\)/,
  ],
  ['a JSON array', json([ACCESS_TOKEN]), /not a JSON object/],
  [
    'an HTML page',
    (res: ServerResponse) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end('<!DOCTYPE html><html><body>Sign in</body></html>');
    },
    /not a JSON object \(text\/html, 48 characters\): is tokenUrl the token endpoint\?/,
  ],
  [
    'a negative expires_in',
    json({ access_token: ACCESS_TOKEN, expires_in: -60 }),
    /expires_in of -60, not a number of seconds, 0 or more/,
  ],
  [
    'a huge expires_in',
    json({ access_token: ACCESS_TOKEN, expires_in: 3_600_000_000 }),
    /expires_in of 3600000000 s, more than a year/,
  ],
  [
    'an infinite expires_in',
    json(`{"access_token":"${ACCESS_TOKEN}","expires_in":1e400}`),
    /expires_in of Infinity/,
  ],
  [
    'an expires_in that is words',
    json({ access_token: ACCESS_TOKEN, expires_in: 'an hour' }),
    /expires_in that is a string, not a number of seconds/,
  ],
  [
    'an expires_in that is an object',
    json({ access_token: ACCESS_TOKEN, expires_in: { s: 1 } }),
    /expires_in that is a object/,
  ],
  [
    'a MAC token',
    json({ access_token: ACCESS_TOKEN, token_type: 'mac' }),
    /token of type "mac", not Bearer/,
  ],
  [
    'a DPoP token',
    json({ access_token: ACCESS_TOKEN, token_type: 'DPoP' }),
    /token of type "DPoP", not Bearer/,
  ],
  [
    'a token_type with terminal escapes',
    json({ access_token: ACCESS_TOKEN, token_type: '\u001b[31mX\r\nY' }),
    /token of type "\[31mXY", not Bearer/,
  ],
  [
    'a refresh_token that is a number',
    json({ access_token: ACCESS_TOKEN, refresh_token: 7 }),
    /refresh_token that is not a string \(number\)/,
  ],
])(
  '200 with %s is a CredentialError saying so, and nothing is sent',
  async (_case, reply, message) => {
    tokenEndpoint(reply);

    const error = await api()
      .get('/orders')
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CredentialError);
    expect(isOAuthError(error)).toBe(true);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain(`POST ${server.origin}/token`);
    expect(inspect(error, { depth: Infinity })).not.toContain(ACCESS_TOKEN);
    expect(apiCalls()).toEqual([]);
  },
);

test('an access token with a line break is a CredentialError, never sent', async () => {
  tokenEndpoint(json({ access_token: 'abc\r\nX-Injected: 1', token_type: 'Bearer' }));

  const error = await api()
    .get('/orders')
    .catch((e: unknown) => e);

  expect(error).toBeInstanceOf(CredentialError);
  expect((error as Error).message).toMatch(/carriage return/);
  expect(apiCalls()).toEqual([]);
});

test('"bearer" in any case, and expires_in as a string of digits (Azure AD v1), are accepted', async () => {
  tokenEndpoint(json({ access_token: ACCESS_TOKEN, token_type: 'bEaReR', expires_in: '3600' }));
  const client = api();

  await client.get('/a');
  clock += 3_569_000; // 31 s left: kept
  await client.get('/b');
  clock += 2_000; // 29 s left: within the 30 s skew
  await client.get('/c');

  expect(server.requests.filter((request) => request.url === '/token')).toHaveLength(2);
  expect(apiCalls().map((request) => request.headers.authorization)).toEqual(
    Array(3).fill(`Bearer ${ACCESS_TOKEN}`),
  );
});

test('expires_in 0 hands the token to the waiting callers and keeps it not at all', async () => {
  tokenEndpoint(json({ access_token: ACCESS_TOKEN, expires_in: 0 }));
  const client = api();

  await Promise.all([client.get('/a'), client.get('/b')]);
  await client.get('/c');

  expect(server.requests.filter((request) => request.url === '/token')).toHaveLength(2);
});
