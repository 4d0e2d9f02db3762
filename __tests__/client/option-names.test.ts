// createClient speaks up about mistakes that would otherwise pass in silence: a misspelt option
// (an unauthenticated client) and a timeout that reads like seconds.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ConfigurationError, createClient, type DequestEvent } from '../../src';
import { thrownBy } from '../helpers/declare';

const ROOT = join(__dirname, '..', '..');
const TS_HOOK = join(ROOT, '__tests__', 'redis', 'fixtures', 'ts-hook.js');

test('createClient({ authtoken }) is a ConfigurationError that says what was meant', () => {
  const error = thrownBy(() =>
    createClient({ baseURL: 'https://api.example.com', authtoken: 't' } as never),
  );

  expect(error).toBeInstanceOf(ConfigurationError);
  expect(error.message).toBe(
    'createClient: unknown option authtoken (did you mean authToken?); left as it is, it would be ignored.',
  );
});

test.each([
  ['apikey', 'apiKey'],
  ['refreshon', 'refreshOn'],
  ['allowedorigins', 'allowedOrigins'],
  ['baseUrl', 'baseURL'],
  ['retry_delay', 'retryDelay'],
  ['circuitbreaker', 'circuitBreaker'],
])('createClient({ %s }) asks: did you mean %s?', (given, meant) => {
  const error = thrownBy(() => createClient({ baseURL: 'https://api.example.com', [given]: 'x' }));

  expect(error.message).toBe(
    `createClient: unknown option ${given} (did you mean ${meant}?); left as it is, it would be ignored.`,
  );
});

test("axios's own options and names it does not know pass to axios as before", () => {
  const client = createClient({
    baseURL: 'https://api.example.com',
    maxRedirects: 2,
    xsrfCookieName: 'csrf',
    'axios-retry': { retries: 1 },
  } as never);

  expect(client.defaults.maxRedirects).toBe(2);
  expect((client.defaults as Record<string, unknown>)['axios-retry']).toEqual({ retries: 1 });
});

test('timeout: 30 is accepted as 30 ms, and reported as "did you mean seconds?"', () => {
  const events: DequestEvent[] = [];

  const client = createClient({
    baseURL: 'https://api.example.com',
    timeout: 30,
    onEvent: (event: DequestEvent) => events.push(event),
  });

  expect(client.defaults.timeout).toBe(30);
  expect(events).toEqual([
    {
      type: 'config-warning',
      message:
        'createClient: timeout is 30 ms: did you mean seconds? Times are in milliseconds, as axios counts: 30000 is 30 s.',
    },
  ]);
});

test.each([0, 100, 5_000])('timeout: %p says nothing', (timeout) => {
  const events: DequestEvent[] = [];
  createClient({
    baseURL: 'https://api.example.com',
    timeout,
    onEvent: (event: DequestEvent) => events.push(event),
  });
  expect(events).toEqual([]);
});

test('NODE_DEBUG=axios-dequest prints the warning as one line on stderr', async () => {
  const script = `require(${JSON.stringify(join(ROOT, 'src', 'index.ts'))}).createClient({ baseURL: 'https://api.example.com', timeout: 30 });`;

  const { stderr } = await promisify(execFile)(process.execPath, ['-r', TS_HOOK, '-e', script], {
    env: { ...process.env, NODE_DEBUG: 'axios-dequest' },
  });

  expect(stderr).toMatch(
    /^AXIOS-DEQUEST \d+: config-warning message=createClient: timeout is 30 ms: did you mean seconds\? Times are in milliseconds, as axios counts: 30000 is 30 s\.$/m,
  );
}, 30_000);
