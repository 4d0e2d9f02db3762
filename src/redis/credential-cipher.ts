import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { ConfigurationError } from '../errors';
import type { SharedCredential } from '../credentials/credential-store';

const KEY_BYTES = 32; // AES-256
const IV_BYTES = 12; // GCM's standard nonce: random per value, so never reused under one key
const TAG_BYTES = 16;
const VERSION = 'v1';

/** Seals and opens stored credentials, and fingerprints values for compare-and-set. */
export interface CredentialCipher {
  /** AES-256-GCM of the credential, bound to `name` (the Redis key) so it cannot be moved. */
  seal(name: string, credential: SharedCredential): string;
  /** The credential, or `undefined` when the box was sealed under another key or altered. */
  open(name: string, box: string): SharedCredential | undefined;
  /** An HMAC of the value: equal for equal values, and telling nothing about the value. */
  fingerprint(name: string, value: string): string;
}

/**
 * Reads the user's key (32 bytes: a Buffer or Uint8Array, 64 hex characters, or base64) and
 * derives one key to encrypt and one to fingerprint. A {@link ConfigurationError} names the
 * option and never shows the key.
 */
export function createCredentialCipher(factory: string, encryptionKey: unknown): CredentialCipher {
  const secret = readKey(factory, encryptionKey);
  const derive = (purpose: string): Buffer =>
    Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `axios-dequest ${purpose}`, KEY_BYTES));
  const sealing = derive('credential encryption');
  const fingerprinting = derive('credential fingerprint');

  return {
    seal(name, { value, expiresAt, state }) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', sealing, iv).setAAD(Buffer.from(name));
      const plain = JSON.stringify(
        state === undefined ? { value, expiresAt } : { value, expiresAt, state },
      );
      const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64')}`;
    },
    open(name, box) {
      if (!box.startsWith(`${VERSION}.`)) return undefined;
      const bytes = Buffer.from(box.slice(VERSION.length + 1), 'base64');
      if (bytes.length < IV_BYTES + TAG_BYTES) return undefined;
      try {
        const decipher = createDecipheriv('aes-256-gcm', sealing, bytes.subarray(0, IV_BYTES))
          .setAAD(Buffer.from(name))
          .setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        const plain =
          decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES), undefined, 'utf8') +
          decipher.final('utf8');
        const parsed = JSON.parse(plain) as SharedCredential;
        return typeof parsed.value === 'string' && Number.isFinite(parsed.expiresAt)
          ? parsed
          : undefined;
      } catch {
        return undefined;
      }
    },
    fingerprint(name, value) {
      return createHmac('sha256', fingerprinting)
        .update(name)
        .update('\n')
        .update(value)
        .digest('base64url');
    },
  };
}

function readKey(factory: string, key: unknown): Buffer {
  const how =
    `32 random bytes for AES-256-GCM, the same in every process: a Buffer, 64 hex characters, or base64 ` +
    `(e.g. the output of \`openssl rand -base64 32\`, kept in your secret store)`;
  if (key === undefined || key === null || key === '') {
    throw new ConfigurationError(
      `${factory} needs encryptionKey: ${how}. Stored credentials are encrypted so a Redis dump shows no token.`,
    );
  }
  let bytes: Buffer | undefined;
  if (key instanceof Uint8Array) bytes = Buffer.from(key);
  else if (typeof key === 'string' && /^[0-9a-f]{64}$/i.test(key)) bytes = Buffer.from(key, 'hex');
  else if (typeof key === 'string' && /^[A-Za-z0-9+/_-]+={0,2}$/.test(key))
    bytes = Buffer.from(key, 'base64');
  if (bytes === undefined) {
    throw new ConfigurationError(
      `${factory}'s encryptionKey must be ${how}; got a ${typeof key} of another form.`,
    );
  }
  if (bytes.length !== KEY_BYTES) {
    throw new ConfigurationError(
      `${factory}'s encryptionKey must be ${how}; it holds ${bytes.length} bytes.`,
    );
  }
  return bytes;
}
