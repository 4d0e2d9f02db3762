// An AxiosError the package passes on holds the caller's config, for a retry library to re-send.
// What the caller put there themselves (an `auth` password, a Cookie, a Proxy-Authorization, an
// api key in params) must not print, yet must still go out with the re-send.
import util from 'node:util';
import axios, { type AxiosRequestConfig } from 'axios';
import { createClient } from '../../src';
import { hasFetchAdapter } from '../helpers/axios-features';
import { printings } from '../helpers/printings';
import { useServer } from '../helpers/server';

const MARK = 'ca11er-0wn';
const PASSWORD = `password-${MARK}-auth`;
const COOKIE = `session=${MARK}-cookie`;
const PROXY = `Basic ${MARK}-proxy`;
const KEY = `key-${MARK}-param`;

type Adapter = 'http' | 'fetch';

/** Every printing of an error, and of the config it passes on. */
const printingsOf = (error: unknown): Record<string, string> => ({
  ...printings(error),
  'JSON.stringify': JSON.stringify(error),
  'util.inspect of error.config': util.inspect((error as { config?: unknown }).config),
});

describe.each<Adapter>(['http', 'fetch'])('with the %s adapter', (adapter) => {
  const describeIf = adapter === 'fetch' && !hasFetchAdapter ? describe.skip : describe;
  let failing = true;
  const server = useServer((_req, res) => {
    res.statusCode = failing ? 503 : 200;
    res.end('done');
  });

  describeIf('a failed request with the caller’s own secrets on it', () => {
    test('prints none of them, and error.config re-sends them all', async () => {
      failing = true;
      const api = createClient({ baseURL: server.origin, adapter, apiKey: `key-${MARK}-ours` });
      const own: AxiosRequestConfig = {
        auth: { username: 'me', password: PASSWORD },
        headers: { Cookie: COOKIE, 'Proxy-Authorization': PROXY },
        params: { api_key: KEY },
      };

      const error: unknown = await api.get('/report', own).catch((e: unknown) => e);

      expect(axios.isAxiosError(error)).toBe(true);
      if (!axios.isAxiosError(error)) return;
      for (const [how, text] of Object.entries(printingsOf(error))) {
        expect({ how, leaks: text.includes(MARK) }).toEqual({ how, leaks: false });
      }

      failing = false;
      const retried = await api.request(error.config!);
      expect(retried.data).toBe('done');
      const basic = `Basic ${Buffer.from(`me:${PASSWORD}`).toString('base64')}`;
      const [first, second] = server.requests;
      for (const sent of [first!, second!]) {
        expect(sent.url).toBe(`/report?api_key=${KEY}`);
        expect(sent.headers.cookie).toBe(COOKIE);
        expect(sent.headers['proxy-authorization']).toBe(PROXY);
        expect(sent.headers.authorization).toBe(basic);
        expect(sent.headers['x-api-key']).toBe(`key-${MARK}-ours`);
      }
    });

    test('cancelled while its provider resolves, or sent without credentials, it prints none of them either', async () => {
      failing = true;
      const api = createClient({
        baseURL: server.origin,
        adapter,
        // Never answers: the request is cancelled while it waits.
        authToken: () => new Promise<string>(() => undefined),
      });
      const own = { auth: { username: 'me', password: PASSWORD }, headers: { Cookie: COOKIE } };
      const controller = new AbortController();

      const waiting = api.get('/report', { ...own, signal: controller.signal });
      controller.abort();
      const cancelled: unknown = await waiting.catch((e: unknown) => e);
      const bare: unknown = await api
        .get('/report', { ...own, skipAuth: true })
        .catch((e: unknown) => e);

      expect(axios.isCancel(cancelled)).toBe(true);
      expect(axios.isAxiosError(bare) && bare.response?.status).toBe(503);
      for (const error of [cancelled, bare]) {
        for (const [how, text] of Object.entries(printingsOf(error))) {
          expect({ how, leaks: text.includes(MARK) }).toEqual({ how, leaks: false });
        }
      }
      expect(server.requests.map((r) => r.headers.cookie)).toEqual([COOKIE]);
    });
  });
});
