// An adapter that is not axios's http adapter gets each hop with redirect: 'manual' and
// maxRedirects: 0; the first hop is the caller's own config, set for the send and put back
// before anyone else sees it, so nothing of the per-hop settings leaks into what the caller,
// its interceptors or a retry library see afterwards.
import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { createClient } from '../../src';

interface Seen {
  readonly config: InternalAxiosRequestConfig;
  readonly maxRedirects: unknown;
  readonly redirect: unknown;
  readonly validates302: boolean;
  readonly authorization: unknown;
}

function adapterAnswering(statuses: { status: number; location?: string }[], seen: Seen[]) {
  return (config: InternalAxiosRequestConfig): Promise<AxiosResponse> => {
    seen.push({
      config,
      maxRedirects: config.maxRedirects,
      redirect: (config.fetchOptions as { redirect?: unknown } | undefined)?.redirect,
      validates302: config.validateStatus?.(302) === true,
      authorization: config.headers.get('authorization'),
    });
    const { status, location } = statuses[seen.length - 1]!;
    return Promise.resolve({
      data: { hop: seen.length },
      status,
      statusText: '',
      headers: location ? { location } : {},
      config,
      request: null,
    });
  };
}

test("each hop is sent with redirect 'manual' and maxRedirects 0; the caller's config gets its own values back", async () => {
  const seen: Seen[] = [];
  const validateStatus = (status: number) => status < 300;
  const api = createClient({
    baseURL: 'http://127.0.0.1:9',
    authToken: 'secret-token',
    maxRedirects: 5,
    validateStatus,
    adapter: adapterAnswering([{ status: 200 }], seen),
  });

  const response = await api.get('/me');

  expect(response.data).toEqual({ hop: 1 });
  expect(seen).toMatchObject([
    {
      maxRedirects: 0,
      redirect: 'manual',
      validates302: true,
      authorization: 'Bearer secret-token',
    },
  ]);
  const config = seen[0]!.config;
  expect(config.maxRedirects).toBe(5);
  expect(config.validateStatus).toBe(validateStatus);
  expect(Object.hasOwn(config, 'fetchOptions')).toBe(false);
  expect(config.headers.get('authorization')).toBeUndefined();
});

test('a redirect to the same origin is followed with the credentials; a status the caller refuses rejects with its own config', async () => {
  const seen: Seen[] = [];
  const api = createClient({
    baseURL: 'http://127.0.0.1:9',
    authToken: 'secret-token',
    fetchOptions: { cache: 'no-store' },
    adapter: adapterAnswering(
      [{ status: 302, location: '/next' }, { status: 200 }, { status: 404 }],
      seen,
    ),
  });

  expect((await api.get('/first')).data).toEqual({ hop: 2 });
  const error = await api.get('/missing').catch((e: unknown) => e);

  expect(seen.map((s) => [s.config.url, s.redirect, s.maxRedirects, s.authorization])).toEqual([
    ['/first', 'manual', 0, 'Bearer secret-token'],
    ['http://127.0.0.1:9/next', 'manual', 0, 'Bearer secret-token'],
    ['/missing', 'manual', 0, 'Bearer secret-token'],
  ]);
  expect(seen[0]!.config.fetchOptions).toEqual({ cache: 'no-store' });
  expect((error as { response?: { status: number } }).response?.status).toBe(404);
  expect((error as { config?: InternalAxiosRequestConfig }).config?.maxRedirects).not.toBe(0);
});
