// scrubError's rules on errors made by hand: the shapes a careless or hostile caller can throw.
import { inspect } from 'node:util';
import { scrubError } from '../../src/http/scrub-error';

const withConfig = (config: Record<string, unknown>, message = 'failed') =>
  Object.assign(new Error(message), { config, isAxiosError: true });

test('a chain with nothing to scrub comes back as the same object', () => {
  const error = new Error('plain', { cause: new TypeError('inner') });

  expect(scrubError(error)).toBe(error);
  expect(scrubError('a string')).toBe('a string');
  expect(scrubError(undefined)).toBeUndefined();
});

test('a scrubbed chain scrubbed again is not copied again', () => {
  const safe = scrubError(withConfig({ auth: { username: 'u', password: 'p' } }));

  expect(scrubError(safe)).toBe(safe);
});

test('a cycle in the cause chain does not lead back to an original', () => {
  const a = withConfig({ headers: { Authorization: 'Bearer CYCLE-SECRET' } });
  const b = new Error('b', { cause: a });
  (a as Error).cause = b;

  const safe = scrubError(b);

  expect(inspect(safe, { depth: Infinity })).not.toContain('CYCLE-SECRET');
  expect(((safe.cause as Error).cause as Error).cause).toBe(safe.cause);
});

test('a frozen error is copied and scrubbed all the same', () => {
  const frozen = Object.freeze(withConfig({ headers: { cookie: 'FROZEN-SECRET' } }));

  expect(inspect(scrubError(frozen), { depth: Infinity })).not.toContain('FROZEN-SECRET');
});

test('userinfo passwords, proxy passwords, per-method header groups, agents and exact secrets', () => {
  const agent = { options: { passphrase: 'AGENT-SECRET' } };
  const error = withConfig(
    {
      url: 'https://user:URL-SECRET@api.example.com/x?sig=SIG-SECRET#frag',
      baseURL: 'https://api.example.com',
      proxy: { host: 'proxy', port: 3128, auth: { username: 'p', password: 'PROXY-SECRET' } },
      headers: { common: { Authorization: 'Bearer GROUP-SECRET' }, get: { 'X-Other': 'ok' } },
      httpsAgent: agent,
    },
    'echoed EXACT-SECRET here',
  );

  const safe = scrubError(error, {
    secrets: ['EXACT-SECRET', undefined, ''],
  }) as unknown as Error & {
    config: { url: string; httpsAgent: unknown };
  };

  const printed = inspect(safe, { depth: Infinity });
  for (const secret of [
    'URL-SECRET',
    'SIG-SECRET',
    'PROXY-SECRET',
    'GROUP-SECRET',
    'AGENT-SECRET',
    'EXACT-SECRET',
  ]) {
    expect(printed).not.toContain(secret);
  }
  expect(safe.message).toBe('echoed [redacted] here');
  expect(safe.config.url).toBe('https://user:[redacted]@api.example.com/x?sig=%5Bredacted%5D#frag');
  expect(safe.config.httpsAgent).toBe(agent);
  expect(printed).toContain("'X-Other': 'ok'");
});

test("a URL in an error's own text (a URL error's base) loses its password and secret query values", () => {
  const urlError = ((): unknown => {
    try {
      return new URL('http://[::1', 'http://user:BASE-PASSWORD@127.0.0.1/bad?tenant=7&k=BASE-KEY');
    } catch (error) {
      return error;
    }
  })();
  const error = new Error('Redirected request failed: Invalid URL', { cause: urlError });

  // showHidden: under jest a copy fails `instanceof Error` of Node's realm, so its non-enumerable
  // message and stack print only so (Node's console prints them as an error's).
  const printed = inspect(scrubError(error, { params: ['k'] }), {
    depth: Infinity,
    showHidden: true,
  });

  expect(printed).not.toContain('BASE-KEY');
  expect(printed).not.toContain('BASE-PASSWORD');
  expect(printed).toContain('tenant=7');
  expect(printed).toContain("input: 'http://[::1'");
  expect(printed).toContain('Redirected request failed: Invalid URL');
});
