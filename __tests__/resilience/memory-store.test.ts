import { ConfigurationError, memoryStore } from '../../src/index';
import { describeCacheStoreContract, sampleEntry } from './helpers/cache-store-contract';

describeCacheStoreContract('memoryStore', async () => {
  let now = 0;
  return { store: memoryStore({ now: () => now }), advance: async (ms) => void (now += ms) };
});

test('LRU with maxEntries: 2 — set a, set b, get a, set c: b is evicted', () => {
  const store = memoryStore({ maxEntries: 2 });
  store.set('a', sampleEntry('a'), 60_000);
  store.set('b', sampleEntry('b'), 60_000);
  store.get('a');
  store.set('c', sampleEntry('c'), 60_000);
  expect([store.get('a')?.body, store.get('b'), store.get('c')?.body]).toEqual([
    'a',
    undefined,
    'c',
  ]);
});

test('rewriting a key makes it the most recent, and a miss stores nothing', () => {
  const store = memoryStore({ maxEntries: 2 });
  store.set('a', sampleEntry('a'), 60_000);
  store.set('b', sampleEntry('b'), 60_000);
  for (let i = 0; i < 100; i++) expect(store.get(`missing-${i}`)).toBeUndefined();
  store.set('a', sampleEntry('a2'), 60_000);
  store.set('c', sampleEntry('c'), 60_000);
  expect([store.get('a')?.body, store.get('b'), store.get('c')?.body]).toEqual([
    'a2',
    undefined,
    'c',
  ]);
});

test('holds at most maxEntries (default 1,000)', () => {
  const store = memoryStore();
  for (let i = 0; i < 1_500; i++) store.set(`k${i}`, sampleEntry(), 60_000);
  const kept = Array.from({ length: 1_500 }, (_, i) => store.get(`k${i}`)).filter(Boolean);
  expect(kept).toHaveLength(1_000);
  expect(store.get('k499')).toBeUndefined();
  expect(store.get('k500')).toBeDefined();
});

test.each([0, -1, 1.5, Number.NaN, '10'])(
  'maxEntries: %p is a ConfigurationError',
  (maxEntries) => {
    expect(() => memoryStore({ maxEntries: maxEntries as number })).toThrow(ConfigurationError);
    expect(() => memoryStore({ maxEntries: maxEntries as number })).toThrow(
      /maxEntries must be a whole number/,
    );
  },
);
