// A CredentialError says which request it stopped: method and URL in its message, and the
// request's config as `config`, all redacted, as the package's other errors name their request.
import { inspect } from 'node:util';
import axios from 'axios';
import {
  attachAuth,
  cachedCredential,
  createClient,
  isCredentialError,
  syncClient,
  type CredentialError,
} from '../../src';
import { hasFetchAdapter } from '../helpers/axios-features';
import { rejectionOf } from '../helpers/declare';
import { useServer } from '../helpers/server';

const server = useServer();
const KEY = 'k3y-in-the-query';
const PASSWORD = 'pa55word-in-the-url';

const failing = async (): Promise<string> => {
  throw new Error('vault sealed');
};

describe.each(['http', 'fetch'] as const)('with the %s adapter', (adapter) => {
  const testIf = adapter === 'fetch' && !hasFetchAdapter ? test.skip : test;

  testIf(
    'the message names method and URL, without userinfo or query; config is redacted and not printed',
    async () => {
      const instance = axios.create({ adapter });
      attachAuth(instance, { authToken: failing, allowedOrigins: [server.origin] });
      const url = server.origin.replace('//', `//reader:${PASSWORD}@`) + '/orders/7';

      const error = (await rejectionOf(
        instance.post(
          `${url}?api_key=${KEY}&page=2`,
          { card: '4111' },
          { auth: { username: 'u', password: PASSWORD } },
        ),
      )) as CredentialError;

      expect(isCredentialError(error)).toBe(true);
      expect(error.message).toMatch(
        new RegExp(`Request not sent: POST ${server.origin}/orders/7$`),
      );
      expect(error.config?.method).toBe('post');
      expect(error.config?.url).toContain('api_key=%5Bredacted%5D');
      expect(error.config?.auth).toEqual({ username: 'u', password: '[redacted]' });
      expect(error.config?.data).toBe('[redacted]');
      for (const printed of [
        error.message,
        String(error.stack),
        inspect(error, { depth: Infinity }),
        JSON.stringify(error),
      ]) {
        expect(printed).not.toContain(KEY);
        expect(printed).not.toContain(PASSWORD);
        expect(printed).not.toContain('4111');
      }
      expect(Object.keys(error)).not.toContain('config');
      expect(server.requests).toEqual([]);
    },
  );

  testIf(
    "config hides the values of the plan's own header and query names, set by the caller",
    async () => {
      const api = createClient({
        baseURL: server.origin,
        adapter,
        authToken: failing,
        apiKey: 'ours',
        apiKeyHeader: 'X-Tenant-Secret',
        authHeader: 'X-Session',
      });
      const query = createClient({
        baseURL: server.origin,
        adapter,
        authToken: failing,
        apiKey: 'ours',
        apiKeyQueryParam: 'tenant_sig',
      });

      const [inHeader, inQuery] = (await Promise.all([
        rejectionOf(api.get('/a', { headers: { 'X-Tenant-Secret': KEY } })),
        rejectionOf(query.get('/b', { params: { tenant_sig: KEY } })),
      ])) as CredentialError[];

      expect(inspect(inHeader!.config, { depth: Infinity })).not.toContain(KEY);
      expect(inspect(inQuery!.config, { depth: Infinity })).not.toContain(KEY);
      expect(server.requests).toEqual([]);
    },
  );

  testIf('requests sharing one failure of a cached provider each name their own', async () => {
    const api = createClient({
      baseURL: server.origin,
      adapter,
      apiKey: cachedCredential(failing, { ttl: 1_000 }),
    });

    const [first, second] = (await Promise.all([
      rejectionOf(api.get('/a')),
      rejectionOf(api.delete('/b')),
    ])) as CredentialError[];

    expect(first!.message).toMatch(new RegExp(`Request not sent: GET ${server.origin}/a$`));
    expect(second!.message).toMatch(new RegExp(`Request not sent: DELETE ${server.origin}/b$`));
    expect(first!.cause).toBe(second!.cause);
    expect(server.requests).toEqual([]);
  });

  testIf('a declared call rejects with the CredentialError naming its request', async () => {
    const getUser = syncClient({
      client: axios.create({ adapter }),
      url: `${server.origin}/users/{id}`,
      authToken: () => ' ',
    })(function getUser(_: { id: number }) {});

    const error = await rejectionOf(getUser({ id: 7 }));

    expect(isCredentialError(error)).toBe(true);
    expect(error.message).toMatch(new RegExp(`Request not sent: GET ${server.origin}/users/7$`));
    expect(server.requests).toEqual([]);
  });

  testIf(
    'a provider that does not answer within the timeout: the CredentialError names the request',
    async () => {
      jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
      try {
        const api = createClient({
          baseURL: server.origin,
          adapter,
          timeout: 50,
          apiKey: () => new Promise<string>(() => {}),
        });

        const failed = rejectionOf(api.post('/orders', { card: '4111' }));
        await new Promise((resolve) => setImmediate(resolve));
        jest.advanceTimersByTime(50);
        const error = (await failed) as CredentialError;

        expect(error.message).toMatch(/apiKey provider timed out after 50 ms/);
        expect(error.message).toMatch(
          new RegExp(`Request not sent: POST ${server.origin}/orders$`),
        );
        expect(error.config?.data).toBe('[redacted]');
        expect(server.requests).toEqual([]);
      } finally {
        jest.useRealTimers();
      }
    },
  );
});
