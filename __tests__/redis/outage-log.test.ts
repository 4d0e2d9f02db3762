import type { DequestEvent } from '../../src/events/dequest-event';
import { OutageLog } from '../../src/redis/outage-log';
import { RedisUnavailableError } from '../../src/redis/redis-unavailable-error';

const timeout = () =>
  new RedisUnavailableError(
    'timeout',
    'GET',
    'Redis did not answer GET within 100 ms (timeoutMs).',
  );

function setup() {
  let now = 0;
  const events: DequestEvent[] = [];
  const warnings: string[] = [];
  const log = new OutageLog(
    'redis cache store app',
    (e) => events.push(e),
    { warn: (m) => warnings.push(m) },
    () => now,
  );
  return { log, events, warnings, advance: (ms: number) => (now += ms) };
}

test('an outage is logged at once, then at most once a minute, with the failures in between', () => {
  const { log, events, warnings, advance } = setup();

  for (let i = 0; i < 100; i++) {
    log.failed(timeout());
    advance(1_000); // one failure a second for 100 s
  }

  expect(warnings).toHaveLength(2);
  expect(warnings[0]).toBe(
    'axios-dequest: redis cache store app unavailable: Redis did not answer GET within 100 ms (timeoutMs). ' +
      'Requests go on without it (1 failure since the last line; at most one line a minute).',
  );
  expect(warnings[1]).toMatch(/\(60 failures since the last line/);
  expect(events).toEqual([
    {
      type: 'store-unavailable',
      store: 'redis cache store app',
      operation: 'GET',
      reason: 'timeout',
      failures: 1,
      detail: undefined,
    },
    expect.objectContaining({ type: 'store-unavailable', failures: 60 }),
  ]);
});

test('the first success after an outage is one store-recovered event with its length', () => {
  const { log, events, advance } = setup();
  log.succeeded();
  log.failed(timeout());
  advance(4_000);
  log.succeeded();
  log.succeeded();

  expect(events.map((e) => e.type)).toEqual(['store-unavailable', 'store-recovered']);
  expect(events[1]).toEqual({
    type: 'store-recovered',
    store: 'redis cache store app',
    unavailableMs: 4_000,
  });
});

test('a throwing logger or listener never reaches the caller', () => {
  const log = new OutageLog(
    's',
    () => {
      throw new Error('listener');
    },
    {
      warn: () => {
        throw new Error('logger');
      },
    },
  );

  expect(() => log.failed(timeout())).not.toThrow();
});

test("the cause's code is reported, never its message", () => {
  const events: DequestEvent[] = [];
  const log = new OutageLog('s', (e) => events.push(e), undefined);
  const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379 secret-ish detail'), {
    code: 'ECONNREFUSED',
  });

  log.failed(
    new RedisUnavailableError('error', 'GET', 'Redis failed GET (Error ECONNREFUSED).', { cause }),
  );

  expect(events[0]).toMatchObject({ detail: 'ECONNREFUSED' });
  expect(JSON.stringify(events)).not.toContain('secret-ish');
});

test("a watching client's listener gets the store's events too: once, even when added twice or when it is the store's own", () => {
  const own: DequestEvent[] = [];
  const client: DequestEvent[] = [];
  const ownListener = (e: DequestEvent) => own.push(e);
  const clientListener = (e: DequestEvent) => client.push(e);
  const log = new OutageLog('redis breaker store app', ownListener, undefined, () => 0);
  log.watch(clientListener);
  log.watch(clientListener);
  log.watch(ownListener);
  log.watch(() => {
    throw new Error('a broken listener fails nothing');
  });

  log.failed(timeout());
  log.succeeded();

  const types = ['store-unavailable', 'store-recovered'];
  expect(own.map((e) => e.type)).toEqual(types);
  expect(client.map((e) => e.type)).toEqual(types);
});

test('a store without a listener of its own reports to its watchers alone', () => {
  const client: DequestEvent[] = [];
  const listener = (e: DequestEvent) => client.push(e);
  const log = new OutageLog('redis cache store app', undefined, undefined, () => 0);
  log.watch(listener);

  log.failed(timeout());

  expect(client).toMatchObject([{ type: 'store-unavailable', store: 'redis cache store app' }]);
});
