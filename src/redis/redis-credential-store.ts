import { randomUUID } from 'node:crypto';
import type { CredentialStore, SharedCredential } from '../credentials/credential-store';
import { createCredentialCipher } from './credential-cipher';
import { READ_OR_LOCK, RELEASE_IF_LOCKED, STORE_IF_LOCKED } from './credential-scripts';
import { RedisUnavailableError } from './redis-unavailable-error';
import type { RedisStoreOptions } from './store-options';
import { badReply, readMs, readStoreOptions } from './store-options';

// Long beside a token endpoint's answer (the lock must outlive the fetch, or a second process
// fetches too), short enough that a holder killed mid-fetch delays the others only this long.
const DEFAULT_LOCK_TTL_MS = 10_000;
// An OAuth refresh token (`state`) outlives its access token: keep it for the next fetch.
const DEFAULT_RETAIN_STATE_MS = 24 * 60 * 60_000;
// Waiters poll the lock: first soon (a fast endpoint answers in tens of ms), then every 100 ms.
const FIRST_POLL_MS = 10;
const MAX_POLL_MS = 100;

/**
 * Options of {@link createRedisCredentialStore}.
 *
 * @example
 * ```ts
 * const options: RedisCredentialStoreOptions = {
 *   client,
 *   encryptionKey: process.env.DEQUEST_CREDENTIAL_KEY!, // openssl rand -base64 32
 * };
 * ```
 */
export interface RedisCredentialStoreOptions extends RedisStoreOptions {
  /**
   * 32 bytes (a Buffer, 64 hex characters, or base64), the same in every process: values and
   * their state are stored encrypted with AES-256-GCM, so a Redis dump shows no credential.
   * Required.
   */
  encryptionKey: Uint8Array | string;
  /**
   * How long the process that fetches holds the lock (ms): the longest a provider call may
   * take before another process fetches too, and the longest a holder that dies delays the
   * others. Waiters give up after this long (plus one poll) and call their own provider.
   * @default 10_000
   */
  lockTtl?: number;
  /**
   * How long a value with `state` (an OAuth refresh token) is kept after it expires, so the
   * next fetch can use that state.
   * @default 86_400_000 (one day)
   */
  retainStateMs?: number;
}

/**
 * A {@link CredentialStore} in Redis for `cachedCredential(provider, { store, key })`: one
 * provider call for every process that uses the same key.
 *
 * - Keys: `<namespace>:credential:<key>` (a hash of the value's HMAC fingerprint, its expiry,
 *   and the AES-256-GCM box of value and state) and `<namespace>:credential-lock:<key>`.
 * - A fetch runs under `SET NX PX lockTtl`; the others poll until the value is there, or the
 *   lock expired (then one of them fetches, and the rest wait out its lock too, once). Its
 *   `saveState` writes state under the same lock. A refresh is a compare-and-set in Lua: it
 *   fetches only while the stored value is still the rejected one.
 * - Each command is bounded by `timeoutMs`; a failing or slow Redis rejects `obtain`, and
 *   cachedCredential then calls its provider locally (logged at most once a minute).
 *
 * @example
 * ```ts
 * const store = createRedisCredentialStore({ client, encryptionKey: process.env.TOKEN_KEY! });
 * const authToken = cachedCredential(fetchToken, { ttl: 300_000, store, key: 'billing-api' });
 * ```
 */
export function createRedisCredentialStore(options: RedisCredentialStoreOptions): CredentialStore {
  const factory = 'createRedisCredentialStore';
  const { prefix, keyOf, send, fail } = readStoreOptions(factory, 'credential', options);
  const cipher = createCredentialCipher(factory, options.encryptionKey);
  const lockTtl = readMs(factory, 'lockTtl', options.lockTtl, DEFAULT_LOCK_TTL_MS);
  const retainState = readMs(
    factory,
    'retainStateMs',
    options.retainStateMs,
    DEFAULT_RETAIN_STATE_MS,
  );
  const quietly = (): undefined => undefined; // already logged by send

  const obtain = async (
    key: string,
    { rejected, fetch }: Parameters<CredentialStore['obtain']>[1],
  ) => {
    const record = prefix + key;
    const lock = keyOf('credential-lock', key);
    const unfit = rejected === undefined ? '' : cipher.fingerprint(record, rejected);
    const token = randomUUID();
    // Wait out the lock seen first; if it expires and another waiter takes it over, wait out
    // that successor's lock too (once), instead of fetching beside it.
    let deadline = Date.now() + lockTtl + MAX_POLL_MS;
    let successorWaited = false;
    const script = (lua: string, args: string[], onLate?: (reply: unknown) => void) =>
      send(['EVAL', lua, '2', record, lock, ...args], onLate);
    const release = () => script(RELEASE_IF_LOCKED, [token]).catch(quietly);
    // A stalled Redis may give us the lock after we gave up and fetched locally: free it when
    // that late reply comes, or the other processes would wait lockTtl for nobody.
    const releaseIfLocked = (reply: unknown) => {
      if (Array.isArray(reply) && String(reply[0]) === 'locked') void release();
    };

    // Seals and writes while the lock is ours: 'keep' holds it (state saved mid-fetch).
    const write = (credential: SharedCredential, keepFor: number, mode: 'release' | 'keep') =>
      script(STORE_IF_LOCKED, [
        token,
        cipher.fingerprint(record, credential.value),
        String(credential.expiresAt),
        cipher.seal(record, credential),
        String(Math.ceil(keepFor)),
        mode,
      ]);

    const fetchAndStore = async (current: SharedCredential | undefined) => {
      const saveState = async (state: string): Promise<void> => {
        const { value, expiresAt } = current ?? { value: '', expiresAt: 0 };
        const keepFor = Math.max(expiresAt - Date.now(), 0) + retainState;
        if (Number(await write({ value, expiresAt, state }, keepFor, 'keep')) !== 1) {
          const message = `The lock on ${record} expired (lockTtl ${lockTtl} ms) before the state was saved.`;
          throw new RedisUnavailableError('timeout', 'saveState', message);
        }
        current = { value, expiresAt, state };
      };
      let fetched: SharedCredential;
      try {
        fetched = await fetch(current, saveState);
      } catch (error) {
        await release();
        throw error;
      }
      const live = fetched.expiresAt - Date.now();
      const keepFor = Math.max(live, 0) + (fetched.state === undefined ? 0 : retainState);
      if (keepFor < 1 || typeof fetched.value !== 'string') {
        await release();
        return fetched;
      }
      await write(fetched, keepFor, 'release').catch(quietly);
      return fetched;
    };

    for (let pause = FIRST_POLL_MS; ; pause = Math.min(pause * 2, MAX_POLL_MS)) {
      const now = String(Date.now());
      const step = await script(
        READ_OR_LOCK,
        [now, unfit, token, String(lockTtl)],
        releaseIfLocked,
      );
      const [kind, data] = readStep(step);
      if (kind === 'locked')
        return fetchAndStore(data === null ? undefined : cipher.open(record, data));
      if (kind === 'value') {
        const stored = cipher.open(record, data);
        if (stored !== undefined) return stored;
        const error = new RedisUnavailableError(
          'undecryptable',
          'obtain',
          `The credential stored under ${record} could not be decrypted: give every process the same encryptionKey.`,
        );
        fail(error);
        throw error;
      }
      const lockEnds = Date.now() + data + MAX_POLL_MS;
      if (!successorWaited && data <= lockTtl && lockEnds > deadline + MAX_POLL_MS) {
        deadline = lockEnds;
        successorWaited = true;
      }
      if (Date.now() >= deadline) {
        const error = new RedisUnavailableError(
          'timeout',
          'obtain',
          `Another process held the lock on ${record} for longer than lockTtl (${lockTtl} ms); fetching here instead.`,
        );
        fail(error);
        throw error;
      }
      // -2: the lock just went; never sleep past its expiry, when a waiter may take it.
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, Math.min(pause, data))));
    }
  };
  return { obtain };
}

type Step = ['value', string] | ['locked', string | null] | ['wait', number];

function readStep(reply: unknown): Step {
  if (Array.isArray(reply)) {
    const [kind, data] = [String(reply[0]), reply[1] as unknown];
    if (kind === 'value' && data != null) return [kind, String(data)];
    if (kind === 'locked') return [kind, data == null ? null : String(data)];
    if (kind === 'wait' && typeof data === 'number') return [kind, data];
  }
  throw badReply('EVAL', 'something the credential script does not return');
}
