// Declarations and @ApiClient refuse a slip of an option's name where they are written, and
// report a timeout that reads like seconds.
import {
  ApiClient,
  asyncClient,
  ConfigurationError,
  declared,
  Get,
  syncClient,
  type DequestEvent,
} from '../../src';
import { thrownBy } from '../helpers/declare';

test('syncClient({ authtoken }) fails where it is declared, naming the function', () => {
  const error = thrownBy(() =>
    syncClient({ url: 'https://api.example.com/me', authtoken: 't' } as never)(function getMe() {}),
  );

  expect(error).toBeInstanceOf(ConfigurationError);
  expect(error.message).toBe(
    'syncClient on getMe: unknown option authtoken (did you mean authToken?); left as it is, it would be ignored.',
  );
});

test("dequest's Python names say what to write here", () => {
  const declare = (options: object) =>
    thrownBy(() =>
      syncClient({ url: 'https://api.example.com/users', ...options })(function getUsers() {}),
    ).message;

  expect(declare({ dto_class: class {} })).toBe(
    'syncClient on getUsers: unknown option dto_class (did you mean dto?); left as it is, it would be ignored.',
  );
  expect(declare({ source_field: 'items' })).toBe(
    'syncClient on getUsers: unknown option source_field (did you mean sourceField?); left as it is, it would be ignored.',
  );
  expect(declare({ enable_cache: true })).toBe(
    'syncClient on getUsers: unknown option enable_cache (did you mean cache?); left as it is, it would be ignored.',
  );
});

test('only asyncClient knows callback: a slip of it in asyncClient is named', () => {
  const error = thrownBy(() =>
    asyncClient({ url: 'https://api.example.com/audit', callbak: () => {} } as never)(
      function audit() {},
    ),
  );

  expect(error.message).toBe(
    'asyncClient on audit: unknown option callbak (did you mean callback?); left as it is, it would be ignored.',
  );
});

test('@ApiClient({ refreshon }) and @Get(path, { retry_delay }) fail where they are written', () => {
  expect(
    thrownBy(() => ApiClient({ baseURL: 'https://api.example.com', refreshon: [401] } as never))
      .message,
  ).toBe(
    '@ApiClient: unknown option refreshon (did you mean refreshOn?); left as it is, it would be ignored.',
  );

  const error = thrownBy(() => {
    class Users {
      @Get('/users', { retry_delay: 1000 } as never)
      list(): Promise<unknown> {
        return declared();
      }
    }
    return Users;
  });
  expect(error.message).toBe(
    'Get on list: unknown option retry_delay (did you mean retryDelay?); left as it is, it would be ignored.',
  );
});

test('timeout: 5 on a declared call is kept, and reported as "did you mean seconds?"', () => {
  const events: DequestEvent[] = [];

  syncClient({
    url: 'https://api.example.com/report',
    timeout: 5,
    onEvent: (event: DequestEvent) => events.push(event),
  })(function getReport() {});

  expect(events).toEqual([
    {
      type: 'config-warning',
      message:
        'syncClient on getReport: timeout is 5 ms: did you mean seconds? Times are in milliseconds, as axios counts: 5000 is 5 s.',
    },
  ]);
});
