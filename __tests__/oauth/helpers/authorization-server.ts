import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import axios from 'axios';

/** One token request as oidc-provider handled it. */
export interface TokenRequestRecord {
  readonly status: number;
  readonly grantType: string;
  readonly clientId?: string;
  readonly clientAuth: 'basic' | 'post';
  readonly refreshToken?: string;
  /** The refresh token the server issued in its answer (rotation). */
  readonly issuedRefreshToken?: string;
  readonly error?: string;
  /** When it was answered: real epoch ms (not the moved clock), to compare across processes. */
  readonly at: number;
}

/** What the authorization server and the resource server saw since the last reset. */
export interface ServerStats {
  readonly tokenRequests: TokenRequestRecord[];
  /** Grants oidc-provider revoked (a rotated refresh token used again revokes its grant). */
  readonly revokedGrants: number;
  readonly apiRequests: {
    readonly path: string;
    readonly token?: string;
    readonly status: number;
    /** When it arrived: real epoch ms. */
    readonly at: number;
  }[];
}

/** oidc-provider and a JWKS-verifying resource server, running in a child process. */
export interface AuthorizationServer {
  readonly issuer: string;
  readonly tokenUrl: string;
  /** The resource server's origin: `GET <resource>/anything` needs a valid access token. */
  readonly resource: string;
  /** The client secret of every registered client: `cc-basic`, `cc-post`, `rt-client`. */
  readonly secret: string;
  stats(): Promise<ServerStats>;
  /** Forgets the records; `accessTokenTTL` (seconds) applies to tokens issued from now on. */
  reset(options?: { accessTokenTTL?: number }): Promise<void>;
  /** Moves the servers' clock (and `now`, the clock to give the providers) forward. */
  advanceClock(ms: number): Promise<void>;
  /** The clock the servers read, for a provider's `now` option. */
  readonly now: () => number;
  /** A first refresh token for `rt-client` (or `rt-public`), minted through oidc-provider's own models. */
  mintRefreshToken(options?: { accountId?: string; clientId?: string }): Promise<string>;
  /** New signing keys: tokens signed with the old ones fail at the resource server. */
  rotateKeys(): Promise<void>;
  close(): Promise<void>;
}

const SCRIPT = join(__dirname, 'authorization-server.child.mjs');

/** Starts the servers and waits for their origins (a busy machine may take seconds). */
export async function startAuthorizationServer(): Promise<AuthorizationServer> {
  const child = spawn(process.execPath, [SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const info = await new Promise<Record<string, string>>((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n')[0];
      if (stdout.includes('\n')) resolve(JSON.parse(line!) as Record<string, string>);
    });
    child.on('exit', (code) =>
      reject(new Error(`authorization server exited (${code}): ${stderr}`)),
    );
  });
  const admin = axios.create({ baseURL: info.admin, timeout: 30_000 });
  let offset = 0;
  return {
    issuer: info.issuer!,
    tokenUrl: info.tokenUrl!,
    resource: info.resource!,
    secret: info.secret!,
    stats: async () => (await admin.get<ServerStats>('/stats')).data,
    reset: async (options = {}) => {
      await admin.post('/reset', options);
    },
    advanceClock: async (ms) => {
      offset += ms;
      await admin.post('/clock', { advanceMs: ms });
    },
    now: () => Date.now() + offset,
    mintRefreshToken: async (options = {}) =>
      (await admin.post<{ refreshToken: string }>('/refresh-token', options)).data.refreshToken,
    rotateKeys: async () => {
      await admin.post('/rotate-keys');
    },
    close: () => stop(child),
  };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.stdin!.end();
  });
}
