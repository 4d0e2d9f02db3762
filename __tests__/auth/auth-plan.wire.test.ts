import axios from 'axios';
import {
  attachAuth,
  ConfigurationError,
  createClient,
  CredentialError,
  DequestError,
  isCredentialError,
} from '../../src';
import { useServer } from '../helpers/server';

const server = useServer();

const SECRET = 'sup3r-s3cret-value';

async function rejection(promise: Promise<unknown>): Promise<CredentialError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CredentialError);
  return error as CredentialError;
}

const expectNoSecret = (error: Error) => {
  expect(error.message).not.toContain(SECRET);
  expect(String(error.stack)).not.toContain(SECRET);
  expect(JSON.stringify(error)).not.toContain(SECRET);
};

describe('a credential that cannot be used: the request is not sent', () => {
  test.each([
    [
      'a token provider that throws',
      {
        authToken: () => {
          throw new Error(`cannot refresh ${SECRET}`);
        },
      },
      'authToken',
    ],
    [
      'a token provider that rejects',
      { authToken: async () => Promise.reject(new Error(`expired ${SECRET}`)) },
      'authToken',
    ],
    [
      'a key provider that throws',
      {
        apiKey: () => {
          throw new TypeError('vault sealed');
        },
      },
      'apiKey',
    ],
    [
      'a key provider that rejects with a non-Error',
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- what is tested
      { apiKey: () => Promise.reject('nope') },
      'apiKey',
    ],
  ] as const)(
    '%s: CredentialError naming %s with the original cause',
    async (_name, options, credential) => {
      const error = await rejection(createClient({ baseURL: server.origin, ...options }).get('/'));
      expect(error.credential).toBe(credential);
      expect(error.message).toContain(credential);
      expect(error.message).toMatch(/not sent/);
      expect(error.cause).toBeDefined();
      expect(error).toBeInstanceOf(DequestError);
      expect(isCredentialError(error)).toBe(true);
      expectNoSecret(error);
      expect(server.requests).toHaveLength(0);
    },
  );

  test.each([
    ['a number', 42, /number, not a string/],
    ['an object', { token: SECRET }, /object, not a string/],
    ['an array', [SECRET], /array, not a string/],
    ['a value with CR LF (header injection)', `${SECRET}\r\nX-Admin: 1`, /carriage return/],
    ['a value with LF', `${SECRET}\nx`, /line feed/],
    ['a value with NUL', `${SECRET}\0`, /NUL/],
    ['a value with another control character', `${SECRET}\u0007`, /control character/],
    ['a value outside Latin-1', `${SECRET}€`, /outside Latin-1/],
  ])('a provider returning %s: CredentialError, nothing sent', async (_name, value, message) => {
    const api = createClient({ baseURL: server.origin, authToken: () => value as string });
    const error = await rejection(api.get('/'));
    expect(error.credential).toBe('authToken');
    expect(error.message).toMatch(message);
    expectNoSecret(error);
    expect(server.requests).toHaveLength(0);
  });

  test('a bad api key from an async provider fails the same way', async () => {
    const api = createClient({ baseURL: server.origin, apiKey: async () => `${SECRET}\r\n` });
    const error = await rejection(api.get('/'));
    expect(error.credential).toBe('apiKey');
    expect(server.requests).toHaveLength(0);
  });

  test('one failing provider fails the request even when the other succeeds', async () => {
    const api = createClient({
      baseURL: server.origin,
      authToken: async () => 'fine',
      apiKey: () => {
        throw new Error('x');
      },
    });
    const error = await rejection(api.get('/'));
    expect(error.credential).toBe('apiKey');
    expect(server.requests).toHaveLength(0);
  });

  test('a bad static credential is refused when the client is made, without quoting it', () => {
    expect(() => createClient({ baseURL: server.origin, authToken: `${SECRET}\n` })).toThrow(
      CredentialError,
    );
    try {
      attachAuth(axios.create({ baseURL: server.origin }), { apiKey: 7 as unknown as string });
    } catch (e) {
      expect(e).toBeInstanceOf(CredentialError);
      expect((e as CredentialError).credential).toBe('apiKey');
      expect((e as Error).message).not.toContain('7');
    }
    expect.assertions(4);
  });

  test('after a failed credential the client keeps working for the next request', async () => {
    let fail = true;
    const api = createClient({
      baseURL: server.origin,
      authToken: () => (fail ? Promise.reject(new Error('down')) : 'ok'),
    });
    await rejection(api.get('/'));
    fail = false;
    await api.get('/');
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.headers.authorization).toBe('Bearer ok');
  });
});

describe('invalid options are a ConfigurationError at setup', () => {
  test.each([
    ['authScheme with a space', { authScheme: 'Bearer x' }, /authScheme/],
    ['authScheme not a string', { authScheme: 5 }, /authScheme/],
    ['authHeader with a colon', { authHeader: 'Authorization:' }, /authHeader/],
    ['apiKeyHeader empty', { apiKeyHeader: '' }, /apiKeyHeader/],
    ['apiKeyQueryParam empty', { apiKeyQueryParam: '' }, /apiKeyQueryParam/],
    ['an origin without a scheme', { allowedOrigins: ['api.example.com'] }, /with its scheme/],
    ['an origin of another kind', { allowedOrigins: [42] }, /allowedOrigins/],
    ['refreshOn not a list of statuses', { refreshOn: ['401'] }, /refreshOn/],
    ['refreshOn with only static credentials', { refreshOn: [401] }, /provider/],
    ['the same header for token and key', { authHeader: 'x-api-key' }, /different names/],
  ])('%s', (_name, options, message) => {
    const make = () =>
      attachAuth(axios.create({ baseURL: server.origin }), {
        authToken: 't',
        apiKey: 'k',
        ...(options as object),
      });
    expect(make).toThrow(ConfigurationError);
    expect(make).toThrow(message);
  });

  test.each([
    ['authHeader that is not a string', { authHeader: 42 }],
    ['apiKeyHeader that is not a string', { apiKeyHeader: {} }],
    ['refreshOn that is null', { refreshOn: null }],
    ['refreshOn that is a number', { refreshOn: 401 }],
  ])('createClient with %s: a ConfigurationError, not a TypeError', (_name, options) => {
    const make = () =>
      createClient({
        baseURL: server.origin,
        authToken: () => 't',
        apiKey: 'k',
        headers: { 'X-A': '1' },
        ...(options as object),
      });
    expect(make).toThrow(ConfigurationError);
  });

  test('no baseURL and no allowedOrigins: the error names both ways out', () => {
    const make = () => attachAuth(axios.create(), { authToken: 't' });
    expect(make).toThrow(ConfigurationError);
    expect(make).toThrow(/baseURL/);
    expect(make).toThrow(/allowedOrigins/);
  });

  test('a relative baseURL names no origin', () => {
    expect(() => attachAuth(axios.create({ baseURL: '/api' }), { authToken: 't' })).toThrow(
      ConfigurationError,
    );
  });

  test('attachAuth refuses something that is not an axios instance', () => {
    expect(() => attachAuth({} as never, { authToken: 't', allowedOrigins: '*' })).toThrow(
      /axios instance/,
    );
  });
});
