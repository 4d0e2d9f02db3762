import http from 'node:http';
import { createClient } from '../../src/client';
import { cachedCredential } from '../../src/credentials/cached-credential';
import type { CredentialContext, CredentialValue } from '../../src/credentials/source';
import { CredentialError, isCredentialError } from '../../src/errors';
import { deferred } from '../helpers/declare';
import { allOf, CONCURRENCY_TIMEOUT_MS, useServer } from '../helpers/server';

const server = useServer((req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end('{"ok":true}');
});
/** The Authorization header of every request the server received, in arrival order. */
const received = () => server.requests.map((r) => r.headers.authorization);

// A bounded pool, so 1,000 concurrent requests queue in the client instead of overflowing the
// server's listen backlog; the provider is still asked by all of them at once.
let httpAgent: http.Agent;
beforeEach(() => {
  httpAgent = new http.Agent({ keepAlive: true, maxSockets: 50 });
});
afterEach(() => {
  httpAgent.destroy();
});

/**
 * `provider` behind a gate that opens once `count` requests have asked for the credential: they
 * all wait on one provider call, without a timer deciding how long "at once" is.
 */
function askedBy<T>(count: number, provider: () => Promise<T>) {
  const everyoneAsked = deferred<void>();
  let asked = 0;
  return {
    ask: (credential: (ctx: CredentialContext) => unknown) => (ctx: CredentialContext) => {
      if (++asked === count) everyoneAsked.resolve();
      return credential(ctx) as CredentialValue | Promise<CredentialValue>;
    },
    provider: async () => {
      await everyoneAsked.promise;
      return provider();
    },
  };
}

test(
  '1,000 concurrent requests share one call of a slow async provider and all carry the token',
  async () => {
    let calls = 0;
    const gate = askedBy(1000, async () => {
      calls++;
      return 'tok';
    });
    const client = createClient({
      baseURL: server.origin,
      httpAgent,
      authToken: gate.ask(cachedCredential(gate.provider, { ttl: 60_000 })),
    });

    const responses = await allOf(Array.from({ length: 1000 }, () => client.get('/data')));

    expect(calls).toBe(1);
    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(received()).toHaveLength(1000);
    expect(received().every((header) => header === 'Bearer tok')).toBe(true);
  },
  CONCURRENCY_TIMEOUT_MS,
);

test('20 concurrent requests against a failing provider: 1 call, 20 CredentialErrors, nothing sent, and the next request tries again', async () => {
  const failure = new Error('token server down');
  const gate = askedBy(20, async (): Promise<CredentialValue> => {
    throw failure;
  });
  const provider = jest.fn<Promise<CredentialValue>, []>(gate.provider);
  const client = createClient({
    baseURL: server.origin,
    httpAgent,
    authToken: gate.ask(cachedCredential(provider, { ttl: 60_000 })),
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
  expect(received()).toHaveLength(0);

  provider.mockResolvedValueOnce('tok');
  await expect(client.get('/data')).resolves.toMatchObject({ status: 200 });
  expect(provider).toHaveBeenCalledTimes(2);
  expect(received()).toEqual(['Bearer tok']);
});
