// oauthClientCredentials and oauthRefreshToken with a store, in real processes on the real Redis,
// against oidc-provider with refresh-token rotation on (a reused refresh token revokes the grant).
import { randomBytes, randomUUID } from 'node:crypto';
import axios from 'axios';
import { join } from 'node:path';
import {
  connectNodeRedis,
  deleteKeys,
  describeWithRedis,
  dumpKeys,
  REDIS_URL,
  uniqueNamespace,
  type NodeRedis,
} from '../redis/redis-env';
import { startOwnRedis } from '../redis/redis-server';
import { startWorker, type Worker } from '../redis/workers';
import { startServer } from '../helpers/server';
import type { Outcome } from './fixtures/oauth-worker';
import { startAuthorizationServer, type AuthorizationServer } from './helpers/authorization-server';

jest.setTimeout(180_000);

const WORKER = join(__dirname, 'fixtures', 'oauth-worker.ts');
const encryptionKey = randomBytes(32).toString('base64');

interface Log {
  saved: { refreshToken: string; accessToken: string; doneAt: number }[];
  rotated: number;
  tokenRequests: number;
}

describeWithRedis(
  'OAuth providers sharing a store across processes (real Redis, oidc-provider)',
  () => {
    let as: AuthorizationServer;
    let redis: NodeRedis;
    let namespace: string;

    beforeAll(async () => {
      [as, redis] = await Promise.all([startAuthorizationServer(), connectNodeRedis()]);
    });
    afterAll(async () => {
      redis.destroy();
      await as.close();
    });
    beforeEach(async () => {
      namespace = uniqueNamespace();
      await as.reset({ accessTokenTTL: 300 });
    });
    afterEach(() => deleteKeys(redis, `${namespace}:*`));

    const replicas = (count: number, env: Record<string, string> = {}): Promise<Worker[]> =>
      Promise.all(
        Array.from({ length: count }, () =>
          startWorker(WORKER, {
            REDIS_URL,
            NAMESPACE: namespace,
            ENCRYPTION_KEY: encryptionKey,
            TOKEN_URL: as.tokenUrl,
            RESOURCE: as.resource,
            SECRET: as.secret,
            ...env,
          }),
        ),
      );
    const wave = async (workers: Worker[], name: string, count = 20): Promise<Outcome[]> =>
      (
        await Promise.all(workers.map((w) => w.call<Outcome[]>('requests', { name, count })))
      ).flat();
    const advanceClocks = (workers: Worker[], ms: number) =>
      Promise.all([as.advanceClock(ms), ...workers.map((w) => w.call('advanceClock', { ms }))]);
    const tokenRequests = async (grantType: string) =>
      (await as.stats()).tokenRequests.filter((r) => r.grantType === grantType);

    test('3 processes x 20 calls: one client credentials token, one refresh per rotation, each refresh token sent once, onTokens once per rotation in the process that rotated', async () => {
      const workers = await replicas(3);
      const first = await as.mintRefreshToken();
      const key = `session:${randomUUID()}`;
      for (const worker of workers) {
        await worker.call('clientCredentials', { name: 'cc' });
        await worker.call('refreshToken', { name: 'rt', key, refreshToken: first });
      }

      const waves: Outcome[][] = [];
      waves.push(await wave(workers, 'cc'), await wave(workers, 'rt'));
      expect(await tokenRequests('client_credentials')).toHaveLength(1);
      expect(await tokenRequests('refresh_token')).toHaveLength(1);

      await as.rotateKeys(); // every access token issued so far is rejected: a 401 wave everywhere
      waves.push(await wave(workers, 'cc'), await wave(workers, 'rt'));
      expect(await tokenRequests('client_credentials')).toHaveLength(2);
      expect(await tokenRequests('refresh_token')).toHaveLength(2);

      await advanceClocks(workers, 280_000); // within the 30 s skew of the 300 s tokens
      waves.push(await wave(workers, 'cc'), await wave(workers, 'rt'));

      for (const outcomes of waves) expect(outcomes).toEqual(Array(60).fill(200));
      expect(await tokenRequests('client_credentials')).toHaveLength(3);
      const refreshes = await tokenRequests('refresh_token');
      expect(refreshes.map((r) => r.status)).toEqual([200, 200, 200]);
      // Each refresh token sent once, and each the newest: the minted one, then each issued one.
      expect(refreshes.map((r) => r.refreshToken)).toEqual([
        first,
        refreshes[0]!.issuedRefreshToken,
        refreshes[1]!.issuedRefreshToken,
      ]);
      const stats = await as.stats();
      expect(stats.revokedGrants).toBe(0);
      const logs = await Promise.all(workers.map((w) => w.call<Log>('log')));
      const saved = logs.flatMap((log) => log.saved);
      expect(saved.map((s) => s.refreshToken).sort()).toEqual(
        refreshes.map((r) => r.issuedRefreshToken).sort(),
      );
      // onTokens ran in the process that rotated, and returned before any request used the token.
      for (const log of logs) expect(log.saved).toHaveLength(log.rotated);
      for (const { accessToken, doneAt } of saved) {
        const uses = stats.apiRequests.filter((r) => r.token === accessToken);
        expect(uses.length).toBeGreaterThan(0);
        expect(Math.min(...uses.map((r) => r.at))).toBeGreaterThanOrEqual(doneAt);
      }
      // Redis holds the two records under their key names, and no token in clear.
      const dump = await dumpKeys(redis, `${namespace}:*`);
      expect(dump.map((d) => d.key).sort()).toEqual([
        expect.stringMatching(new RegExp(`^${namespace}:credential:oauth-cc:[\\w-]{43}$`)),
        `${namespace}:credential:${key}`,
      ]);
      const text = JSON.stringify(dump);
      for (const secret of [first, as.secret, ...saved.map((s) => s.refreshToken)]) {
        expect(text).not.toContain(secret);
      }
    });

    const until = async (condition: () => Promise<boolean>) => {
      while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 20));
    };
    const refreshed = async () =>
      (await tokenRequests('refresh_token')).some((r) => r.status === 200);

    test('the lock holder dies in onTokens, after the token response: the next process hands the saved tokens to its own onTokens and uses them, nothing is sent twice', async () => {
      const [victim, ...others] = await replicas(3, { LOCK_TTL: '5000' });
      const first = await as.mintRefreshToken();
      const key = `session:${randomUUID()}`;
      await victim!.call('refreshToken', { name: 'rt', key, refreshToken: first, hang: true });
      for (const worker of others)
        await worker.call('refreshToken', { name: 'rt', key, refreshToken: first });
      const dying = victim!.call('requests', { name: 'rt', count: 5 }).catch(() => 'killed');
      await until(() => victim!.call<boolean>('hanging'));
      await victim!.kill();

      const outcomes = await wave(others, 'rt');

      expect(await dying).toBe('killed');
      expect(outcomes).toEqual(Array(40).fill(200));
      const [refresh] = await tokenRequests('refresh_token');
      expect(await tokenRequests('refresh_token')).toHaveLength(1);
      const saved = (await Promise.all(others.map((w) => w.call<Log>('log')))).flatMap(
        (l) => l.saved,
      );
      expect(saved.map((s) => s.refreshToken)).toEqual([refresh!.issuedRefreshToken]);
      // The chain goes on from the token the dead process received.
      await as.rotateKeys();
      expect(await wave(others, 'rt')).toEqual(Array(40).fill(200));
      const refreshes = await tokenRequests('refresh_token');
      expect(refreshes.map((r) => r.refreshToken)).toEqual([first, refresh!.issuedRefreshToken]);
      expect((await as.stats()).revokedGrants).toBe(0);
    });

    test('the lock holder dies after sending, before the answer: the others never send that refresh token again, they report invalid_grant; a new sign-in under the same key serves every process', async () => {
      let holding = true;
      const proxy = await startServer(async (req, res, received) => {
        const answer = await axios.post<string>(as.tokenUrl, received.body, {
          headers: {
            authorization: req.headers.authorization,
            'content-type': req.headers['content-type'],
          },
          responseType: 'text',
          transformResponse: (data: string) => data,
          validateStatus: () => true,
        });
        if (holding) return; // the answer never reaches the process: it dies first
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.data);
      });
      try {
        const [victim, ...others] = await replicas(3, { LOCK_TTL: '5000' });
        const first = await as.mintRefreshToken();
        const key = `session:${randomUUID()}`;
        await victim!.call('refreshToken', {
          name: 'rt',
          key,
          refreshToken: first,
          tokenUrl: `${proxy.origin}/token`,
        });
        for (const worker of others)
          await worker.call('refreshToken', { name: 'rt', key, refreshToken: first });
        const dying = victim!.call('requests', { name: 'rt', count: 5 }).catch(() => 'killed');
        await until(refreshed);
        await victim!.kill();

        const outcomes = await wave(others, 'rt', 10);

        expect(await dying).toBe('killed');
        expect(outcomes).toEqual(
          Array(20).fill({
            error: 'CredentialError', // an OAuthError
            oauthError: 'invalid_grant',
            message: expect.stringMatching(
              /sent .* by another process that never saved the answer .* The user must sign in again/,
            ),
          }),
        );
        expect(await tokenRequests('refresh_token')).toHaveLength(1);

        // The user signs in again: one process makes a provider with the new refresh token.
        const second = await as.mintRefreshToken();
        await others[0]!.call('refreshToken', { name: 'again', key, refreshToken: second });
        expect(await others[0]!.call('requests', { name: 'again', count: 10 })).toEqual(
          Array(10).fill(200),
        );
        // The other process's provider (still holding the spent token) takes the new sign-in's token.
        expect(await others[1]!.call('requests', { name: 'rt', count: 10 })).toEqual(
          Array(10).fill(200),
        );
        const refreshes = await tokenRequests('refresh_token');
        expect(refreshes.map((r) => r.refreshToken)).toEqual([first, second]);
        expect((await as.stats()).revokedGrants).toBe(0);
      } finally {
        holding = false;
        await proxy.close();
      }
    });

    test('the store goes down: client credentials fall back to one token per process; refresh tokens are not sent at all (a CredentialError says why) until the store is back, then one refresh with the newest', async () => {
      const own = await startOwnRedis();
      try {
        const workers = await replicas(3, { REDIS_URL: own.url });
        const first = await as.mintRefreshToken();
        const key = `session:${randomUUID()}`;
        for (const worker of workers) {
          await worker.call('clientCredentials', { name: 'cc' });
          await worker.call('refreshToken', { name: 'rt', key, refreshToken: first });
        }
        expect([...(await wave(workers, 'cc')), ...(await wave(workers, 'rt'))]).toEqual(
          Array(120).fill(200),
        );

        await own.kill();
        for (const worker of workers)
          await until(async () => !(await worker.call<boolean>('redisReady')));
        // Each process still holds a live token: nothing changes.
        expect([...(await wave(workers, 'cc')), ...(await wave(workers, 'rt'))]).toEqual(
          Array(120).fill(200),
        );
        await advanceClocks(workers, 280_000);
        const cc = await wave(workers, 'cc');
        const rt = await wave(workers, 'rt');

        expect(cc).toEqual(Array(60).fill(200));
        expect(await tokenRequests('client_credentials')).toHaveLength(4);
        expect(rt).toEqual(
          Array(60).fill({
            error: 'CredentialError',
            message: expect.stringMatching(
              /shared store gave no lock for key .*so the refresh token was not sent from this process alone/,
            ),
          }),
        );
        expect(await tokenRequests('refresh_token')).toHaveLength(1);

        await own.restart();
        for (const worker of workers) await until(() => worker.call<boolean>('redisReady'));
        expect(await wave(workers, 'rt')).toEqual(Array(60).fill(200));
        const refreshes = await tokenRequests('refresh_token');
        expect(refreshes.map((r) => r.refreshToken)).toEqual([
          first,
          refreshes[0]!.issuedRefreshToken,
        ]);
        expect((await as.stats()).revokedGrants).toBe(0);
      } finally {
        await own.kill();
      }
    });
  },
);
