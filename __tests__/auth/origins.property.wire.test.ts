// The rule everything rests on, on the wire: for generated baseURLs, allowedOrigins, request
// URLs and redirect chains across several real servers (several origins: two ports on
// 127.0.0.1, the same server named localhost, and [::1] where there is IPv6), a server receives
// the credentials on a hop only if that hop's origin is allowed, and every hop before it was.
// Allowed means the instance's baseURL or allowedOrigins, never a request's own baseURL.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import axios from 'axios';
import fc from 'fast-check';
import { attachAuth, createClient, isConfigurationError } from '../../src';
import { hasFetchAdapter } from '../helpers/axios-features';
import { runs } from '../helpers/property';

const TOKEN = 'prop-token-s3cr3t';
const KEY = 'prop-key-s3cr3t';
const STATUSES = [301, 302, 303, 307, 308] as const;

interface Hop {
  readonly origin: string;
  readonly status: (typeof STATUSES)[number];
}
interface Received {
  readonly run: number;
  readonly index: number;
  /** The origin the client addressed: from the Host header. */
  readonly origin: string;
  readonly token: string | undefined;
  readonly key: string | undefined;
  readonly queryKey: string | null;
}

const chains = new Map<number, readonly Hop[]>();
const received: Received[] = [];
const servers: http.Server[] = [];
let origins: string[] = [];

// Each hop of run n is /r/<n>/<index>: it redirects to the chain's next origin, or answers ok.
const handler: http.RequestListener = (req, res) => {
  const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
  const [, , run, index] = url.pathname.split('/').map(Number);
  const header = (name: string) => {
    const value = req.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  };
  received.push({
    run: run!,
    index: index!,
    origin: url.origin,
    token: header('authorization'),
    key: header('x-api-key'),
    queryKey: url.searchParams.get('api_key'),
  });
  req.resume();
  const next = chains.get(run!)?.[index!];
  if (next === undefined) {
    res.end('ok');
    return;
  }
  res.writeHead(next.status, { location: `${next.origin}/r/${run}/${index! + 1}` });
  res.end();
};

async function listen(host: string): Promise<number | undefined> {
  const server = http.createServer(handler);
  server.keepAliveTimeout = 1;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, host, resolve);
    });
  } catch {
    return undefined; // no IPv6 here
  }
  servers.push(server);
  return (server.address() as AddressInfo).port;
}

// Whether a name reaches the server behind it from this machine, with both adapters.
async function reachable(origin: string): Promise<boolean> {
  const adapters = hasFetchAdapter ? (['http', 'fetch'] as const) : (['http'] as const);
  const results = await Promise.allSettled(
    adapters.map((adapter) => axios.get(`${origin}/probe/-1/0`, { adapter, timeout: 30_000 })),
  );
  return results.every((result) => result.status === 'fulfilled');
}

beforeAll(async () => {
  const [a, b] = [await listen('127.0.0.1'), await listen('127.0.0.1')];
  const v6 = await listen('::1');
  const candidates = [
    `http://127.0.0.1:${a}`,
    `http://localhost:${a}`,
    `http://127.0.0.1:${b}`,
    ...(v6 === undefined ? [] : [`http://[::1]:${v6}`]),
  ];
  const usable = await Promise.all(candidates.map(reachable));
  origins = candidates.filter((_, i) => usable[i]);
  received.length = 0;
}, 60_000);

afterAll(() =>
  Promise.all(
    servers.map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  ),
);

// Indexes into `origins`, which is known only once the servers listen.
const originIndex = fc.nat({ max: 3 });
const scenario = fc.record({
  baseURL: fc.option(originIndex, { nil: undefined }),
  allowed: fc.oneof(
    { weight: 9, arbitrary: fc.uniqueArray(originIndex, { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.constant('*' as const) },
  ),
  relative: fc.boolean(),
  // A relative url's own baseURL, now and then: it allows nothing by itself.
  requestBase: fc.option(originIndex, { nil: undefined, freq: 3 }),
  first: originIndex,
  chain: fc.array(fc.record({ to: originIndex, status: fc.constantFrom(...STATUSES) }), {
    maxLength: 3,
  }),
  queryKey: fc.boolean(),
  attach: fc.boolean(),
  // Now and then an entry with a path, which names no origin: refused at setup.
  withPath: fc.oneof(
    { weight: 9, arbitrary: fc.constant('') },
    { weight: 1, arbitrary: fc.constantFrom('/v1', '/?x', '#f') },
  ),
});

let lastRun = 0;

describe.each(['http', 'fetch'] as const)('with the %s adapter', (adapter) => {
  const testIf = adapter === 'fetch' && !hasFetchAdapter ? test.skip : test;

  testIf(
    'a hop receives the credentials only if its origin and every one before it are allowed',
    async () => {
      expect(origins.length).toBeGreaterThanOrEqual(3);
      const at = (i: number) => origins[i % origins.length]!;
      await fc.assert(
        fc.asyncProperty(scenario, async (s) => {
          const run = ++lastRun;
          const baseURL = s.baseURL === undefined ? undefined : at(s.baseURL);
          const allowedOrigins = s.allowed === '*' ? '*' : s.allowed.map(at);
          const given =
            s.withPath === '' || allowedOrigins === '*' || allowedOrigins.length === 0
              ? allowedOrigins
              : [...allowedOrigins.slice(1), `${allowedOrigins[0]}${s.withPath}`];
          const auth = {
            authToken: TOKEN,
            apiKey: KEY,
            apiKeyQueryParam: s.queryKey ? 'api_key' : undefined,
            allowedOrigins: given.length === 0 ? undefined : given,
          };
          let api;
          try {
            if (s.attach) {
              api = axios.create({ baseURL, adapter });
              attachAuth(api, auth);
            } else {
              api = createClient({ baseURL, adapter, ...auth });
            }
          } catch (error) {
            // No baseURL and no allowedOrigins, or an entry with a path: refused before anything
            // can be sent.
            expect(isConfigurationError(error)).toBe(true);
            expect(given !== allowedOrigins || (baseURL === undefined && given.length === 0)).toBe(
              true,
            );
            return;
          }
          expect(given).toBe(allowedOrigins);
          const path = `/r/${run}/0`;
          const requestBase = s.requestBase === undefined ? baseURL : at(s.requestBase);
          const relative = s.relative && requestBase !== undefined;
          const firstOrigin = relative ? requestBase : at(s.first);
          chains.set(
            run,
            s.chain.map((hop) => ({ origin: at(hop.to), status: hop.status })),
          );
          await (relative
            ? api.get(path, { baseURL: requestBase })
            : api.get(`${firstOrigin}${path}`));
          chains.delete(run);

          const hops = [firstOrigin, ...s.chain.map((hop) => at(hop.to))];
          const allowed = (origin: string) =>
            allowedOrigins === '*' || origin === baseURL || allowedOrigins.includes(origin);
          const got = received.filter((r) => r.run === run).sort((x, y) => x.index - y.index);
          expect(got.map((r) => r.origin)).toEqual(hops);
          got.forEach((hop, i) => {
            const expected = hops.slice(0, i + 1).every(allowed);
            expect({
              hop: i,
              origin: hop.origin,
              token: hop.token,
              key: s.queryKey ? hop.queryKey : hop.key,
            }).toEqual({
              hop: i,
              origin: hops[i],
              token: expected ? `Bearer ${TOKEN}` : undefined,
              key: expected ? KEY : s.queryKey ? null : undefined,
            });
            if (s.queryKey) expect(hop.key).toBeUndefined();
          });
        }),
        runs(100),
      );
    },
    120_000,
  );
});
