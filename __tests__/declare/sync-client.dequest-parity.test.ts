// dequest's own tests, kept: each test is named after the behaviour it keeps.
import {
  Body,
  Form,
  HttpMethod,
  InvalidParameterValueError,
  Path,
  Query,
  syncClient,
} from '../../src';
import { ALICE, UserDto, rejectionOf } from '../helpers/declare';
import { useServer } from '../helpers/server';

const server = useServer((_req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(ALICE));
});

test('a POST with form parameters and aliases sends exactly name=Alice&grade=14&city=New+York&birthday=2000-01-01, form-encoded, in declaration order', async () => {
  const saveUser = syncClient({
    url: `${server.origin}/users`,
    method: HttpMethod.POST,
    dto: UserDto,
    params: {
      name: Form(),
      grade: Form({ type: Number }),
      city_name: Form('city'),
      birthday: Form(),
    },
  })(function saveUser(_: { name: string; grade: number; city_name: string; birthday: string }) {});

  // The object's own key order differs from the declaration's: the declaration's wins.
  await saveUser({ birthday: '2000-01-01', city_name: 'New York', grade: 14, name: 'Alice' });

  expect(server.requests).toHaveLength(1);
  expect(server.requests[0]!.method).toBe('POST');
  expect(server.requests[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded');
  expect(server.requests[0]!.body).toBe('name=Alice&grade=14&city=New+York&birthday=2000-01-01');
});

test('a JSON body with an alias sends exactly {"name":"Alice","grade":14,"city":"New York","birthday":"2000-01-01"}: numbers stay numbers', async () => {
  const saveUser = syncClient({
    url: `${server.origin}/users`,
    method: HttpMethod.POST,
    dto: UserDto,
    params: { name: Body(), grade: Body(), city_name: Body('city'), birthday: Body() },
  })(function saveUser(_: { name: string; grade: number; city_name: string; birthday: string }) {});

  await saveUser({ name: 'Alice', grade: 14, city_name: 'New York', birthday: '2000-01-01' });

  expect(server.requests[0]!.headers['content-type']).toBe('application/json');
  expect(server.requests[0]!.body).toBe(
    '{"name":"Alice","grade":14,"city":"New York","birthday":"2000-01-01"}',
  );
});

test('query parameters by position: (1, "test_user") with user_id, username sends ?user_id=1&username=test_user', async () => {
  const getUsers = syncClient({
    url: `${server.origin}/users`,
    args: ['user_id', 'username'],
    params: { user_id: Query({ type: Number }), username: Query() },
  })(function getUsers(_userId: number, _username: string) {});

  await getUsers(1, 'test_user');

  expect(server.requests[0]!.url).toBe('/users?user_id=1&username=test_user');
});

test('a path parameter declared as a number, given "elphant", is an InvalidParameterValueError before any request', async () => {
  const getUser = syncClient({
    url: `${server.origin}/users/{user_id}`,
    params: { user_id: Path({ type: Number }) },
  })(function getUser(_: { user_id: number | string }) {});

  const error = await rejectionOf(getUser({ user_id: 'elphant' }));

  expect(error).toBeInstanceOf(InvalidParameterValueError);
  expect(error.message).toBe(
    'Invalid value for user_id: expected a number, got "elphant" (a string).',
  );
  expect((error as InvalidParameterValueError).parameter).toBe('user_id');
  expect(server.requests).toHaveLength(0);
});

test('a path parameter declared as a number converts "1" and sends /users/1, mapped to the dto', async () => {
  const getUser = syncClient<UserDto>({
    url: `${server.origin}/users/{user_id}`,
    params: { user_id: Path({ type: Number }) },
    dto: UserDto,
  })(function getUser(_: { user_id: number | string }) {});

  const user = await getUser({ user_id: '1' });

  expect(server.requests[0]!.url).toBe('/users/1');
  expect(user).toBeInstanceOf(UserDto);
  expect(user.name).toBe('Alice');
  expect(user.birthday.toISOString()).toBe('2000-01-01T00:00:00.000Z');
});

test('static headers plus authToken send both', async () => {
  const getUser = syncClient({
    url: `${server.origin}/users/{user_id}`,
    headers: { 'X-Test-Header': 'test' },
    authToken: 'my_auth_token',
  })(function getUser(_: { user_id: number }) {});

  await getUser({ user_id: 1 });

  expect(server.requests[0]!.headers['x-test-header']).toBe('test');
  expect(server.requests[0]!.headers.authorization).toBe('Bearer my_auth_token');
});

test('authToken and apiKey override the same names in headers, whatever their case, and the headers object is never mutated', async () => {
  const headers = { authorization: 'Basic old', 'X-API-KEY': 'old-key', 'X-Other': 'kept' };
  const before = JSON.stringify(headers);
  const getData = syncClient({
    url: `${server.origin}/data`,
    headers,
    authToken: 'new-token',
    apiKey: () => 'new-key',
  })(function getData() {});

  await getData();
  await getData();

  for (const request of server.requests) {
    expect(request.headers.authorization).toBe('Bearer new-token');
    expect(request.headers['x-api-key']).toBe('new-key');
    expect(request.headers['x-other']).toBe('kept');
  }
  // dequest's bug: it wrote the tokens into the caller's dict.
  expect(JSON.stringify(headers)).toBe(before);
  expect(Object.isFrozen(headers)).toBe(false);
});

test('sourceField maps a sub-object to the dto', async () => {
  server.handle((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ position: 'Developer', user: ALICE }));
  });
  const getUser = syncClient<UserDto>({
    url: `${server.origin}/users/{user_id}`,
    dto: UserDto,
    sourceField: 'user',
  })(function getUser(_: { user_id: number }) {});

  const user = await getUser({ user_id: 1 });

  expect(user).toBeInstanceOf(UserDto);
  expect(user.name).toBe('Alice');
  expect(user.city).toBe('New York');
});

test('sourceField maps a list of sub-objects to a list of dtos', async () => {
  server.handle((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ total: 2, users: [ALICE, { ...ALICE, name: 'Bob', grade: '15' }] }));
  });
  const getUsers = syncClient<UserDto[]>({
    url: `${server.origin}/users`,
    dto: UserDto,
    sourceField: 'users',
  })(function getUsers() {});

  const users = await getUsers();

  expect(users).toHaveLength(2);
  expect(users.every((u) => u instanceof UserDto)).toBe(true);
  expect(users.map((u) => [u.name, u.grade])).toEqual([
    ['Alice', 14],
    ['Bob', 15],
  ]);
});

test('a dto whose constructor computes a field gets only the raw object', async () => {
  const getUser = syncClient<UserDto>({ url: `${server.origin}/users/1`, dto: UserDto })(
    function getUser() {},
  );

  const user = await getUser();

  expect(user.constructedWith).toEqual([ALICE]);
  expect(user.birthday).toBeInstanceOf(Date);
  expect(user.grade).toBe(14);
});

test('without a dto the call resolves to the data as it is', async () => {
  const getUser = syncClient({ url: `${server.origin}/users/{user_id}` })(function getUser(_: {
    user_id: number;
  }) {});

  expect(await getUser({ user_id: 6 })).toEqual(ALICE);
  expect(server.requests[0]!.url).toBe('/users/6');
});
