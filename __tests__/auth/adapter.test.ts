import axios, { type InternalAxiosRequestConfig } from 'axios';
import { pickAdapter } from '../../src/auth/adapter';

const config = (extra: object = {}) => ({ headers: {}, ...extra }) as InternalAxiosRequestConfig;

describe('resolving the adapter a request would have used', () => {
  test("axios's default list resolves to the http adapter in Node, not fetch", () => {
    const resolved = pickAdapter(['xhr', 'http', 'fetch'], config());
    expect(resolved.isHttp).toBe(true);
    expect(resolved.send).toBe(axios.getAdapter('http'));
  });

  test('a fresh copy of the same list gets the remembered answer (no probing per request)', () => {
    const spy = jest.spyOn(axios, 'getAdapter');
    const first = pickAdapter(['xhr', 'http'], config());
    spy.mockClear();
    const again = pickAdapter(['xhr', 'http'], config());
    const viaName = pickAdapter(['fetch'], config());
    const backAgain = pickAdapter(['xhr', 'http'], config());
    expect(again).toBe(first);
    expect(backAgain).toBe(first);
    expect(viaName.isHttp).toBe(false);
    expect(spy).toHaveBeenCalledTimes(1); // only for the new ['fetch'] list
    spy.mockRestore();
  });

  test("'fetch' by name is told apart, so its redirects can be followed safely", () => {
    expect(pickAdapter('fetch', config()).isHttp).toBe(false);
    expect(pickAdapter(['fetch', 'http'], config()).isHttp).toBe(false);
  });

  test("only axios's http adapter itself is taken for http: a function wrapping it is not", () => {
    const http = axios.getAdapter('http');
    expect(pickAdapter('http', config()).isHttp).toBe(true);
    expect(pickAdapter(http, config()).isHttp).toBe(true);
    expect(pickAdapter((c: InternalAxiosRequestConfig) => http(c), config()).isHttp).toBe(false);
  });

  test('a function is used as it is', () => {
    const custom = jest.fn();
    expect(pickAdapter(custom, config())).toEqual({ send: custom, isHttp: false });
    expect(pickAdapter([custom, 'http'], config()).send).toBe(custom);
  });

  test('a custom fetch environment is resolved anew, never from the cache', () => {
    const spy = jest.spyOn(axios, 'getAdapter');
    pickAdapter('fetch', config({ env: { fetch: globalThis.fetch } }));
    pickAdapter('fetch', config({ env: { fetch: globalThis.fetch } }));
    expect(spy).toHaveBeenCalledTimes(2);
    spy.mockRestore();
  });

  test('no setting falls back to the defaults; an unknown name is axios’s own error', () => {
    expect(pickAdapter(undefined, config()).isHttp).toBe(true);
    expect(() => pickAdapter('carrier-pigeon' as never, config())).toThrow(/adapter/i);
  });
});
