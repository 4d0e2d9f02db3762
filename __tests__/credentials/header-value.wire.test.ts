// A credential is sent exactly as given, or refused: HTTP and axios drop a header value's
// leading and trailing spaces and tabs, so such a value is a CredentialError, never sent altered.
import { createClient, isCredentialError, type CredentialError } from '../../src';
import { hasFetchAdapter } from '../helpers/axios-features';
import { rejectionOf, thrownBy } from '../helpers/declare';
import { useServer } from '../helpers/server';

const server = useServer();

describe.each(['http', 'fetch'] as const)('with the %s adapter', (adapter) => {
  const testIf = adapter === 'fetch' && !hasFetchAdapter ? test.skip : test;

  testIf.each([
    [' ', /provider returned a value of only whitespace/],
    ['\t \t', /provider returned a value of only whitespace/],
    [' tok-s3cr3t', /whitespace at its start or end/],
    ['tok-s3cr3t\t', /whitespace at its start or end/],
  ])('a provider returning %j: a CredentialError, nothing sent', async (value, message) => {
    for (const [credential, options] of [
      ['authToken', { authToken: () => value }],
      ['apiKey', { apiKey: async () => value }],
      ['apiKey', { apiKey: () => value, apiKeyQueryParam: 'api_key' }],
    ] as const) {
      const api = createClient({ baseURL: server.origin, adapter, ...options });

      const error = (await rejectionOf(api.get('/me'))) as CredentialError;

      expect(isCredentialError(error)).toBe(true);
      expect(error.credential).toBe(credential);
      expect(error.message).toMatch(message);
      expect(error.message).not.toContain('tok-s3cr3t');
    }
    expect(server.requests).toEqual([]);
  });

  testIf('whitespace inside a value is kept as it is; at its edges, refused', async () => {
    const inner = 'key with\tinner  space';
    const api = createClient({
      baseURL: server.origin,
      adapter,
      apiKey: ({ config }) => (config.url === '/edge' ? `${inner} ` : inner),
    });

    await api.get('/inner');
    const error = await rejectionOf(api.get('/edge'));

    expect(isCredentialError(error)).toBe(true);
    expect(server.requests.map((r) => [r.url, r.headers['x-api-key']])).toEqual([
      ['/inner', inner],
    ]);
  });
});

test('a static credential of only whitespace is refused when the client is made', () => {
  const error = thrownBy(() => createClient({ baseURL: server.origin, authToken: '  ' }));

  expect(isCredentialError(error)).toBe(true);
  expect(error.message).toMatch(/^authToken is a value of only whitespace/);
});
