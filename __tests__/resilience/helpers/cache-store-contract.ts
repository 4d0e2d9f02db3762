// The contract every CacheStore must keep, as a reusable suite: memoryStore runs it in
// memory-store.test.ts; a shared store (Redis) runs the same with its own factory.
import type { CacheEntry, CacheStore } from '../../../src/resilience';

export interface CacheStoreFixture {
  readonly store: CacheStore;
  /** Lets `ms` pass on the store's clock (real time for a server store: keep `ms` small). */
  advance(ms: number): Promise<void>;
  dispose?(): Promise<void>;
}

export const sampleEntry = (body = '{"id":1}'): CacheEntry => ({
  status: 200,
  statusText: 'OK',
  headers: { 'content-type': 'application/json' },
  body,
  encoding: 'text',
  storedAt: 1,
  expiresAt: 2,
  staleUntil: 3,
});

export function describeCacheStoreContract(
  name: string,
  fixture: () => Promise<CacheStoreFixture>,
  ttl = 1_000,
): void {
  describe(`${name} keeps the CacheStore contract`, () => {
    let f: CacheStoreFixture;
    beforeEach(async () => {
      f = await fixture();
    });
    afterEach(async () => {
      await f.dispose?.();
    });

    test('what is set is got back equal (a JSON round trip of it)', async () => {
      const entry = sampleEntry();
      await f.store.set('k:1', entry, ttl);
      expect(await f.store.get('k:1')).toEqual(JSON.parse(JSON.stringify(entry)));
      expect(await f.store.get('k:2')).toBeUndefined();
    });

    test('an entry is gone once its ttlMs has passed', async () => {
      await f.store.set('k:1', sampleEntry(), ttl);
      await f.advance(ttl + 1);
      expect(await f.store.get('k:1')).toBeUndefined();
    });

    test('set replaces, delete removes one key, clear removes them all', async () => {
      await f.store.set('k:1', sampleEntry('a'), ttl);
      await f.store.set('k:1', sampleEntry('b'), ttl);
      await f.store.set('k:2', sampleEntry('c'), ttl);
      expect((await f.store.get('k:1'))?.body).toBe('b');
      await f.store.delete('k:1');
      expect(await f.store.get('k:1')).toBeUndefined();
      expect((await f.store.get('k:2'))?.body).toBe('c');
      await f.store.clear();
      expect(await f.store.get('k:2')).toBeUndefined();
    });
  });
}
