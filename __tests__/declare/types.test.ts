// A declared call's arguments and result are typed. The `@ts-expect-error` lines are checked by
// `npm run typecheck` (in both decorator modes); the calls run against a real server.
import { asyncClient, HttpMethod, Path, Query, syncClient } from '../../src';
import { deferred } from '../helpers/declare';
import { useServer } from '../helpers/server';

interface User {
  name: string;
}

const server = useServer((_req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end('[{"name":"Alice"},{"name":"Bob"}]');
});

test("syncClient<T> types the result; the function's parameters type the arguments", async () => {
  const getUsers = syncClient<User[]>({ url: `${server.origin}/users/{id}` })(function getUsers(_: {
    id: number;
  }) {});

  const users: User[] = await getUsers({ id: 1 });

  expect(users[0]!.name).toBe('Alice');
  const typeChecks = async () => {
    // @ts-expect-error id is a number
    await getUsers({ id: 'one' });
    // @ts-expect-error the result is User[], not a string
    const wrong: string = await getUsers({ id: 1 });
    // @ts-expect-error an argument is required
    await getUsers();
    return wrong;
  };
  expect(typeof typeChecks).toBe('function');
});

test('map infers the result type', async () => {
  const getNames = syncClient({
    url: `${server.origin}/users`,
    map: (users: User[]) => users.map((u) => u.name),
  })(function getNames() {});

  const names: string[] = await getNames();

  expect(names).toEqual(['Alice', 'Bob']);
  // @ts-expect-error the result is string[]
  const wrong: number = await getNames();
  expect(wrong).toEqual(names);
});

test('syncClient<T, A> types params keys and args names; a function without parameters takes A', async () => {
  const search = syncClient<User[], { q: string; page?: number }>({
    url: `${server.origin}/search`,
    params: { q: Query('query') },
  })(function search() {});

  await search({ q: 'x', page: 2 });

  expect(server.requests[0]!.url).toBe('/search?query=x&page=2');
  const typeChecks = () => {
    // @ts-expect-error no argument named nope
    syncClient<User, { id: number }>({ url: '/u/{id}', params: { nope: Path() } });
    // @ts-expect-error no argument named nope
    syncClient<User, { id: number }>({ url: '/u/{id}', args: ['nope'] });
    // @ts-expect-error q is required
    void search({ page: 1 });
  };
  expect(typeof typeChecks).toBe('function');
});

test('positional parameters type a positional call; no parameters and no A, no arguments', async () => {
  const getUser = syncClient({ url: `${server.origin}/users`, args: ['id', 'city'] })(
    function getUser(_id: number, _city?: string) {},
  );
  const getAll = syncClient({ url: `${server.origin}/users` })(function getAll() {});

  await getUser(1, 'Berlin');
  await getAll();

  expect(server.requests.map((r) => r.url)).toEqual(['/users?id=1&city=Berlin', '/users']);
  const typeChecks = () => {
    // @ts-expect-error id is a number
    void getUser('1');
    // @ts-expect-error getAll takes no argument
    void getAll({ x: 1 });
  };
  expect(typeof typeChecks).toBe('function');
});

test('asyncClient calls return void; callback gets T', async () => {
  const done = deferred<string>();
  const load = asyncClient<User[]>({
    url: `${server.origin}/users`,
    callback: (users) => {
      done.resolve(users[0]!.name);
    },
  })(function load() {});

  const returned: void = load();

  expect(returned).toBeUndefined();
  expect(await done.promise).toBe('Alice');
  const typeChecks = () => {
    // @ts-expect-error callback gets User[], not a number
    asyncClient<User[]>({ url: '/x', callback: (n: number) => n });
  };
  expect(typeof typeChecks).toBe('function');
});

test('HttpMethod and the method option accept the five methods only', () => {
  const post: HttpMethod = HttpMethod.POST;
  expect(post).toBe('POST');
  expect(Object.keys(HttpMethod)).toEqual(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
  const typeChecks = () => {
    syncClient({ url: '/x', method: 'patch' });
    // @ts-expect-error not an HTTP method this package sends
    syncClient({ url: '/x', method: 'FETCH' });
    // @ts-expect-error type converts, it is a function
    Query({ type: 'number' });
  };
  expect(typeof typeChecks).toBe('function');
});
