import axios, { type InternalAxiosRequestConfig } from 'axios';
import { resolveAdapter } from '../../src/auth/adapter';

const config = (extra: object = {}) => ({ headers: {}, ...extra }) as InternalAxiosRequestConfig;

describe('resolving the adapter a request would have used', () => {
  test("axios's default list resolves to the http adapter in Node, not fetch", () => {
    const resolved = resolveAdapter(['xhr', 'http', 'fetch'], config());
    expect(resolved.isFetch).toBe(false);
    expect(resolved.send).toBe(axios.getAdapter('http'));
  });

  test('a fresh copy of the same list gets the remembered answer (no probing per request)', () => {
    const spy = jest.spyOn(axios, 'getAdapter');
    const first = resolveAdapter(['xhr', 'http'], config());
    spy.mockClear();
    const again = resolveAdapter(['xhr', 'http'], config());
    const viaName = resolveAdapter(['fetch'], config());
    const backAgain = resolveAdapter(['xhr', 'http'], config());
    expect(again).toBe(first);
    expect(backAgain).toBe(first);
    expect(viaName.isFetch).toBe(true);
    expect(spy).toHaveBeenCalledTimes(1); // only for the new ['fetch'] list
    spy.mockRestore();
  });

  test("'fetch' by name is told apart, so its redirects can be followed safely", () => {
    expect(resolveAdapter('fetch', config()).isFetch).toBe(true);
    expect(resolveAdapter(['fetch', 'http'], config()).isFetch).toBe(true);
  });

  test('a function is used as it is', () => {
    const custom = jest.fn();
    expect(resolveAdapter(custom, config())).toEqual({ send: custom, isFetch: false });
    expect(resolveAdapter([custom, 'http'], config()).send).toBe(custom);
  });

  test('a custom fetch environment is resolved anew, never from the cache', () => {
    const spy = jest.spyOn(axios, 'getAdapter');
    resolveAdapter('fetch', config({ env: { fetch: globalThis.fetch } }));
    resolveAdapter('fetch', config({ env: { fetch: globalThis.fetch } }));
    expect(spy).toHaveBeenCalledTimes(2);
    spy.mockRestore();
  });

  test('no setting falls back to the defaults; an unknown name is axios’s own error', () => {
    expect(resolveAdapter(undefined, config()).isFetch).toBe(false);
    expect(() => resolveAdapter('carrier-pigeon' as never, config())).toThrow(/adapter/i);
  });
});
