// The credential-value property on a real server, with both adapters: what the server parsed,
// on the first hop and after a redirect within the origin, is the value as given, or the
// request was refused with a CredentialError and nothing was sent. Fewer runs than the
// in-process property (header-value.property.test.ts), each one two real requests.
import fc from 'fast-check';
import { createClient, isCredentialError, type CredentialError } from '../../src';
import { hasFetchAdapter } from '../helpers/axios-features';
import { runs } from '../helpers/property';
import { useServer } from '../helpers/server';
import { credentialValue, expectSentOrRefused, MODES, type Mode } from './helpers/values';

// /me redirects, within its origin, to /landing; the query string is the client's to add.
const server = useServer((req, res) => {
  if (req.url?.startsWith('/me')) res.writeHead(307, { location: '/landing' });
  res.end('ok');
});

describe.each(['http', 'fetch'] as const)('with the %s adapter', (adapter) => {
  const testIf = adapter === 'fetch' && !hasFetchAdapter ? test.skip : test;

  testIf(
    'a provider value reaches the server unchanged, or is refused and nothing is sent',
    async () => {
      let current = '';
      const clients = MODES.map(
        (mode) =>
          [
            mode,
            createClient({ baseURL: server.origin, adapter, ...mode.options(() => current) }),
          ] as const,
      );
      const outcome = async (
        mode: Mode,
        api: (typeof clients)[number][1],
      ): Promise<string | undefined | CredentialError> => {
        server.requests.length = 0;
        try {
          await api.get('/me');
        } catch (error) {
          if (!isCredentialError(error)) throw error;
          expect(server.requests).toEqual([]);
          return error;
        }
        // Both hops: the credential put on again after the same-origin redirect is unchanged too.
        const [first, second] = server.requests.map((request) => {
          if (mode.header === undefined)
            return new URL(request.url, server.origin).searchParams.get('api_key') ?? undefined;
          const value = request.headers[mode.header];
          return Array.isArray(value) ? value.join(', ') : value;
        });
        expect(server.requests.map((request) => request.url.split('?')[0])).toEqual([
          '/me',
          '/landing',
        ]);
        expect(second).toBe(first);
        return first;
      };

      await fc.assert(
        fc.asyncProperty(credentialValue, async (value) => {
          current = value;
          for (const [mode, api] of clients)
            expectSentOrRefused(mode, value, await outcome(mode, api));
        }),
        runs(100),
      );
    },
    120_000,
  );
});
