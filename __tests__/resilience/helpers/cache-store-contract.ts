// The contract every CacheStore must keep, as one reusable suite: memoryStore runs it in
// memory-store.test.ts, the Redis store (node-redis and ioredis clients) in
// __tests__/redis/redis-cache-store.test.ts, each with its own factory:
//
//   describeCacheStoreContract('redis (node-redis)', async () => ({
//     store: createRedisCacheStore({ client, namespace: `test:${randomUUID()}` }),
//     advance: (ms) => new Promise((r) => setTimeout(r, ms + 10)), // real time: keep ttl small
//   }), 50);
//
// Entries are readonly (the interface says so): a store may hand back the very object it was
// given (the memory store does), so "get returns a copy" is no part of the contract.
import type { CacheEntry, CacheStore } from '../../../src/resilience';

export interface CacheStoreFixture {
  readonly store: CacheStore;
  /** Lets `ms` pass on the store's clock (real time for a server store: keep `ms` small). */
  advance(ms: number): Promise<void>;
  dispose?(): Promise<void>;
}

export const sampleEntry = (
  body = '{"id":1}',
  overrides: Partial<CacheEntry> = {},
): CacheEntry => ({
  status: 200,
  statusText: 'OK',
  headers: { 'content-type': 'application/json', etag: '"v1"' },
  body,
  encoding: 'text',
  storedAt: 1_700_000_000_000,
  expiresAt: 1_700_000_060_000,
  staleUntil: 1_700_000_120_000,
  ...overrides,
});

/**
 * `ttl` is the lifetime the suite gives entries that must expire (the suite advances past it);
 * entries that must stay get a minute.
 */
export function describeCacheStoreContract(
  name: string,
  fixture: () => Promise<CacheStoreFixture>,
  ttl = 1_000,
): void {
  describe(`${name} keeps the CacheStore contract`, () => {
    let f: CacheStoreFixture;
    const KEEP = 60_000;
    beforeEach(async () => {
      f = await fixture();
    });
    afterEach(async () => {
      await f.dispose?.();
    });

    test('what is set is got back equal (a JSON round trip of it), and an unknown key is a miss', async () => {
      const entry = sampleEntry();
      const bytes = sampleEntry('AAEC/w==', { encoding: 'base64', headers: {} });
      await f.store.set('k:1', entry, KEEP);
      await f.store.set('k:bytes', bytes, KEEP);

      expect(await f.store.get('k:1')).toEqual(JSON.parse(JSON.stringify(entry)));
      expect(await f.store.get('k:bytes')).toEqual(JSON.parse(JSON.stringify(bytes)));
      expect(await f.store.get('k:2')).toBeUndefined();
    });

    test('an entry is gone once its ttlMs has passed; a longer one stays', async () => {
      await f.store.set('short', sampleEntry('1'), ttl);
      await f.store.set('long', sampleEntry('2'), KEEP);
      await f.advance(ttl + 1);

      expect(await f.store.get('short')).toBeUndefined();
      expect((await f.store.get('long'))?.body).toBe('2');
    });

    test('a ttlMs of 0 (or less) keeps nothing, and drops what was there', async () => {
      await f.store.set('k:0', sampleEntry('1'), 0);
      await f.store.set('k:neg', sampleEntry('1'), -5);
      await f.store.set('k:1', sampleEntry('1'), KEEP);
      await f.store.set('k:1', sampleEntry('2'), 0);

      expect(await f.store.get('k:0')).toBeUndefined();
      expect(await f.store.get('k:neg')).toBeUndefined();
      expect(await f.store.get('k:1')).toBeUndefined();
    });

    test('set replaces, delete removes one key, clear removes them all', async () => {
      await f.store.set('k:1', sampleEntry('a'), KEEP);
      await f.store.set('k:1', sampleEntry('b'), KEEP);
      await f.store.set('k:2', sampleEntry('c'), KEEP);
      await f.store.set('k:3', sampleEntry('d'), KEEP);
      expect((await f.store.get('k:1'))?.body).toBe('b');
      await f.store.delete('k:1');
      expect(await f.store.get('k:1')).toBeUndefined();
      expect((await f.store.get('k:2'))?.body).toBe('c');
      await f.store.clear();
      expect(await f.store.get('k:2')).toBeUndefined();
      expect(await f.store.get('k:3')).toBeUndefined();
    });

    test('keys are opaque strings: separators, globs, spaces and unicode stay distinct', async () => {
      const keys = ['a:b', 'a*', 'a?', '[a]', 'a\\', 'ключ', 'a b', ''];
      for (const [i, key] of keys.entries()) await f.store.set(key, sampleEntry(String(i)), KEEP);

      for (const [i, key] of keys.entries()) expect((await f.store.get(key))?.body).toBe(String(i));
      await f.store.delete('a*');
      expect((await f.store.get('a?'))?.body).toBe('2');
    });
  });
}
