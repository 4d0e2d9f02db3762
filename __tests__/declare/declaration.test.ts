// Every wrong declaration or argument fails with a typed error and a message that says what to
// fix, and the server receives nothing.
import {
  asyncClient,
  Body,
  ConfigurationError,
  CredentialError,
  Form,
  Header,
  HttpMethod,
  InvalidParameterValueError,
  Path,
  Query,
  syncClient,
} from '../../src';
import { rejectionOf, thrownBy } from '../helpers/declare';
import { useServer } from '../helpers/server';

const server = useServer();
afterEach(() => {
  // Whatever the test did, nothing reached the server.
  expect(server.requests).toHaveLength(0);
});

// The declared function's type follows options given as never: say which call it is.
const declare = (options: Record<string, unknown>) =>
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
  syncClient(options as never)(function getUser(..._args: unknown[]) {}) as (
    ...args: unknown[]
  ) => Promise<unknown>;

describe('a wrong declaration throws ConfigurationError where it is declared', () => {
  const url = () => `${server.origin}/users/{id}`;
  test.each<[string, () => Record<string, unknown>, RegExp]>([
    ['no url', () => ({}), /url must be a string/],
    ['an unmatched brace', () => ({ url: `${server.origin}/users/{id` }), /unmatched brace/],
    ['an empty placeholder', () => ({ url: `${server.origin}/users/{}` }), /placeholder \{\}/],
    [
      'a placeholder in the origin',
      () => ({ url: 'http://{host}/users' }),
      /placeholder in its origin/,
    ],
    ['a url that is not http(s)', () => ({ url: 'ftp://127.0.0.1/users' }), /not an http\(s\) URL/],
    [
      'a relative url without baseURL',
      () => ({ url: '/users' }),
      /relative and there is no baseURL/,
    ],
    [
      'an unknown method',
      () => ({ url: url(), method: 'FETCH' }),
      /method must be one of GET, POST/,
    ],
    [
      'an unknown consume',
      () => ({ url: url(), consume: 'xml' }),
      /consume must be 'json' or 'text'/,
    ],
    [
      "consume: 'text' with a dto",
      () => ({ url: url(), consume: 'text', dto: class {} }),
      /cannot be combined with dto/,
    ],
    [
      "consume: 'text' with sourceField",
      () => ({ url: url(), consume: 'text', sourceField: 'x' }),
      /cannot be combined with sourceField/,
    ],
    [
      'both dto and map',
      () => ({ url: url(), dto: class {}, map: (d: unknown) => d }),
      /dto or map, not both/,
    ],
    ['a dto that is not a class', () => ({ url: url(), dto: {} }), /dto must be a class/],
    ['a negative timeout', () => ({ url: url(), timeout: -1 }), /timeout is in milliseconds/],
    ['a timeout in words', () => ({ url: url(), timeout: '30s' }), /timeout is in milliseconds/],
    [
      'headers that are a string',
      () => ({ url: url(), headers: 'x-a: 1' }),
      /headers must be an object/,
    ],
    [
      'a client that is not an axios instance',
      () => ({ url: url(), client: {} }),
      /client must be an axios instance/,
    ],
    [
      'a params entry that is not called',
      () => ({ url: url(), params: { id: Path } }),
      /params\.id must be Path\(\), Query\(\)/,
    ],
    [
      'a params entry that is a string',
      () => ({ url: url(), params: { id: 'path' } }),
      /params\.id must be Path\(\)/,
    ],
    [
      'a Path with no placeholder',
      () => ({ url: url(), params: { user: Path() } }),
      /params\.user is a path parameter, but the url .* has no \{user\}/,
    ],
    [
      'a placeholder declared as Query',
      () => ({ url: url(), params: { id: Query() } }),
      /has \{id\}, but params\.id sends that argument to the query/,
    ],
    [
      'an invalid header name',
      () => ({ url: url(), params: { t: Header('X Trace') } }),
      /"X Trace" is not a valid header name \(params\.t\)/,
    ],
    [
      'a JSON body and a form together',
      () => ({ url: url(), method: 'POST', params: { a: Body(), b: Form() } }),
      /both JSON body \(a\) and form \(b\)/,
    ],
    [
      'a whole body and a field',
      () => ({ url: url(), method: 'POST', params: { a: Body({ whole: true }), b: Body() } }),
      /one of them is the whole body/,
    ],
    [
      'args that are not a list',
      () => ({ url: url(), args: 'id' }),
      /args must be a list of argument names/,
    ],
    ['args naming one twice', () => ({ url: url(), args: ['id', 'id'] }), /args names "id" twice/],
    [
      'params not among args',
      () => ({ url: url(), args: ['id'], params: { city: Query() } }),
      /params\.city is not one of args \[id\]/,
    ],
    [
      'a placeholder no positional argument fills',
      () => ({ url: url(), args: ['user_id'] }),
      /the url has \{id\}, but no argument fills it \(arguments: user_id\)/,
    ],
  ])('%s', (_name, options, message) => {
    const error = thrownBy(() => declare(options()));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toMatch(message);
  });

  test('the message names the decorator and the function', () => {
    const error = thrownBy(() => declare({ url: '/users' }));
    expect(error.message).toMatch(/^syncClient on getUser: the url "\/users" is relative/);
  });

  test.each<[string, unknown]>([
    ['null', null],
    ['a string', 'https://api.example.com'],
    ['a list', []],
  ])('options that are %s', (_name, options) => {
    const error = thrownBy(() => syncClient(options as never));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toMatch(/syncClient\(\) takes an options object/);
  });

  test.each<[string, () => unknown, RegExp]>([
    ['Path with an empty name', () => Path(''), /name must be a non-empty string/],
    [
      'Query with a type that is not a function',
      () => Query({ type: 'number' as never }),
      /type must be Number, String, Boolean or a function/,
    ],
    ['Path with whole', () => Path({ whole: true } as never), /Path\(\) has no whole option/],
    ['Body with a name and whole', () => Body({ name: 'x', whole: true }), /contradictory/],
  ])('%s', (_name, make, message) => {
    const error = thrownBy(make);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toMatch(message);
  });

  test('asyncClient with a callback that is not a function', () => {
    const error = thrownBy(() => asyncClient({ url: server.origin, callback: 'log' as never }));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toBe('asyncClient: callback must be a function.');
  });

  test('a decorator applied to a class', () => {
    const error = thrownBy(() => syncClient({ url: server.origin })(class Users {} as never));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toMatch(/Users is a class\. Use @ApiClient/);
  });

  test('a decorator called with arguments it cannot place', () => {
    const decorator = syncClient({ url: server.origin }) as unknown as (
      ...args: unknown[]
    ) => unknown;
    const error = thrownBy(() => decorator('getUser', 1));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toMatch(/returns a decorator for a function .* or for a class method/);
  });
});

describe('wrong arguments reject before anything is sent', () => {
  test('a missing path argument is a ConfigurationError naming it', async () => {
    const getUser = declare({ url: `${server.origin}/users/{id}` });
    const error = await rejectionOf(getUser({ city: 'Paris' }));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toBe(
      `getUser: missing path argument "id" for {id} in "${server.origin}/users/{id}". Pass a value for it (null and undefined are not values).`,
    );
  });

  test('a missing positional path argument is a ConfigurationError naming it', async () => {
    const getUser = declare({ url: `${server.origin}/users/{id}`, args: ['id'] });
    const error = await rejectionOf(getUser());
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toMatch(/missing path argument "id"/);
  });

  test('a missing aliased path argument names the argument, not the placeholder', async () => {
    const getUser = declare({
      url: `${server.origin}/users/{user_id}`,
      params: { id: Path('user_id') },
    });
    const error = await rejectionOf(getUser({}));
    expect(error.message).toMatch(/missing path argument "id" for \{user_id\}/);
  });

  test('positional arguments without args are a ConfigurationError that says how to name them', async () => {
    const getUser = declare({ url: `${server.origin}/users/{id}` });
    const error = await rejectionOf(getUser(1));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toMatch(
      /getUser takes one object of named arguments, e\.g\. getUser\(\{ id: 1 \}\), but was called with a number\. .*args: \['id', …\]/,
    );
  });

  test('more positional arguments than args is a ConfigurationError', async () => {
    const getUser = declare({ url: `${server.origin}/users/{id}`, args: ['id'] });
    const error = await rejectionOf(getUser(1, 2));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toBe('getUser takes 1 argument (id), but was called with 2.');
  });

  test.each<[string, Record<string, unknown>, Record<string, unknown>, string]>([
    [
      'Number',
      { v: Query({ type: Number }) },
      { v: 'abc' },
      'Invalid value for v: expected a number, got "abc" (a string).',
    ],
    [
      'Number, an empty string',
      { v: Query({ type: Number }) },
      { v: ' ' },
      'Invalid value for v: expected a number, got " " (a string).',
    ],
    [
      'Boolean',
      { v: Query({ type: Boolean }) },
      { v: 'yes' },
      "Invalid value for v: expected a boolean (true/false, 'true'/'false', 1/0), got \"yes\" (a string).",
    ],
    [
      'String, an object',
      { v: Query({ type: String }) },
      { v: { a: 1 } },
      'Invalid value for v: expected a string, got an object.',
    ],
    [
      'a path value that is an object',
      {},
      { id: { a: 1 } },
      'Invalid value for id: a path parameter must be a string or a number, got an object.',
    ],
  ])('%s: InvalidParameterValueError', async (_name, params, args, message) => {
    const call = declare({ url: `${server.origin}/users/{id}`, params });
    const error = await rejectionOf(call({ id: 1, ...args }));
    expect(error).toBeInstanceOf(InvalidParameterValueError);
    expect(error.message).toBe(message);
  });

  test('a converter function that throws: InvalidParameterValueError with its error as cause', async () => {
    const cause = new RangeError('must be positive');
    const positive = (v: number) => {
      if (v <= 0) throw cause;
      return v;
    };
    const call = declare({
      url: `${server.origin}/users`,
      params: { n: Query({ type: positive }) },
    });
    const error = await rejectionOf(call({ n: -1 }));
    expect(error).toBeInstanceOf(InvalidParameterValueError);
    expect(error.message).toBe(
      'Invalid value for n: positive rejected -1 (a number): must be positive',
    );
    expect(error.cause).toBe(cause);
  });

  test('a converter function that returns NaN: InvalidParameterValueError', async () => {
    const call = declare({
      url: `${server.origin}/users`,
      params: { n: Query({ type: parseFloat }) },
    });
    const error = await rejectionOf(call({ n: 'x' }));
    expect(error).toBeInstanceOf(InvalidParameterValueError);
    expect(error.message).toMatch(
      /Invalid value for n: parseFloat turned "x" \(a string\) into NaN/,
    );
  });

  test('a header value with a line break is rejected without showing the value', async () => {
    const call = declare({ url: `${server.origin}/x`, params: { token: Header('X-Token') } });
    const error = await rejectionOf(call({ token: 'secret-1\r\nX-Injected: yes' }));
    expect(error).toBeInstanceOf(InvalidParameterValueError);
    expect(error.message).toMatch(
      /Invalid value for token: a header value must be a string without line breaks/,
    );
    expect(error.message).not.toContain('secret-1');
  });

  test("a header converter that throws: the message shows neither the value nor the converter's own message", async () => {
    const call = declare({
      url: `${server.origin}/x`,
      params: {
        key: Header({
          name: 'X-Key',
          type: (v: string) => {
            throw new Error('bad key ' + v);
          },
        }),
      },
    });
    const error = await rejectionOf(call({ key: 'SECRET-KEY-VALUE' }));
    expect(error).toBeInstanceOf(InvalidParameterValueError);
    expect(error.message).toBe(
      "Invalid value for key: type rejected a string. A header's value is not shown, nor what its converter said: see error.cause.",
    );
    expect((error.cause as Error).message).toBe('bad key SECRET-KEY-VALUE');
  });

  test('a nested object in a form field is rejected', async () => {
    const call = declare({ url: `${server.origin}/x`, method: 'POST', params: { a: Form() } });
    const error = await rejectionOf(call({ a: { b: 1 } }));
    expect(error).toBeInstanceOf(InvalidParameterValueError);
    expect(error.message).toBe(
      'Invalid value for a: a form field is a string, number, boolean or Date, got an object.',
    );
  });

  test('a whole body given with a field beside it is a ConfigurationError', async () => {
    const call = declare({
      url: `${server.origin}/x`,
      method: HttpMethod.POST,
      params: { user: Body({ whole: true }) },
    });
    const error = await rejectionOf(call({ user: { name: 'A' }, extra: 1 }));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toMatch(/extra would be fields of the body, but user is the whole body/);
  });
});

describe('credentials that cannot be used reject with CredentialError, as in the core', () => {
  test('a static token with a line break', async () => {
    const call = declare({ url: `${server.origin}/x`, authToken: 'abc\ndef' });
    const error = await rejectionOf(call());
    expect(error).toBeInstanceOf(CredentialError);
    expect((error as CredentialError).credential).toBe('authToken');
    expect(error.message).not.toContain('abc');
  });

  test('a key provider that throws', async () => {
    const call = declare({
      url: `${server.origin}/x`,
      apiKey: () => {
        throw new Error('vault sealed');
      },
    });
    const error = await rejectionOf(call());
    expect(error).toBeInstanceOf(CredentialError);
    expect((error as CredentialError).credential).toBe('apiKey');
  });

  test('a wrong credential option (authScheme with a space) is a ConfigurationError on the first call', async () => {
    const call = declare({ url: `${server.origin}/x`, authToken: 't', authScheme: 'My Scheme' });
    const error = await rejectionOf(call());
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toMatch(/authScheme must be a single word/);
  });
});
