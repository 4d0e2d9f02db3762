// Where each argument of a declared call goes: path, query, JSON body, form, header.
import { Body, Form, Header, HttpMethod, Path, Query, syncClient } from '../../src';
import { useServer } from '../helpers/server';

const server = useServer((_req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end('{}');
});

const last = () => server.requests[server.requests.length - 1]!;

describe('undeclared arguments', () => {
  test('a {placeholder} takes the argument of its name, URL-encoded with encodeURIComponent', async () => {
    const getFile = syncClient({ url: `${server.origin}/files/{folder}/{name}` })(
      function getFile(_: { folder: string; name: string }) {},
    );

    await getFile({ folder: 'a/b', name: 'x y?&#%.txt' });

    expect(last().url).toBe('/files/a%2Fb/x%20y%3F%26%23%25.txt');
  });

  test.each([HttpMethod.GET, HttpMethod.DELETE])(
    'the rest go to the query string for %s',
    async (method) => {
      const call = syncClient({ url: `${server.origin}/users/{id}`, method })(function call(_: {
        id: number;
        city: string;
        page: number;
      }) {});

      await call({ id: 7, city: 'New York', page: 2 });

      expect(last().method).toBe(method);
      expect(last().url).toBe('/users/7?city=New+York&page=2');
      expect(last().body).toBe('');
    },
  );

  test.each([HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH])(
    'the rest go to the JSON body for %s',
    async (method) => {
      const call = syncClient({ url: `${server.origin}/users/{id}`, method })(function call(_: {
        id: number;
        name: string;
        tags: string[];
      }) {});

      await call({ id: 7, name: 'Alice', tags: ['a', 'b'] });

      expect(last().method).toBe(method);
      expect(last().url).toBe('/users/7');
      expect(last().headers['content-type']).toBe('application/json');
      expect(last().body).toBe('{"name":"Alice","tags":["a","b"]}');
    },
  );

  test('the rest join the form when the declaration has Form fields', async () => {
    const login = syncClient({
      url: `${server.origin}/login`,
      method: 'post',
      params: { user: Form('username') },
    })(function login(_: { user: string; password: string }) {});

    await login({ user: 'alice', password: 'p&ss word' });

    expect(last().headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(last().body).toBe('username=alice&password=p%26ss+word');
  });

  test('a list in the query is sent as repeated fields (?tag=a&tag=b), as Python clients do', async () => {
    const search = syncClient({ url: `${server.origin}/search` })(function search(_: {
      tag: string[];
    }) {});

    await search({ tag: ['a', 'b c'] });

    expect(last().url).toBe('/search?tag=a&tag=b+c');
  });

  test('null and undefined arguments are left out of the query', async () => {
    const search = syncClient({ url: `${server.origin}/search` })(function search(_: {
      q?: string | null;
      page?: number;
    }) {});

    await search({ q: null, page: undefined });

    expect(last().url).toBe('/search');
  });

  test('a call without arguments sends no body, even for POST', async () => {
    const ping = syncClient({ url: `${server.origin}/ping`, method: HttpMethod.POST })(
      function ping() {},
    );

    await ping();

    expect(last().body).toBe('');
    expect(last().headers['content-length']).toBe('0');
  });
});

describe('declared arguments', () => {
  test('Path with another name fills its placeholder; Query with an alias renames the field', async () => {
    const getUser = syncClient({
      url: `${server.origin}/users/{user_id}`,
      params: { id: Path('user_id'), city: Query('city_name') },
    })(function getUser(_: { id: number; city: string }) {});

    await getUser({ id: 3, city: 'Paris' });

    expect(last().url).toBe('/users/3?city_name=Paris');
  });

  test('Query on a POST puts the argument in the query, the rest in the body', async () => {
    const create = syncClient({
      url: `${server.origin}/users`,
      method: HttpMethod.POST,
      params: { dryRun: Query('dry_run') },
    })(function create(_: { dryRun: boolean; name: string }) {});

    await create({ dryRun: true, name: 'Alice' });

    expect(last().url).toBe('/users?dry_run=true');
    expect(last().body).toBe('{"name":"Alice"}');
  });

  test('Body on a GET sends that argument in a JSON body', async () => {
    const search = syncClient({
      url: `${server.origin}/search`,
      params: { filter: Body() },
    })(function search(_: { filter: object }) {});

    await search({ filter: { age: 3 } });

    expect(last().body).toBe('{"filter":{"age":3}}');
  });

  test('Body({ whole: true }) makes the argument the whole JSON body', async () => {
    const create = syncClient({
      url: `${server.origin}/users`,
      method: HttpMethod.POST,
      args: ['user'],
      params: { user: Body({ whole: true }) },
    })(function create(_user: { name: string; grade: number }) {});

    await create({ name: 'Alice', grade: 14 });

    expect(last().body).toBe('{"name":"Alice","grade":14}');
  });

  test('a whole JSON body that is a string is sent as a JSON string', async () => {
    const rename = syncClient({
      url: `${server.origin}/name`,
      method: HttpMethod.PUT,
      args: ['name'],
      params: { name: Body({ whole: true }) },
    })(function rename(_name: string) {});

    await rename('Alice');

    expect(last().headers['content-type']).toBe('application/json');
    expect(last().body).toBe('"Alice"');
  });

  test('Form({ whole: true }) sends an object as the whole form, in its key order', async () => {
    const submit = syncClient({
      url: `${server.origin}/form`,
      method: HttpMethod.POST,
      args: ['fields'],
      params: { fields: Form({ whole: true }) },
    })(function submit(_fields: Record<string, unknown>) {});

    await submit({ b: 2, a: 'x y', list: [1, 2], skipped: undefined });

    expect(last().body).toBe('b=2&a=x+y&list=1&list=2');
  });

  test('Header sends the argument as a request header', async () => {
    const getOrders = syncClient({
      url: `${server.origin}/orders`,
      params: { traceId: Header('X-Trace-Id'), page: Query() },
    })(function getOrders(_: { traceId: string; page: number }) {});

    await getOrders({ traceId: 'abc-123', page: 1 });

    expect(last().headers['x-trace-id']).toBe('abc-123');
    expect(last().url).toBe('/orders?page=1');
  });

  test("a Header argument, the request's own, wins over headers of the same name", async () => {
    const call = syncClient({
      url: `${server.origin}/x`,
      headers: { 'x-tenant': 'default' },
      params: { tenant: Header('X-Tenant') },
    })(function call(_: { tenant: string }) {});

    await call({ tenant: 'acme' });

    expect(last().headers['x-tenant']).toBe('acme');
  });
});

describe('positional arguments', () => {
  test('args names positions; undeclared names follow the same rules', async () => {
    const update = syncClient({
      url: `${server.origin}/users/{id}`,
      method: HttpMethod.PATCH,
      args: ['id', 'name', 'city'],
      params: { city: Body('city_name') },
    })(function update(_id: number, _name: string, _city?: string) {});

    await update(5, 'Alice', 'Berlin');
    await update(6, 'Bob');

    expect(server.requests.map((r) => [r.url, r.body])).toEqual([
      ['/users/5', '{"name":"Alice","city_name":"Berlin"}'],
      ['/users/6', '{"name":"Bob"}'],
    ]);
  });

  test('with args, a single object argument is one value, not named arguments', async () => {
    const create = syncClient({
      url: `${server.origin}/users`,
      method: HttpMethod.POST,
      args: ['user'],
    })(function create(_user: object) {});

    await create({ name: 'Alice' });

    expect(last().body).toBe('{"user":{"name":"Alice"}}');
  });
});

describe('type converters', () => {
  test.each([
    ['Number', Number, '42', '42'],
    ['Number', Number, 1.5, '1.5'],
    ['String', String, 7, '7'],
    ['String', String, new Date('2000-01-01T00:00:00Z'), '2000-01-01T00:00:00.000Z'],
    ['Boolean', Boolean, 'false', 'false'],
    ['Boolean', Boolean, 'TRUE', 'true'],
    ['Boolean', Boolean, 1, 'true'],
    ['a function', (v: string) => v.toUpperCase(), 'abc', 'ABC'],
  ])('%s converts %p to %s', async (_name, type, given, sent) => {
    const call = syncClient({ url: `${server.origin}/v`, params: { v: Query({ type }) } })(
      function call(_: { v: unknown }) {},
    );

    await call({ v: given });

    expect(last().url).toBe(`/v?v=${sent}`);
  });

  test('a converted body field keeps its JSON type', async () => {
    const save = syncClient({
      url: `${server.origin}/users`,
      method: HttpMethod.POST,
      params: { grade: Body({ type: Number }), active: Body({ type: Boolean }) },
    })(function save(_: { grade: string; active: string }) {});

    await save({ grade: '14', active: 'true' });

    expect(last().body).toBe('{"grade":14,"active":true}');
  });
});
