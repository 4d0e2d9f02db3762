// Token requests go one at a time, and a caller that asked while one ran takes its outcome: the
// overlaps cachedCredential alone would turn into two requests with the same refresh token.
import type { InternalAxiosRequestConfig } from 'axios';
import { oauthRefreshToken, type CredentialContext, type OAuthTokens } from '../../src';
import { useServer } from '../helpers/server';

const server = useServer();

/** A rotating token server that answers only when the test releases a request. */
function heldRotatingServer() {
  const held: (() => void)[] = [];
  const sent: string[] = [];
  server.handle((_req, res, received) => {
    const refreshToken = new URLSearchParams(received.body).get('refresh_token')!;
    sent.push(refreshToken);
    const n = sent.length;
    held.push(() => {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          access_token: `access-${n}`,
          refresh_token: `refresh-${n}`,
          token_type: 'Bearer',
          expires_in: 300,
        }),
      );
    });
  });
  return { held, sent };
}

const ctx = (refresh: boolean): CredentialContext => ({
  config: {} as InternalAxiosRequestConfig,
  refresh,
});
const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
};

function provider(saved: OAuthTokens[] = []) {
  return oauthRefreshToken({
    tokenUrl: `${server.origin}/token`,
    clientId: 'app',
    refreshToken: 'refresh-0',
    onTokens: (tokens) => {
      saved.push(tokens);
    },
  });
}

test('refreshes asked while a renewal runs take its token: one token request, the refresh token sent once', async () => {
  const { held, sent } = heldRotatingServer();
  const saved: OAuthTokens[] = [];
  const authToken = provider(saved);

  const renewal = authToken(ctx(false));
  await until(() => held.length === 1);
  // cachedCredential starts a second fetch for a refresh; the queue holds it behind the first.
  const refreshes = [authToken(ctx(true)), authToken(ctx(true)), authToken(ctx(false))];
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(held).toHaveLength(1);
  held[0]!();

  expect(await renewal).toBe('access-1');
  expect(await Promise.all(refreshes)).toEqual(['access-1', 'access-1', 'access-1']);
  expect(sent).toEqual(['refresh-0']);
  expect(saved.map((tokens) => tokens.refreshToken)).toEqual(['refresh-1']);

  // A refresh asked after that one settled is a new request, with the rotated token.
  const later = authToken(ctx(true));
  await until(() => held.length === 2);
  held[1]!();
  expect(await later).toBe('access-2');
  expect(sent).toEqual(['refresh-0', 'refresh-1']);
});

test('clear() while a token request runs: the next caller gets a token from a request of its own', async () => {
  const { held, sent } = heldRotatingServer();
  const authToken = provider();

  const before = authToken(ctx(false));
  await until(() => held.length === 1);
  authToken.clear();
  const after = authToken(ctx(false));
  held[0]!();
  await until(() => held.length === 2);
  held[1]!();

  expect(await before).toBe('access-1');
  expect(await after).toBe('access-2');
  expect(sent).toEqual(['refresh-0', 'refresh-1']);
});
