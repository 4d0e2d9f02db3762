import axios, { type InternalAxiosRequestConfig } from 'axios';
import { attachAuth, ConfigurationError, createClient, syncClient } from '../../src';
import { allOf, useServer } from '../helpers/server';

const server = useServer();
const other = useServer();

const auth = (i = 0, s = server) => s.requests[i]!.headers.authorization;

describe('attachAuth on an instance you already have', () => {
  test('the instance defaults and the global axios are never changed', async () => {
    const api = axios.create({ baseURL: server.origin, headers: { 'X-Team': 'a' } });
    const before = JSON.stringify(api.defaults.headers);
    const globalBefore = JSON.stringify(axios.defaults.headers);
    attachAuth(api, { authToken: 't', apiKey: 'k' });
    await api.get('/');
    expect(JSON.stringify(api.defaults.headers)).toBe(before);
    expect(JSON.stringify(axios.defaults.headers)).toBe(globalBefore);
    expect(api.defaults.adapter).toEqual(axios.defaults.adapter);
  });

  test('two instances with different credentials never see each other’s headers', async () => {
    const a = createClient({ baseURL: server.origin, authToken: 'token-a' });
    const b = createClient({ baseURL: server.origin, apiKey: 'key-b' });
    await allOf([a.get('/a'), b.get('/b'), a.get('/a'), b.get('/b')]);
    for (const r of server.requests) {
      if (r.url === '/a') expect(r.headers).toMatchObject({ authorization: 'Bearer token-a' });
      if (r.url === '/a') expect(r.headers['x-api-key']).toBeUndefined();
      if (r.url === '/b') expect(r.headers.authorization).toBeUndefined();
      if (r.url === '/b') expect(r.headers['x-api-key']).toBe('key-b');
    }
    // and the global axios sends nothing
    await axios.get(`${server.origin}/plain`);
    expect(server.requests[4]!.headers.authorization).toBeUndefined();
    expect(server.requests[4]!.headers['x-api-key']).toBeUndefined();
  });

  test('attached to the global axios, then detached, it sends and then stops sending', async () => {
    const detach = attachAuth(axios, { authToken: 'global', allowedOrigins: [server.origin] });
    try {
      await axios.get(`${server.origin}/`);
      expect(auth(0)).toBe('Bearer global');
    } finally {
      detach();
    }
    await axios.get(`${server.origin}/`);
    expect(auth(1)).toBeUndefined();
    detach(); // a second call is harmless
  });

  test('after detach, re-sending the config of an earlier failure sends no credentials either', async () => {
    server.handle((_req, res) => {
      res.statusCode = 500;
      res.end();
    });
    const api = axios.create({ baseURL: server.origin });
    const detach = attachAuth(api, { authToken: 't' });
    const error = await api.get('/').catch((e: unknown) => e as import('axios').AxiosError);
    detach();
    server.handle((_req, res) => res.end('ok'));
    await api.request(error.config!);
    expect(auth(0)).toBe('Bearer t');
    expect(auth(1)).toBeUndefined();
  });

  test('a header the caller set on the request wins', async () => {
    const api = createClient({ baseURL: server.origin, authToken: 'ours', apiKey: 'ours' });
    await api.get('/', { headers: { authorization: 'Basic theirs', 'X-API-KEY': 'theirs' } });
    expect(server.requests[0]!.headers).toMatchObject({
      authorization: 'Basic theirs',
      'x-api-key': 'theirs',
    });
  });

  test('the caller’s own header wins and the provider is not even asked', async () => {
    const provider = jest.fn(() => 'ours');
    const api = createClient({ baseURL: server.origin, authToken: provider });
    await api.get('/', { headers: { Authorization: 'Bearer theirs' } });
    expect(provider).not.toHaveBeenCalled();
  });

  test('skipAuth: true sends no credentials and asks no provider', async () => {
    const provider = jest.fn(() => 'ours');
    const api = createClient({ baseURL: server.origin, authToken: provider, apiKey: 'k' });
    await api.get('/public', { skipAuth: true });
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
    expect(server.requests[0]!.headers['x-api-key']).toBeUndefined();
    expect(provider).not.toHaveBeenCalled();
  });

  test('attaching twice for overlapping origins is refused; after detach it is allowed', () => {
    const api = axios.create({ baseURL: server.origin });
    const detach = attachAuth(api, { authToken: 'a' });
    expect(() => attachAuth(api, { apiKey: 'b' })).toThrow(ConfigurationError);
    expect(() => attachAuth(api, { apiKey: 'b', allowedOrigins: '*' })).toThrow(
      /overlapping origin/,
    );
    detach();
    expect(() => attachAuth(api, { apiKey: 'b' })).not.toThrow();
  });

  test('two attachments for different origins on one instance each send only their own', async () => {
    const api = axios.create();
    attachAuth(api, { authToken: 'for-server', allowedOrigins: [server.origin] });
    attachAuth(api, { apiKey: 'for-other', allowedOrigins: [other.origin] });
    await api.get(`${server.origin}/`);
    await api.get(`${other.origin}/`);
    expect(server.requests[0]!.headers).toMatchObject({ authorization: 'Bearer for-server' });
    expect(server.requests[0]!.headers['x-api-key']).toBeUndefined();
    expect(other.requests[0]!.headers).toMatchObject({ 'x-api-key': 'for-other' });
    expect(other.requests[0]!.headers.authorization).toBeUndefined();
  });
});

describe('credentials go only to allowed origins', () => {
  test('an absolute URL to another origin gets no credentials (and the provider is not asked)', async () => {
    const provider = jest.fn(() => 't');
    const api = createClient({ baseURL: server.origin, authToken: provider, apiKey: 'k' });
    await api.get(`${other.origin}/steal`);
    expect(other.requests[0]!.headers.authorization).toBeUndefined();
    expect(other.requests[0]!.headers['x-api-key']).toBeUndefined();
    expect(provider).not.toHaveBeenCalled();
  });

  test('a per-request baseURL pointing elsewhere gets no credentials', async () => {
    const api = createClient({ baseURL: server.origin, authToken: 't' });
    await api.get('/x', { baseURL: other.origin });
    expect(auth(0, other)).toBeUndefined();
  });

  test('allowedOrigins as strings, RegExps or "*" widen where credentials go', async () => {
    const byString = createClient({
      baseURL: server.origin,
      authToken: 's',
      allowedOrigins: [other.origin],
    });
    const byRegExp = createClient({
      baseURL: server.origin,
      authToken: 'r',
      allowedOrigins: /^http:\/\/127\.0\.0\.1:\d+$/,
    });
    const anywhere = createClient({ authToken: 'a', allowedOrigins: '*' });
    await byString.get(`${other.origin}/`);
    await byRegExp.get(`${other.origin}/`);
    await anywhere.get(`${other.origin}/`);
    expect([auth(0, other), auth(1, other), auth(2, other)]).toEqual([
      'Bearer s',
      'Bearer r',
      'Bearer a',
    ]);
  });

  test('an origin given with a path is refused: it would allow every path of the origin', () => {
    expect(() =>
      createClient({ authToken: 't', allowedOrigins: [`${server.origin}/v1/`] }),
    ).toThrow(/origins have no path/);
    expect(server.requests).toHaveLength(0);
  });

  test('a relative URL on an instance allowed only by allowedOrigins gets none (no origin to check)', async () => {
    const api = createClient({ authToken: 't', allowedOrigins: [server.origin] });
    await expect(api.get('/relative')).rejects.toThrow();
    expect(server.requests).toHaveLength(0);
  });
});

describe('whatever the interceptor order and whatever other interceptors do', () => {
  // Older axios versions know only the LIFO order (and reject the option).
  const hasFifo = 'legacyInterceptorReqResOrdering' in (axios.defaults.transitional ?? {});
  const orders = [
    ['legacy LIFO', undefined],
    ...(hasFifo ? ([['FIFO', { legacyInterceptorReqResOrdering: false }]] as const) : []),
  ] as const;

  test.each(orders)(
    '%s: an interceptor added after attachAuth that points the request elsewhere sends no credentials',
    async (_name, transitional) => {
      const api = axios.create({
        baseURL: server.origin,
        ...(transitional ? { transitional } : {}),
      });
      attachAuth(api, { authToken: 't', apiKey: 'k' });
      api.interceptors.request.use((config) => {
        if (config.url === '/away') config.baseURL = other.origin;
        return config;
      });
      await api.get('/away');
      expect(other.requests[0]!.headers.authorization).toBeUndefined();
      expect(other.requests[0]!.headers['x-api-key']).toBeUndefined();
    },
  );

  test.each(orders)(
    '%s: an interceptor added before attachAuth that rewrites the config keeps credentials',
    async (_name, transitional) => {
      const api = axios.create({
        baseURL: other.origin,
        ...(transitional ? { transitional } : {}),
      });
      api.interceptors.request.use((config: InternalAxiosRequestConfig) => ({
        ...config,
        baseURL: server.origin,
      }));
      attachAuth(api, { authToken: 't', allowedOrigins: [server.origin] });
      api.interceptors.request.use(async (config) => {
        config.headers.set('X-Trace', '1');
        return config;
      });
      await api.get('/here');
      expect(server.requests[0]!.headers).toMatchObject({
        authorization: 'Bearer t',
        'x-trace': '1',
      });
    },
  );

  test.each(orders)(
    '%s: an interceptor that sets Authorization itself wins over ours',
    async (_name, transitional) => {
      const api = createClient({
        baseURL: server.origin,
        authToken: 'ours',
        ...(transitional ? { transitional } : {}),
      });
      api.interceptors.request.use((config) => {
        config.headers.Authorization = 'Bearer from-interceptor';
        return config;
      });
      await api.get('/');
      expect(auth(0)).toBe('Bearer from-interceptor');
    },
  );

  test('interceptors do not see the credentials (they are added at send time)', async () => {
    const seen: unknown[] = [];
    const api = createClient({ baseURL: server.origin, authToken: 'secret-t' });
    api.interceptors.request.use((config) => {
      seen.push(config.headers.Authorization);
      return config;
    });
    api.interceptors.response.use((response) => {
      seen.push(response.config.headers.Authorization);
      return response;
    });
    await api.get('/');
    expect(seen).toEqual([undefined, undefined]);
    expect(auth(0)).toBe('Bearer secret-t');
  });
});

describe('found in review', () => {
  test('the adapter of an authenticated config, copied onto another instance, sends without credentials', async () => {
    const api = createClient({ baseURL: server.origin, authToken: 't' });
    const { config } = await api.get('/first');
    const copy = axios.create({ baseURL: server.origin, adapter: config.adapter });

    await copy.get('/copied');

    expect(server.requests.map((r) => [r.url, r.headers.authorization])).toEqual([
      ['/first', 'Bearer t'],
      ['/copied', undefined],
    ]);
  });

  test('allowAbsoluteUrls: false with an absolute URL elsewhere sends nothing, whatever the axios version', async () => {
    // axios before 1.8.2 ignores allowAbsoluteUrls and sends to the absolute URL itself.
    const api = createClient({ baseURL: server.origin, authToken: 't', apiKey: 'k' });
    await api.get(`${other.origin}/x`, { allowAbsoluteUrls: false }).catch(() => undefined);
    const reached = [...server.requests, ...other.requests];
    expect(reached).toHaveLength(1);
    expect(reached[0]!.headers.authorization).toBeUndefined();
    expect(reached[0]!.headers['x-api-key']).toBeUndefined();
  });

  test("a declared call's credentials win over those attached to the instance it sends through", async () => {
    const instance = axios.create({ baseURL: server.origin });
    const instanceToken = jest.fn(() => 'instance-token');
    attachAuth(instance, { authToken: instanceToken, apiKey: 'instance-key' });
    const getData = syncClient({ client: instance, url: '/data', authToken: 'declared-token' })(
      function getData() {},
    );

    await getData();

    expect(server.requests[0]!.headers).toMatchObject({
      authorization: 'Bearer declared-token',
      'x-api-key': 'instance-key', // what the declaration does not set, the instance still fills
    });
    expect(instanceToken).not.toHaveBeenCalled();
  });
});
