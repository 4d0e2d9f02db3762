// A token request that fails: an OAuth error (RFC 6749 §5.2), an error page, a redirect, a
// timeout, no server. Each is a CredentialError naming the token endpoint and what to do, whose
// cause still works for code (status, isAxiosError) and prints no secret.
import type { ServerResponse } from 'node:http';
import { inspect } from 'node:util';
import axios from 'axios';
import {
  createClient,
  isOAuthError,
  oauthClientCredentials,
  oauthRefreshToken,
  type OAuthClientCredentialsOptions,
} from '../../src';
import { hasFetchAdapter } from '../helpers/axios-features';
import { startServer, useServer } from '../helpers/server';

const server = useServer();
const SECRET = 'client-secret-never-printed';

const answer =
  (status: number, body: string, type = 'application/json') =>
  (_req: unknown, res: ServerResponse) => {
    res.statusCode = status;
    res.setHeader('content-type', type);
    res.end(body);
  };

const failureOf = (overrides: Partial<OAuthClientCredentialsOptions> = {}) =>
  createClient({
    baseURL: server.origin,
    authToken: oauthClientCredentials({
      tokenUrl: `${server.origin}/token`,
      clientId: 'app',
      clientSecret: SECRET,
      authMethod: 'client_secret_post',
      ...overrides,
    }),
  })
    .get('/orders')
    .then(
      () => {
        throw new Error('expected a failure');
      },
      (error: unknown) => error as Error & { cause: any; oauthError?: string },
    );

const expectNothingSecret = (error: Error) => {
  const printed = [
    inspect(error, { depth: Infinity }),
    JSON.stringify(error),
    JSON.stringify((error as { cause?: { toJSON?: () => unknown } }).cause?.toJSON?.() ?? {}),
  ];
  for (const text of printed) {
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(encodeURIComponent(SECRET));
  }
};

const adapters: [string, 'fetch' | undefined][] = [['the http adapter', undefined]];
if (hasFetchAdapter) adapters.push(['the fetch adapter', 'fetch']);

describe.each(adapters)('through %s', (_name, adapter) => {
  const client = () => (adapter ? axios.create({ adapter }) : undefined);

  test('an OAuth error: its code and description, the endpoint and a hint; the cause keeps the status', async () => {
    server.handle(
      answer(
        400,
        '{"error":"invalid_scope","error_description":"scope orders:write is not allowed"}',
      ),
    );

    const error = await failureOf({ client: client() });

    expect(isOAuthError(error)).toBe(true);
    expect(error.oauthError).toBe('invalid_scope');
    expect(error.message).toBe(
      `The token request to POST ${server.origin}/token failed with 400: invalid_scope ` +
        '(scope orders:write is not allowed). Check the scope option against the scopes this client may ask for. ' +
        `Request not sent: GET ${server.origin}/orders`,
    );
    expect(axios.isAxiosError(error.cause)).toBe(true);
    expect(error.cause.response.status).toBe(400);
    expect(error.cause.config.data).toBe('[redacted]');
    expectNothingSecret(error);
    expect(server.requests.map((request) => request.url)).toEqual(['/token']);
  });

  test('a redirect is not followed: the secret in the form body goes nowhere else', async () => {
    server.handle((req, res) => {
      if (req.url !== '/token') return answer(200, '{"access_token":"x"}')(req, res);
      res.statusCode = 307;
      res.setHeader('location', '/elsewhere');
      res.end();
    });

    const error = await failureOf({ client: client() });

    expect(error.message).toMatch(/answered 307, a redirect: token requests are not redirected/);
    expect(server.requests.map((request) => request.url)).toEqual(['/token']);
  });
});

test('an HTML error page says it is not an OAuth error response', async () => {
  server.handle(answer(502, '<html><body>Bad Gateway</body></html>', 'text/html'));

  const error = await failureOf();

  expect(error.message).toMatch(
    /failed: it answered 502 \(text\/html, 37 characters\), not an OAuth error response/,
  );
  expect(error.oauthError).toBeUndefined();
  expect(error.cause.response.status).toBe(502);
});

test('an error_description that echoes the secret, with control characters and 10 kB, is cut', async () => {
  const description = `bad secret ${SECRET}\u001b[2J\r\n` + 'x'.repeat(10_000);
  server.handle(
    answer(401, JSON.stringify({ error: 'invalid_client', error_description: description })),
  );

  const error = await failureOf();

  expect(error.message).toContain('invalid_client (bad secret [redacted][2J');
  // eslint-disable-next-line no-control-regex -- the escape character is what must not be there
  expect(error.message).not.toMatch(/[\r\n\u001b]/);
  expect(error.message.length).toBeLessThan(700);
  expectNothingSecret(error);
});

test('a Basic-authenticated request prints no Authorization value', async () => {
  server.handle(answer(401, '{"error":"invalid_client"}'));

  const error = await failureOf({ authMethod: 'client_secret_basic' });

  const sent = server.requests[0]!.headers.authorization!;
  expect(sent).toMatch(/^Basic /);
  expect(inspect(error, { depth: Infinity })).not.toContain(sent.slice(6));
  expect(error.cause.config.headers.authorization).toBe('[redacted]');
});

test('no answer within timeout: a CredentialError saying so', async () => {
  server.handle(() => undefined); // never answers; closed with the server

  const error = await failureOf({ timeout: 200 });

  expect(error.message).toBe(
    `The token endpoint POST ${server.origin}/token did not answer within 200 ms, so no token was obtained and the request was not sent. ` +
      `Request not sent: GET ${server.origin}/orders`,
  );
});

test('no server: could not be reached, and the code says why', async () => {
  const gone = await startServer();
  await gone.close();

  const error = await failureOf({ tokenUrl: `${gone.origin}/token` });

  expect(error.message).toMatch(/could not be reached \(ECONNREFUSED\)/);
});

test('a body larger than a token response can be is refused', async () => {
  server.handle(answer(200, JSON.stringify({ access_token: 'x'.repeat(2_000_000) })));

  const error = await failureOf();

  expect(error.message).toMatch(/answered with a body larger than a token response can be/);
});

test('invalid_grant on a refresh says the user must sign in again', async () => {
  server.handle(
    answer(400, '{"error":"invalid_grant","error_description":"refresh token expired"}'),
  );

  const error = await createClient({
    baseURL: server.origin,
    authToken: oauthRefreshToken({
      tokenUrl: `${server.origin}/token`,
      clientId: 'app',
      refreshToken: 'RT-never-printed',
      onTokens: () => undefined,
    }),
  })
    .get('/me')
    .then(
      () => new Error('expected a failure'),
      (e: unknown) => e as Error,
    );

  expect(error.message).toMatch(
    /invalid_grant \(refresh token expired\)\. .*the user must sign in again/,
  );
  expect(inspect(error, { depth: Infinity })).not.toContain('RT-never-printed');
});
