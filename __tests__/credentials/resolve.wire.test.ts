// A provider's failure becomes a CredentialError whose cause prints no secret: the hand-written
// OAuth recipe (a token request with `auth`) failing with 500 used to print the client secret.
import { format, inspect } from 'node:util';
import axios from 'axios';
import { createClient, isCredentialError, type CredentialError } from '../../src';
import { hasFetchAdapter } from '../helpers/axios-features';
import { rejectionOf, thrownBy } from '../helpers/declare';
import { useServer } from '../helpers/server';

const server = useServer();
const CLIENT_SECRET = 'recipe-client-secret';

test('a hand-written token provider failing with 500: the CredentialError prints no client secret', async () => {
  server.handle((req, res) => {
    res.statusCode = req.url === '/oauth/token' ? 500 : 200;
    res.end('{}');
  });
  const oauth = axios.create({ baseURL: server.origin });
  const fetchAccessToken = async (): Promise<string> => {
    const { data } = await oauth.post<{ access_token: string }>(
      '/oauth/token',
      new URLSearchParams({ grant_type: 'client_credentials', client_secret: CLIENT_SECRET }),
      { auth: { username: 'app', password: CLIENT_SECRET } },
    );
    return data.access_token;
  };
  const api = createClient({ baseURL: server.origin, authToken: fetchAccessToken });

  const error = await api.get('/orders').then(
    () => new Error('expected a failure') as Error & { cause: any },
    (e: unknown) => e as Error & { cause: any },
  );

  expect(isCredentialError(error)).toBe(true);
  expect(axios.isAxiosError(error.cause)).toBe(true);
  expect(error.cause.response.status).toBe(500);
  const logged: string[] = [];
  const spy = jest.spyOn(console, 'error').mockImplementation((...args) => {
    logged.push(format(...args));
  });
  console.error(error);
  spy.mockRestore();
  for (const printed of [
    inspect(error, { depth: Infinity }),
    logged.join('\n'),
    JSON.stringify(error),
    JSON.stringify(error.cause.toJSON()),
  ]) {
    expect(printed).not.toContain(CLIENT_SECRET);
  }
  expect(server.requests.map((request) => request.url)).toEqual(['/oauth/token']);
});

// Values that fail when they are looked at: a `then` getter that throws, a revoked Proxy.
const throwingThen = (): unknown =>
  Object.defineProperty({}, 'then', {
    get() {
      throw new Error(`then getter of ${CLIENT_SECRET}`);
    },
  });
const revoked = (target: object = {}): unknown => {
  const { proxy, revoke } = Proxy.revocable(target, {});
  revoke();
  return proxy;
};

describe.each(['http', 'fetch'] as const)('with the %s adapter', (adapter) => {
  const testIf = adapter === 'fetch' && !hasFetchAdapter ? test.skip : test;

  testIf.each([
    ['an object whose then getter throws', throwingThen, Error],
    ['a revoked Proxy', revoked, TypeError],
  ] as const)(
    'a provider that returns or resolves to %s: a CredentialError naming the credential, cause kept, nothing sent',
    async (_name, value, causeType) => {
      for (const credential of ['authToken', 'apiKey'] as const) {
        for (const provider of [() => value(), async () => value()]) {
          const api = createClient({
            baseURL: server.origin,
            adapter,
            [credential]: provider as () => string,
          });

          const error = await rejectionOf(api.get('/orders'));

          expect(isCredentialError(error)).toBe(true);
          expect((error as CredentialError).credential).toBe(credential);
          expect(error.message).toContain(credential);
          expect(error.cause).toBeInstanceOf(causeType);
          expect(`${error.message}\n${error.stack}`).not.toContain(CLIENT_SECRET);
        }
      }
      expect(server.requests).toEqual([]);
    },
  );
  testIf.each([
    [
      'throws a revoked Proxy',
      () => {
        throw revoked();
      },
    ],
    ['rejects with a revoked Proxy', () => Promise.reject(revoked() as Error)],
    [
      'throws an Error whose name getter throws',
      () => {
        throw Object.defineProperty(new Error(CLIENT_SECRET), 'name', {
          get() {
            throw new Error('no name');
          },
        });
      },
    ],
    [
      'throws an Error whose name is a Symbol',
      () => {
        throw Object.assign(new Error(CLIENT_SECRET), { name: Symbol('x') });
      },
    ],
    [
      'returns a promise whose constructor getter throws',
      () =>
        Object.defineProperty<Promise<string>>(Promise.resolve('tok'), 'constructor', {
          get() {
            throw new Error('no constructor');
          },
        }),
    ],
  ])('a provider that %s: a CredentialError, nothing sent', async (_name, provider) => {
    const api = createClient({ baseURL: server.origin, adapter, authToken: provider });

    const error = await rejectionOf(api.get('/orders'));

    expect(isCredentialError(error)).toBe(true);
    expect((error as CredentialError).credential).toBe('authToken');
    expect(error.cause).toBeDefined();
    expect(error.message).not.toContain(CLIENT_SECRET);
    expect(server.requests).toEqual([]);
  });
});

test('a static credential that is a revoked Proxy is a CredentialError when the client is made', () => {
  const error = thrownBy(() =>
    createClient({ baseURL: server.origin, apiKey: revoked() as string }),
  );

  expect(isCredentialError(error)).toBe(true);
  expect(error.message).toMatch(/^apiKey is an object that cannot be read, not a string/);
});
