import { randomBytes } from 'node:crypto';
import { createCredentialCipher } from '../../src/redis/credential-cipher';

const cipher = createCredentialCipher('test', randomBytes(32));

test('a sealed credential opens to itself, state included, under the same name', () => {
  const credential = { value: 'tok', expiresAt: 1_700_000_000_000, state: 'refresh' };

  expect(cipher.open('ns:credential:a', cipher.seal('ns:credential:a', credential))).toEqual(
    credential,
  );
});

test('the box shows nothing of the value, and differs each time', () => {
  const value = 'very-secret-token-value';
  const boxes = [1, 2].map(() => cipher.seal('n', { value, expiresAt: 1 }));

  expect(boxes[0]).not.toBe(boxes[1]);
  for (const box of boxes) {
    expect(box).not.toContain(value);
    expect(Buffer.from(box.slice(3), 'base64').toString('latin1')).not.toContain(value);
  }
});

test('a box opens under its own name only, and not once altered or under another key', () => {
  const box = cipher.seal('a', { value: 'tok', expiresAt: 1 });
  const bytes = Buffer.from(box.slice(3), 'base64');
  bytes[bytes.length - 1]! ^= 1;

  expect(cipher.open('b', box)).toBeUndefined();
  expect(cipher.open('a', `v1.${bytes.toString('base64')}`)).toBeUndefined();
  expect(createCredentialCipher('test', randomBytes(32)).open('a', box)).toBeUndefined();
  expect(cipher.open('a', 'v2.whatever')).toBeUndefined();
  expect(cipher.open('a', 'v1.')).toBeUndefined();
});

test('fingerprints are equal for equal values under one name and key, and tell nothing else', () => {
  const other = createCredentialCipher('test', randomBytes(32));

  expect(cipher.fingerprint('a', 'tok')).toBe(cipher.fingerprint('a', 'tok'));
  expect(cipher.fingerprint('a', 'tok')).not.toBe(cipher.fingerprint('a', 'tok2'));
  expect(cipher.fingerprint('a', 'tok')).not.toBe(cipher.fingerprint('b', 'tok'));
  expect(cipher.fingerprint('a', 'tok')).not.toBe(other.fingerprint('a', 'tok'));
  expect(cipher.fingerprint('a', 'tok')).not.toContain('tok');
});

test('error messages about the key never show it', () => {
  const key = randomBytes(31).toString('base64');

  expect(() => createCredentialCipher('test', key)).toThrow(/holds 31 bytes/);
  try {
    createCredentialCipher('test', key);
  } catch (error) {
    expect(String(error)).not.toContain(key);
  }
});
