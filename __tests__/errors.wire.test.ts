// The cause of every error the package throws is scrubbed where the error is made: an inner
// request the user made with plain axios (not through the package), holding a client secret as
// `auth`, a cookie and an api key, prints none of them as our error's cause.
import axios, { type AxiosResponse } from 'axios';
import { createClient, isConfigurationError, isCredentialError } from '../src';
import { hasFetchAdapter } from './helpers/axios-features';
import { printings } from './helpers/printings';
import { useServer } from './helpers/server';

const MARK = 'c4use-cl1ent';
const CLIENT_SECRET = `client-secret-${MARK}-basic`;
const COOKIE = `session=${MARK}-cookie`;
const KEY = `key-${MARK}-query`;

type Adapter = 'http' | 'fetch';

/** What console.error, util.inspect and a log line of the error print. */
const printingsOf = (error: unknown): Record<string, string> => ({
  ...printings(error),
  String: String(error),
  stack: String((error as Error).stack),
});

const expectNoSecret = (error: unknown): void => {
  for (const [how, text] of Object.entries(printingsOf(error))) {
    expect({ how, leaks: text.includes(MARK) }).toEqual({ how, leaks: false });
  }
};

describe.each<Adapter>(['http', 'fetch'])('with the %s adapter', (adapter) => {
  const describeIf = adapter === 'fetch' && !hasFetchAdapter ? describe.skip : describe;
  const server = useServer((req, res) => {
    res.statusCode = req.url?.startsWith('/token') ? 500 : 200;
    res.end('{}');
  });

  /** The token request of the README's old hand-written recipe, made with plain axios. */
  const tokenRequest = (responseType?: 'stream'): Promise<AxiosResponse> =>
    axios.post(`${server.origin}/token?api_key=${KEY}`, 'grant_type=client_credentials', {
      adapter,
      auth: { username: 'client-id', password: CLIENT_SECRET },
      headers: { cookie: COOKIE, 'x-api-key': KEY },
      ...(responseType ? { responseType } : {}),
    });

  describeIf('a provider whose own token request fails with 500', () => {
    test.each([
      ['read as JSON', undefined],
      ['read as a stream', 'stream' as const],
    ])(
      '%s: the CredentialError prints no secret, its cause still says what happened',
      async (_how, responseType) => {
        const api = createClient({
          baseURL: server.origin,
          adapter,
          authToken: async () => ((await tokenRequest(responseType)).data as { t: string }).t,
        });

        const error: unknown = await api.get('/me').catch((e: unknown) => e);

        expect(isCredentialError(error)).toBe(true);
        expectNoSecret(error);
        const cause = (error as Error).cause;
        expect(axios.isAxiosError(cause) && cause.response?.status).toBe(500);
        expect(server.requests.map((r) => r.url)).toEqual([`/token?api_key=${KEY}`]);
      },
    );
  });

  describeIf('a headers function whose own request fails with 500', () => {
    test('the ConfigurationError prints no secret, its cause still says what happened', async () => {
      const api = createClient({
        baseURL: server.origin,
        adapter,
        headers: async () => ({ 'x-tenant': String((await tokenRequest()).data) }),
      });

      const error: unknown = await api.get('/me').catch((e: unknown) => e);

      expect(isConfigurationError(error)).toBe(true);
      expectNoSecret(error);
      const cause = (error as Error).cause;
      expect(axios.isAxiosError(cause) && cause.response?.status).toBe(500);
      expect(server.requests.map((r) => r.url)).toEqual([`/token?api_key=${KEY}`]);
    });
  });
});
