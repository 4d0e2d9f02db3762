import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from '../../src/client';
import { cachedCredential } from '../../src/credentials/cached-credential';
import type { CredentialValue } from '../../src/credentials/source';
import { CredentialError, isCredentialError } from '../../src/errors';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let server: http.Server;
let baseURL: string;
/** The Authorization header of every request the server received, in arrival order. */
let received: (string | undefined)[];
// A bounded pool, so 1,000 concurrent requests queue in the client instead of overflowing the
// server's listen backlog; the provider is still asked by all 1,000 at once.
const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 50 });

beforeAll(async () => {
  server = http.createServer((req, res) => {
    received.push(req.headers.authorization);
    res.setHeader('content-type', 'application/json');
    res.end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

beforeEach(() => {
  received = [];
});

afterAll(async () => {
  httpAgent.destroy();
  await new Promise<void>((resolve, reject) =>
    server.close((error) => (error ? reject(error) : resolve())),
  );
});

test('1,000 concurrent requests share one call of a 5 ms async provider and all carry the token', async () => {
  let calls = 0;
  const client = createClient({
    baseURL,
    httpAgent,
    authToken: cachedCredential(
      async () => {
        await delay(5);
        calls++;
        return 'tok';
      },
      { ttl: 60_000 },
    ),
  });

  const responses = await Promise.all(Array.from({ length: 1000 }, () => client.get('/data')));

  expect(calls).toBe(1);
  expect(responses.every((response) => response.status === 200)).toBe(true);
  expect(received).toHaveLength(1000);
  expect(received.every((header) => header === 'Bearer tok')).toBe(true);
});

test('20 concurrent requests against a failing provider: 1 call, 20 CredentialErrors, nothing sent, and the next request tries again', async () => {
  const failure = new Error('token server down');
  const provider = jest.fn<Promise<CredentialValue>, []>(async () => {
    await delay(5);
    throw failure;
  });
  const client = createClient({
    baseURL,
    httpAgent,
    authToken: cachedCredential(provider, { ttl: 60_000 }),
  });

  const results = await Promise.allSettled(Array.from({ length: 20 }, () => client.get('/data')));

  expect(provider).toHaveBeenCalledTimes(1);
  expect(results.map((result) => result.status)).toEqual(Array(20).fill('rejected'));
  for (const result of results) {
    const error = (result as PromiseRejectedResult).reason as unknown;
    expect(error).toBeInstanceOf(CredentialError);
    expect(isCredentialError(error) && error.credential).toBe('authToken');
    expect((error as Error).cause).toBe(failure);
  }
  expect(received).toHaveLength(0);

  provider.mockResolvedValueOnce('tok');
  await expect(client.get('/data')).resolves.toMatchObject({ status: 200 });
  expect(provider).toHaveBeenCalledTimes(2);
  expect(received).toEqual(['Bearer tok']);
});
