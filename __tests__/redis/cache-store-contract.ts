// What every CacheStore promises the cache layer, as tests any store can run:
// `describeCacheStoreContract('memory', () => memoryStore())`. Time is real but short: a store
// that takes `ttlMs` may keep an entry at most that long, and the tests wait for that.
import type { CacheEntry, CacheStore } from '../../src/resilience/cache-store';

export const entry = (body: string, overrides: Partial<CacheEntry> = {}): CacheEntry => ({
  status: 200,
  statusText: 'OK',
  headers: { 'content-type': 'application/json', etag: '"v1"' },
  body,
  encoding: 'json',
  storedAt: 1_700_000_000_000,
  expiresAt: 1_700_000_060_000,
  staleUntil: 1_700_000_120_000,
  ...overrides,
});

export function describeCacheStoreContract(
  name: string,
  makeStore: () => Promise<CacheStore>,
): void {
  describe(`CacheStore contract: ${name}`, () => {
    let store: CacheStore;
    beforeEach(async () => {
      store = await makeStore();
    });

    test('get returns what set stored, equal to its JSON round trip, and undefined for an unknown key', async () => {
      const stored = entry('{"id":1}', { encoding: 'base64', headers: {} });
      await store.set('k1', stored, 60_000);

      expect(await store.get('k1')).toEqual(JSON.parse(JSON.stringify(stored)));
      expect(await store.get('unknown')).toBeUndefined();
    });

    test('what get returns is a copy: changing it changes nothing stored', async () => {
      await store.set('k1', entry('{"id":1}'), 60_000);
      const first = (await store.get('k1')) as { headers: Record<string, string> };
      first.headers.etag = 'changed';

      expect((await store.get('k1'))?.headers.etag).toBe('"v1"');
    });

    test('set replaces, delete removes one key only', async () => {
      await store.set('k1', entry('1'), 60_000);
      await store.set('k1', entry('2'), 60_000);
      await store.set('k2', entry('3'), 60_000);
      await store.delete('k1');

      expect(await store.get('k1')).toBeUndefined();
      expect((await store.get('k2'))?.body).toBe('3');
    });

    test('an entry is gone after its ttlMs', async () => {
      await store.set('short', entry('1'), 50);
      await store.set('long', entry('2'), 60_000);
      await new Promise((resolve) => setTimeout(resolve, 120));

      expect(await store.get('short')).toBeUndefined();
      expect((await store.get('long'))?.body).toBe('2');
    });

    test('a ttlMs of 0 keeps nothing', async () => {
      await store.set('k1', entry('1'), 0);

      expect(await store.get('k1')).toBeUndefined();
    });

    test('clear removes every entry of the store', async () => {
      await store.set('k1', entry('1'), 60_000);
      await store.set('k2', entry('2'), 60_000);
      await store.clear();

      expect(await store.get('k1')).toBeUndefined();
      expect(await store.get('k2')).toBeUndefined();
    });

    test('keys are opaque strings: separators, globs and unicode stay distinct', async () => {
      const keys = ['a:b', 'a*', 'a?', '[a]', 'ключ', 'a b'];
      for (const [i, key] of keys.entries()) await store.set(key, entry(String(i)), 60_000);

      for (const [i, key] of keys.entries()) expect((await store.get(key))?.body).toBe(String(i));
    });
  });
}
