// HTTP failures of declared calls: a DequestError naming method and URL, the AxiosError as cause,
// and never a secret.
import { inspect } from 'node:util';
import { isAxiosError } from 'axios';
import {
  ApiClient,
  declared,
  DequestError,
  Get,
  HttpMethod,
  HttpStatusError,
  isDequestError,
  isHttpStatusError,
  isTimeoutError,
  syncClient,
  TimeoutError,
} from '../../src';
import { rejectionOf } from '../helpers/declare';
import { useServer } from '../helpers/server';

const TOKEN = 'tok-9f8e7d6c5b4a';
const KEY = 'key-0a1b2c3d4e5f';

const server = useServer((_req, res) => {
  res.statusCode = 500;
  res.end('{"message":"Internal Server Error"}');
});

test('a 500 rejects with an HttpStatusError naming status, method and URL, the AxiosError as cause', async () => {
  const getUser = syncClient({ url: `${server.origin}/users/{id}` })(function getUser(_: {
    id: number;
  }) {});

  const error = await rejectionOf(getUser({ id: 1 }));

  expect(error).toBeInstanceOf(HttpStatusError);
  expect(error).toBeInstanceOf(DequestError);
  expect(isDequestError(error)).toBe(true);
  expect(isHttpStatusError(error)).toBe(true);
  expect(isTimeoutError(error)).toBe(false);
  expect((error as HttpStatusError).status).toBe(500);
  expect(error.message).toBe(
    `Request failed with status 500 Internal Server Error: GET ${server.origin}/users/1`,
  );
  expect(isAxiosError(error.cause)).toBe(true);
  expect((error.cause as { response: { status: number } }).response.status).toBe(500);
  expect(server.requests).toHaveLength(1);
});

test('the message leaves out the query string, where arguments and an api key travel', async () => {
  const search = syncClient({
    url: `${server.origin}/search`,
    method: HttpMethod.DELETE,
    apiKey: KEY,
    apiKeyQueryParam: 'api_key',
  })(function search(_: { q: string }) {});

  const error = await rejectionOf(search({ q: 'private words' }));

  expect(server.requests[0]!.url).toBe(`/search?q=private+words&api_key=${KEY}`);
  expect(error.message).toBe(
    `Request failed with status 500 Internal Server Error: DELETE ${server.origin}/search`,
  );
});

test('neither the message nor the printed error reveals the token or the key', async () => {
  const getData = syncClient({
    url: `${server.origin}/data`,
    authToken: TOKEN,
    apiKey: () => KEY,
    headers: { 'X-Plain': 'visible' },
  })(function getData() {});

  const error = await rejectionOf(getData());

  expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  for (const printed of [
    error.message,
    String(error.stack),
    inspect(error, { depth: 8 }),
    JSON.stringify(error),
    JSON.stringify((error.cause as { toJSON(): unknown }).toJSON()),
  ]) {
    expect(printed).not.toContain(TOKEN);
    expect(printed).not.toContain(KEY);
  }
});

test('user:password in the url is not repeated in the message', async () => {
  const url = server.origin.replace('http://', 'http://user:pa55word@');
  const getData = syncClient({ url: `${url}/data` })(function getData() {});

  const error = await rejectionOf(getData());

  expect(error.message).toBe(
    `Request failed with status 500 Internal Server Error: GET ${server.origin}/data`,
  );
});

test('a refused connection rejects with a DequestError naming the code, method and URL', async () => {
  // Port 1 (tcpmux) is privileged and unused: no test or process binds it, as one could bind a
  // port just released by another server.
  const origin = 'http://127.0.0.1:1';
  const getData = syncClient({ url: `${origin}/data`, method: 'PUT' })(function getData() {});

  const error = await rejectionOf(getData());

  expect(error).toBeInstanceOf(DequestError);
  expect(error.message).toBe(`Request failed (ECONNREFUSED): PUT ${origin}/data`);
  expect(isAxiosError(error.cause)).toBe(true);
});

test('a timeout rejects with a TimeoutError giving the timeout in ms', async () => {
  server.handle(() => {
    // never answers
  });
  const getSlow = syncClient({ url: `${server.origin}/slow`, timeout: 200 })(function getSlow() {});

  const error = await rejectionOf(getSlow());

  expect(error).toBeInstanceOf(TimeoutError);
  expect(isTimeoutError(error)).toBe(true);
  expect(isHttpStatusError(error)).toBe(false);
  expect((error as TimeoutError).timeout).toBe(200);
  expect(error.message).toBe(`Request timed out after 200 ms: GET ${server.origin}/slow`);
  expect(isAxiosError(error.cause)).toBe(true);
});

test("an HttpStatusError's response has status, headers and data, but no config, no request and no set-cookie", async () => {
  server.handle((_req, res) => {
    res.statusCode = 404;
    res.setHeader('set-cookie', 'session=s3cr3t');
    res.setHeader('x-request-id', 'r-1');
    res.setHeader('content-type', 'application/json');
    res.end('{"error":"no such user"}');
  });
  const getUser = syncClient({ url: `${server.origin}/users/{id}`, authToken: TOKEN })(
    function getUser(_: { id: number }) {},
  );

  const error = (await rejectionOf(getUser({ id: 7 }))) as HttpStatusError;

  expect(error.status).toBe(404);
  expect(error.response).toEqual({
    status: 404,
    statusText: 'Not Found',
    headers: expect.objectContaining({ 'x-request-id': 'r-1' }) as unknown,
    data: { error: 'no such user' },
  });
  expect(error.response.headers).not.toHaveProperty('set-cookie');
  expect(Object.keys(error.response).sort()).toEqual(['data', 'headers', 'status', 'statusText']);
  // Printed or serialised, the error shows its status, not the body.
  expect(Object.keys(error)).not.toContain('response');
  expect(inspect(error)).not.toContain('no such user');
  expect(JSON.stringify(error)).toBe(
    '{"name":"HttpStatusError","isDequestError":true,"isHttpStatusError":true,"status":404}',
  );
});

test('a relative url on a baseURL is named in full', async () => {
  const getUser = syncClient({ baseURL: `${server.origin}/api/`, url: '/users/{id}' })(
    function getUser(_: { id: string }) {},
  );

  const error = await rejectionOf(getUser({ id: 'a b' }));

  expect(server.requests[0]!.url).toBe('/api/users/a%20b');
  expect(error.message).toBe(
    `Request failed with status 500 Internal Server Error: GET ${server.origin}/api/users/a%20b`,
  );
});

test('the URL in the message is the one axios sent to: an empty path is the baseURL itself', async () => {
  @ApiClient({ baseURL: `${server.origin}/api` })
  class Api {
    @Get()
    root(): Promise<unknown> {
      return declared();
    }
  }

  const error = await rejectionOf(new Api().root());

  expect(server.requests[0]!.url).toBe('/api');
  expect(error.message).toBe(
    `Request failed with status 500 Internal Server Error: GET ${server.origin}/api`,
  );
});
