// No URL the package puts in an error carries the api key: a redirect to a malformed Location
// makes Node's URL error keep the URL it was resolved against (`base`), query key and all.
import util from 'node:util';
import axios from 'axios';
import { createClient } from '../../src';
import { hasFetchAdapter } from '../helpers/axios-features';
import { useServer } from '../helpers/server';

const MARK = 'ur1-k3y-in-query';
const KEY = `key-${MARK}-long`;

type Adapter = 'http' | 'fetch';

/** Every error of the chain, cause by cause. */
function chainOf(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = error; e instanceof Object && !chain.includes(e); e = (e as Error).cause)
    chain.push(e);
  return chain;
}

const printings = (error: unknown): Record<string, string> => ({
  'util.inspect': util.inspect(error),
  'util.inspect depth Infinity': util.inspect(error, { depth: Infinity }),
  'util.inspect depth Infinity showHidden': util.inspect(error, {
    depth: Infinity,
    showHidden: true,
  }),
  // Each error of the chain as a log line prints it (jest's realm hides a copied cause from a
  // plain util.inspect, where Node's console would print it).
  ...Object.fromEntries(
    chainOf(error).flatMap((e, depth) => [
      [`String of cause ${depth}`, String(e)],
      [`stack of cause ${depth}`, String((e as Error).stack)],
      [`inspect of cause ${depth}`, util.inspect(e, { depth: Infinity })],
    ]),
  ),
});

describe.each<Adapter>(['http', 'fetch'])('with the %s adapter', (adapter) => {
  const describeIf = adapter === 'fetch' && !hasFetchAdapter ? describe.skip : describe;
  const server = useServer((req, res) => {
    // /hop goes on to /bad on the same origin (the key goes with it); /bad names a malformed URL.
    res.writeHead(302, { location: req.url?.startsWith('/hop') ? '/bad' : 'http://[::1' });
    res.end();
  });

  describeIf.each([
    ['a parameter name of its own', 'k'],
    ['a conventional parameter name', 'api_key'],
  ])('an api key query parameter with %s', (_name, param) => {
    test.each([
      ['on the first hop', '/bad'],
      ['after a same-origin hop', '/hop'],
    ])(
      'a redirect to a malformed Location %s leaves the key in no printed URL',
      async (_when, path) => {
        const api = createClient({
          baseURL: server.origin,
          adapter,
          apiKey: KEY,
          apiKeyQueryParam: param,
        });

        const error: unknown = await api.get(path).catch((e: unknown) => e);

        expect(axios.isAxiosError(error)).toBe(true);
        expect(server.requests[server.requests.length - 1]!.url).toBe(`/bad?${param}=${KEY}`);
        for (const [how, text] of Object.entries(printings(error))) {
          expect({ how, leaks: text.includes(MARK) }).toEqual({ how, leaks: false });
        }
      },
    );
  });
});
