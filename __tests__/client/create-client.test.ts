import axios from 'axios';
import MockAdapter from 'axios-mock-adapter';
import { ConfigurationError, createClient } from '../../src';

const BASE = 'https://api.example.test';

function mocked(client: ReturnType<typeof createClient>) {
  const mock = new MockAdapter(client);
  const seen: Record<string, unknown>[] = [];
  mock.onAny().reply((config) => {
    // At the adapter, axios has turned the headers into AxiosHeaders.
    const headers = config.headers as unknown as { toJSON(): Record<string, unknown> };
    seen.push({ ...headers.toJSON(), timeout: config.timeout });
    return [200, { ok: true }];
  });
  return seen;
}

describe('createClient', () => {
  test('returns a plain axios instance with dequest’s 30 s timeout in milliseconds', async () => {
    const client = createClient({ baseURL: BASE, authToken: 't' });
    expect(typeof client.get).toBe('function');
    expect(client.defaults.timeout).toBe(30_000);
    const seen = mocked(client);
    const { data } = await client.get('/x');
    expect(data).toEqual({ ok: true });
    expect(seen[0]).toMatchObject({ Authorization: 'Bearer t', timeout: 30_000 });
  });

  test('every axios option passes through, an explicit timeout included', () => {
    const client = createClient({
      baseURL: BASE,
      timeout: 1234,
      maxRedirects: 2,
      responseType: 'text',
    });
    expect(client.defaults).toMatchObject({
      baseURL: BASE,
      timeout: 1234,
      maxRedirects: 2,
      responseType: 'text',
    });
  });

  test('without credentials it is a plain preconfigured instance (no origin needed)', async () => {
    const client = createClient({ timeout: 5 });
    const seen = mocked(client);
    await client.get('https://anywhere.test/x');
    expect(seen[0]!['Authorization']).toBeUndefined();
  });

  test('static headers are sent beside the credentials', async () => {
    const client = createClient({ baseURL: BASE, authToken: 't', headers: { 'X-Client': 'demo' } });
    const seen = mocked(client);
    await client.get('/');
    expect(seen[0]).toMatchObject({ 'X-Client': 'demo', Authorization: 'Bearer t' });
  });

  test('authToken and apiKey win over the same names in headers, whatever their case', async () => {
    const headers = {
      authorization: 'Bearer stale',
      'X-Api-Key': 'stale',
      common: { AUTHORIZATION: 'x' },
    };
    const frozen = JSON.stringify(headers);
    const client = createClient({
      baseURL: BASE,
      authToken: 'fresh',
      apiKey: 'fresh-key',
      headers,
    });
    const seen = mocked(client);
    await client.get('/');
    const sent = seen[0]!;
    const byLower = Object.fromEntries(Object.entries(sent).map(([k, v]) => [k.toLowerCase(), v]));
    expect(byLower['authorization']).toBe('Bearer fresh');
    expect(byLower['x-api-key']).toBe('fresh-key');
    expect(JSON.stringify(headers)).toBe(frozen); // the caller's object is never mutated
  });

  test('headers without credentials keep their Authorization', async () => {
    const client = createClient({ baseURL: BASE, headers: { Authorization: 'Basic abc' } });
    const seen = mocked(client);
    await client.get('/');
    expect(seen[0]).toMatchObject({ Authorization: 'Basic abc' });
  });

  test('headers may be a function, called per request, sync or async', async () => {
    let n = 0;
    const sync = createClient({ baseURL: BASE, headers: () => ({ 'X-Request-Id': String(++n) }) });
    const asyncClient = createClient({
      baseURL: BASE,
      headers: async (config) => ({ 'X-Path': String(config.url) }),
    });
    const seenSync = mocked(sync);
    const seenAsync = mocked(asyncClient);
    await sync.get('/a');
    await sync.get('/b');
    await asyncClient.get('/c');
    expect(seenSync.map((h) => h['X-Request-Id'])).toEqual(['1', '2']);
    expect(seenAsync[0]!['X-Path']).toBe('/c');
  });

  test('a headers function cannot override the credentials, and the request’s own headers win over it', async () => {
    const client = createClient({
      baseURL: BASE,
      authToken: 'ours',
      headers: () => ({ Authorization: 'Bearer from-fn', 'X-Tenant': 'fn' }),
    });
    const seen = mocked(client);
    await client.get('/', { headers: { 'X-Tenant': 'request' } });
    expect(seen[0]).toMatchObject({ Authorization: 'Bearer ours', 'X-Tenant': 'request' });
  });

  test('a headers function returning something else than an object is a ConfigurationError', async () => {
    const client = createClient({ baseURL: BASE, headers: (() => 'nope') as never });
    mocked(client);
    await expect(client.get('/')).rejects.toThrow(ConfigurationError);
  });

  test.each([
    [
      'throws',
      () => {
        throw new Error('vault sealed: s3cr3t');
      },
    ],
    ['rejects', async () => Promise.reject(new Error('vault sealed: s3cr3t'))],
  ])(
    'a headers function that %s: a ConfigurationError with the error as cause, nothing sent',
    async (_name, headers) => {
      const client = createClient({ baseURL: BASE, authToken: 't', headers: headers as never });
      const seen = mocked(client);
      const error = (await client.get('/').catch((e: unknown) => e)) as ConfigurationError;
      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error.message).toMatch(/headers function/);
      expect(error.message).not.toContain('s3cr3t');
      expect((error.cause as Error).message).toContain('vault sealed');
      expect(seen).toHaveLength(0);
    },
  );

  test('options that are not an object are a ConfigurationError', () => {
    expect(() => createClient('https://api' as never)).toThrow(ConfigurationError);
    expect(() => createClient({ baseURL: BASE, headers: 5 as never })).toThrow(/headers must be/);
  });

  test('createClient never touches the global axios', () => {
    const before = JSON.stringify(axios.defaults);
    createClient({ baseURL: BASE, authToken: 't', headers: { 'X-A': '1' } });
    expect(JSON.stringify(axios.defaults)).toBe(before);
  });
});
