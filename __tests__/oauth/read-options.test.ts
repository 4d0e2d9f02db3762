// Every bad option is a ConfigurationError at setup that says how to fix it and never shows the
// secret it was given.
import axios from 'axios';
import {
  ConfigurationError,
  oauthClientCredentials,
  oauthRefreshToken,
  type OAuthClientCredentialsOptions,
  type OAuthRefreshTokenOptions,
} from '../../src';

const SECRET = 'sup3r-secret-value';
const good: OAuthClientCredentialsOptions = {
  tokenUrl: 'https://auth.example.com/oauth/token',
  clientId: 'app',
  clientSecret: SECRET,
};

function setupError(make: () => unknown): ConfigurationError {
  try {
    make();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).not.toContain(SECRET);
    return error as ConfigurationError;
  }
  throw new Error('expected a ConfigurationError');
}
const withOptions = (overrides: Record<string, unknown>) =>
  setupError(() => oauthClientCredentials({ ...good, ...overrides })).message;

test.each([
  [
    { tokenUrl: undefined },
    /tokenUrl must be the token endpoint's absolute URL \(e\.g\. 'https:\/\/auth\.example\.com\/oauth\/token'\), got undefined/,
  ],
  [{ tokenUrl: '/oauth/token' }, /tokenUrl must be an absolute URL/],
  [{ tokenUrl: 'ftp://auth.example.com/token' }, /must be an http\(s\) URL .* got a ftp: URL/],
  [
    { tokenUrl: `https://app:${SECRET}@auth.example.com/token` },
    /must not hold a user or password: pass them as clientId and clientSecret/,
  ],
  [{ tokenUrl: 'https://auth.example.com/token#x' }, /must not have a #fragment/],
  [
    { tokenUrl: 'http://auth.example.com/token' },
    /plain http on auth\.example\.com: .* Use https, or set allowHttp: true/,
  ],
  [{ clientId: '' }, /clientId must be the client's client_id, a non-empty string, got string/],
  [{ clientSecret: undefined }, /clientSecret is required/],
  [{ clientSecret: 12345 }, /clientSecret must be a non-empty string, got 12345/],
  [
    { authMethod: 'private_key_jwt' },
    /authMethod must be 'client_secret_basic' or 'client_secret_post' .*got "private_key_jwt"/,
  ],
  [{ scope: 'orders:read "all"' }, /scope must be a space-separated string or a list of scopes/],
  [{ scope: [7] }, /scope must be/],
  [{ audience: '' }, /audience must be a non-empty string/],
  [{ resource: 'api' }, /resource must be an absolute URI without #fragment \(RFC 8707\)/],
  [{ resource: ['https://api.example.com#x'] }, /resource must be an absolute URI/],
  [
    { extraParams: { client_secret: SECRET } },
    /extraParams may not set client_secret: the token request sets it itself/,
  ],
  [{ extraParams: { scope: 'x' } }, /extraParams may not set scope: use the scope option/],
  [{ extraParams: { tenant: 7 } }, /extraParams\.tenant must be a string, got 7/],
  [{ extraParams: 'tenant=a' }, /extraParams must be an object of string values, got string/],
  [{ timeout: 0 }, /timeout must be a finite number of milliseconds above 0, got 0/],
  [{ skew: -1 }, /skew must be a finite number of milliseconds, 0 or more, got -1/],
  [{ skew: Infinity }, /skew must be a finite number/],
  [{ ttlWithoutExpiry: Number.NaN }, /ttlWithoutExpiry must be a finite number/],
  [{ client: {} }, /client must be an axios instance \(from axios\.create\(\)\), got object/],
  [{ onEvent: 'log' }, /onEvent must be a function, got string/],
  [
    { store: {} },
    /^oauthClientCredentials: the store must be a CredentialStore \(an object with obtain\(key, request\)\), got an object/,
  ],
  [
    { key: 'api' },
    /^oauthClientCredentials: the key names a value in a shared store: pass store too/,
  ],
  [
    { store: { obtain: () => undefined }, key: 'has space' },
    /^oauthClientCredentials: the key must name the shared value with 1-200 visible ASCII characters/,
  ],
  [
    { client_secret: SECRET },
    /unknown option client_secret \(did you mean clientSecret\?\)\. The options are: tokenUrl, clientId, clientSecret/,
  ],
  [{ grant: 'x' }, /unknown option grant\. The options are: tokenUrl, clientId/],
])('%p is refused at setup', (overrides, message) => {
  expect(withOptions(overrides)).toMatch(message);
});

test('no options at all', () => {
  expect(
    setupError(() => oauthClientCredentials(undefined as unknown as OAuthClientCredentialsOptions))
      .message,
  ).toBe(
    'oauthClientCredentials: pass an options object, e.g. oauthClientCredentials({ tokenUrl, clientId, … }).',
  );
});

test('loopback may be plain http, and so may another host with allowHttp', () => {
  for (const tokenUrl of [
    'http://127.0.0.1:8080/token',
    'http://localhost/token',
    'http://[::1]/t',
  ]) {
    expect(() => oauthClientCredentials({ ...good, tokenUrl })).not.toThrow();
  }
  expect(() =>
    oauthClientCredentials({ ...good, tokenUrl: 'http://keycloak:8080/token', allowHttp: true }),
  ).not.toThrow();
  expect(() => oauthClientCredentials({ ...good, client: axios.create() })).not.toThrow();
});

const refreshGood: OAuthRefreshTokenOptions = {
  tokenUrl: 'https://auth.example.com/oauth/token',
  clientId: 'app',
  refreshToken: SECRET,
  onTokens: () => undefined,
};

test.each([
  [
    { refreshToken: '  ' },
    /refreshToken must be the refresh token from the user's sign-in, a non-empty string, got string/,
  ],
  [{ refreshToken: undefined }, /refreshToken must be .* got undefined/],
  [
    { onTokens: undefined },
    /onTokens must be a function that persists the rotated refresh token, got undefined/,
  ],
  [
    { authMethod: 'client_secret_post' },
    /authMethod needs a clientSecret: a public client sends only its client_id/,
  ],
  [
    { store: { obtain: () => undefined } },
    /with store, key is required: the name of this sign-in in the store .* It cannot be derived/,
  ],
  [{ key: 7 }, /^oauthRefreshToken: the key names a value in a shared store: pass store too/],
])('oauthRefreshToken refuses %p at setup', (overrides, message) => {
  expect(
    setupError(() =>
      oauthRefreshToken({ ...refreshGood, ...overrides } as unknown as OAuthRefreshTokenOptions),
    ).message,
  ).toMatch(message);
});
