// What a declared call does per request: only what that request needs. What can be known when
// the call is declared is worked out once, then.
import axios from 'axios';
import { ApiClient, declared, Form, Get, Path, syncClient } from '../../src';
import { bindArguments } from '../../src/declare/arguments';
import { compileDeclaration } from '../../src/declare/declaration';
import * as headers from '../../src/declare/headers';
import * as failure from '../../src/declare/http-failure';
import { rejectionOf } from '../helpers/declare';
import { useServer } from '../helpers/server';

const server = useServer();
afterEach(() => jest.restoreAllMocks());

test('a call that succeeds does not describe its target; only a failure does, for its message', async () => {
  const describe = jest.spyOn(failure, 'describeTarget');
  const getData = syncClient({ url: `${server.origin}/data`, sourceField: 'url' })(
    function getData() {},
  );
  const getMissing = syncClient({ url: `${server.origin}/data`, sourceField: 'missing' })(
    function getMissing() {},
  );

  expect(await getData()).toBe('/data');
  expect(describe).not.toHaveBeenCalled();

  const error = await rejectionOf(getMissing());
  expect(error.message).toMatch(`The response of GET ${server.origin}/data has no field "missing"`);
  expect(describe).toHaveBeenCalledTimes(1);
});

test('headers are resolved only where there is a headers source', async () => {
  const resolve = jest.spyOn(headers, 'resolveHeaders');
  @ApiClient({ baseURL: server.origin })
  class Plain {
    @Get('/plain')
    plain(): Promise<unknown> {
      return declared();
    }

    @Get('/with', { headers: { 'X-Method': 'm' } })
    withHeaders(): Promise<unknown> {
      return declared();
    }
  }
  const viaClient = syncClient({ client: axios.create({ baseURL: server.origin }), url: '/c' })(
    function viaClient() {},
  );
  const viaClientWithHeaders = syncClient({
    client: axios.create({ baseURL: server.origin }),
    url: '/ch',
    headers: () => ({ 'X-Fn': 'f' }),
  })(function viaClientWithHeaders() {});
  const api = new Plain();

  await api.plain();
  await viaClient();
  expect(resolve).not.toHaveBeenCalled();

  await api.withHeaders();
  await viaClientWithHeaders();
  expect(resolve).toHaveBeenCalledTimes(2);
  expect(server.requests.map((r) => [r.url, r.headers['x-method'], r.headers['x-fn']])).toEqual([
    ['/plain', undefined, undefined],
    ['/c', undefined, undefined],
    ['/with', 'm', undefined],
    ['/ch', undefined, 'f'],
  ]);
});

test('where undeclared arguments go is decided when the call is declared', () => {
  const declaration = compileDeclaration(
    { url: '/users/{id}/{group}', method: 'POST', params: { g: Path('group'), note: Form() } },
    { decorator: 'syncClient', name: 'save', kind: 'method', arity: 1 },
  );

  expect(declaration.undeclared).toEqual({ placeholders: new Set(['id']), rest: 'form' });
  expect(declaration.form).toBe(true);
  // A call reads it from the declaration rather than working it out again.
  const rerouted = {
    ...declaration,
    undeclared: { placeholders: new Set<string>(), rest: 'query' as const },
  };
  const bound = bindArguments(rerouted, [{ g: 'admins', id: 1, extra: 'x' }]);
  expect(bound.map(({ slot }) => [slot.argument, slot.location])).toEqual([
    ['g', 'path'],
    ['note', 'form'],
    ['id', 'query'],
    ['extra', 'query'],
  ]);
});

test('merging headers with no names to drop makes no new Set', () => {
  const RealSet = Set;
  let made = 0;
  globalThis.Set = class extends RealSet<unknown> {
    constructor(values?: Iterable<unknown> | null) {
      super(values);
      made++;
    }
  } as SetConstructor;
  try {
    expect(headers.mergeHeaders({ 'X-A': '1' }, { 'x-a': '2', 'X-B': '3' })).toEqual({
      'x-a': '2',
      'X-B': '3',
    });
  } finally {
    globalThis.Set = RealSet;
  }
  expect(made).toBe(0);
});
