import fc from 'fast-check';
import { AxiosHeaders } from 'axios';
import type { InternalAxiosRequestConfig } from 'axios';
import { cacheKey, KEY_PREFIX } from '../../src/resilience/cache-key';
import type { KeyRules } from '../../src/resilience/cache-key';

// Fixed seed, many runs; fast-check prints the seed and the shrunk counterexample on failure.
const RUNS = { seed: 20_251_201, numRuns: 1_000 };

const rules: KeyRules = {
  secret: 'a-test-secret-of-32-bytes-length',
  vary: ['accept', 'accept-language'],
  sharedByUsers: false,
};

const request = (overrides: Partial<InternalAxiosRequestConfig> = {}): InternalAxiosRequestConfig =>
  ({
    method: 'get',
    baseURL: 'https://api.example.com',
    url: '/me',
    headers: new AxiosHeaders(),
    ...overrides,
  }) as InternalAxiosRequestConfig;

const withHeader = (name: string, value: string) =>
  request({ headers: new AxiosHeaders({ [name]: value }) });

// Credentials long enough that finding one inside a 43-character digest is not a coincidence.
const credential = fc.string({ minLength: 8, maxLength: 64, unit: 'grapheme-ascii' });

test('a key never holds a credential, in any encoding, whether sent by the auth layer or found on the request', () => {
  fc.assert(
    fc.property(
      credential,
      fc.constantFrom(
        'Authorization',
        'x-api-key',
        'Cookie',
        'Proxy-Authorization',
        'X-Auth-Token',
      ),
      (secret, header) => {
        const keys = [
          cacheKey(request(), [secret], rules),
          cacheKey(withHeader(header, secret), [], rules),
        ];
        const forms = [
          secret,
          Buffer.from(secret).toString('base64'),
          Buffer.from(secret).toString('base64url'),
          Buffer.from(secret).toString('hex'),
        ];
        return keys.every(
          (key) => key.startsWith(KEY_PREFIX) && forms.every((form) => !key.includes(form)),
        );
      },
    ),
    RUNS,
  );
});

test('two different credentials never share a key (auth layer, header, query param, basic auth)', () => {
  fc.assert(
    fc.property(credential, credential, (a, b) => {
      fc.pre(a !== b);
      const pairs: [
        InternalAxiosRequestConfig,
        readonly string[],
        InternalAxiosRequestConfig,
        readonly string[],
      ][] = [
        [request(), [a], request(), [b]],
        [withHeader('authorization', a), [], withHeader('authorization', b), []],
        [withHeader('x-session', a), [], withHeader('x-session', b), []],
        [request({ params: { api_key: a } }), [], request({ params: { api_key: b } }), []],
        [
          request({ auth: { username: 'u', password: a } }),
          [],
          request({ auth: { username: 'u', password: b } }),
          [],
        ],
      ];
      return pairs.every(([ca, xa, cb, xb]) => cacheKey(ca, xa, rules) !== cacheKey(cb, xb, rules));
    }),
    RUNS,
  );
});

test('the same request gives the same key whatever the order its parameters were written in', () => {
  const a = cacheKey(request({ url: '/users?b=2&a=1', params: { y: 1, x: [2, 3] } }), ['t'], rules);
  const b = cacheKey(request({ url: '/users?a=1&b=2', params: { x: [2, 3], y: 1 } }), ['t'], rules);
  expect(a).toBe(b);
});

test('method, URL, params, response type, Accept and the secret each change the key', () => {
  const base = cacheKey(request(), [], rules);
  const variants = [
    cacheKey(request({ method: 'head' }), [], rules),
    cacheKey(request({ url: '/you' }), [], rules),
    cacheKey(request({ params: { page: 2 } }), [], rules),
    cacheKey(request({ responseType: 'text' }), [], rules),
    cacheKey(withHeader('Accept', 'text/csv'), [], rules),
    cacheKey(request(), [], { ...rules, secret: 'another-secret-of-32-bytes-long!' }),
  ];
  expect(new Set([base, ...variants]).size).toBe(variants.length + 1);
});

test('shared (public) keys leave the credentials out: one key for every user', () => {
  const shared = { ...rules, sharedByUsers: true };
  expect(cacheKey(withHeader('authorization', 'Bearer alice'), ['alice'], shared)).toBe(
    cacheKey(withHeader('authorization', 'Bearer bob'), ['bob'], shared),
  );
});
