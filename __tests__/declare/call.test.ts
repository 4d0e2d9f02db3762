// One declared call, as the server sees it: what each call sends, decided from the declaration.
// (What a call costs is measured in `npm run bench`, never asserted here.)
import axios from 'axios';
import { ApiClient, declared, Form, Get, Header, Path, Post, syncClient } from '../../src';
import { useServer } from '../helpers/server';

const server = useServer();

test('a headers function is called once per call; a declaration without headers adds none', async () => {
  let calls = 0;
  @ApiClient({ baseURL: server.origin })
  class Api {
    @Get('/plain')
    plain(): Promise<unknown> {
      return declared();
    }

    @Get('/with', { headers: { 'X-Method': 'm' } })
    withHeaders(): Promise<unknown> {
      return declared();
    }
  }
  const viaClient = syncClient({
    client: axios.create({ baseURL: server.origin }),
    url: '/ch',
    headers: () => ({ 'X-Fn': String(++calls) }),
  })(function viaClient() {});
  const api = new Api();

  await api.plain();
  await api.withHeaders();
  await viaClient();
  await viaClient();

  expect(calls).toBe(2);
  expect(server.requests.map((r) => [r.url, r.headers['x-method'], r.headers['x-fn']])).toEqual([
    ['/plain', undefined, undefined],
    ['/with', 'm', undefined],
    ['/ch', undefined, '1'],
    ['/ch', undefined, '2'],
  ]);
});

test('undeclared arguments fill a free placeholder, then go to the form when the declaration has Form fields', async () => {
  const save = syncClient({
    url: `${server.origin}/users/{id}/{group}`,
    method: 'POST',
    params: { g: Path('group'), note: Form() },
  })(function save(_: { g: string; id: number; note: string; extra: string }) {});

  await save({ g: 'admins', id: 1, note: 'n', extra: 'x' });

  const [request] = server.requests;
  expect(request!.url).toBe('/users/1/admins');
  expect(request!.headers['content-type']).toBe('application/x-www-form-urlencoded');
  expect(request!.body).toBe('note=n&extra=x');
});

test('headers of the class, the method and a Header() argument merge by name, whatever its case, the most specific winning', async () => {
  @ApiClient({
    baseURL: server.origin,
    headers: { 'X-A': 'class', 'X-B': 'class', 'X-C': 'class' },
  })
  class Api {
    @Post('/merge', { headers: { 'x-a': 'method', 'x-b': 'method' }, params: { b: Header('X-B') } })
    merge(_: { b: string }): Promise<unknown> {
      return declared();
    }
  }

  await new Api().merge({ b: 'argument' });

  const { headers } = server.requests[0]!;
  expect([headers['x-a'], headers['x-b'], headers['x-c']]).toEqual(['method', 'argument', 'class']);
});
