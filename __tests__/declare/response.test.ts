// How the response becomes the result: consume, sourceField, dto, map.
import { DequestError, syncClient } from '../../src';
import { rejectionOf } from '../helpers/declare';
import { useServer } from '../helpers/server';

const server = useServer();

const respond = (status: number, body: string, type = 'application/json') => {
  server.handle((_req, res) => {
    res.statusCode = status;
    if (body !== '') res.setHeader('content-type', type);
    res.end(body);
  });
};

test("consume: 'text' resolves to the body as a string, even when it is JSON", async () => {
  respond(200, '{"a":1}');
  const getRaw = syncClient<string>({ url: `${server.origin}/raw`, consume: 'text' })(
    function getRaw() {},
  );

  expect(await getRaw()).toBe('{"a":1}');
});

test("consume: 'text' with map parses the text yourself", async () => {
  respond(200, 'a,b,c', 'text/csv');
  const getCsv = syncClient({
    url: `${server.origin}/csv`,
    consume: 'text',
    map: (text: string) => text.split(','),
  })(function getCsv() {});

  expect(await getCsv()).toEqual(['a', 'b', 'c']);
});

test("map gets the data after sourceField, and its result is the call's", async () => {
  respond(200, JSON.stringify({ page: 1, items: [{ id: 1 }, { id: 2 }] }));
  const getIds = syncClient({
    url: `${server.origin}/items`,
    sourceField: 'items',
    map: (items: { id: number }[]) => items.map((i) => i.id),
  })(function getIds() {});

  const ids: number[] = await getIds();

  expect(ids).toEqual([1, 2]);
});

test('a dto maps an array response element-wise', async () => {
  class Item {
    readonly id: number;
    constructor(raw: { id: number }) {
      this.id = raw.id;
    }
  }
  respond(200, JSON.stringify([{ id: 1 }, { id: 2 }]));
  const getItems = syncClient<Item[]>({ url: `${server.origin}/items`, dto: Item })(
    function getItems() {},
  );

  const items = await getItems();

  expect(items).toEqual([new Item({ id: 1 }), new Item({ id: 2 })]);
  expect(items[0]).toBeInstanceOf(Item);
});

test('a 204 without a body resolves to an empty result, and no dto is constructed', async () => {
  respond(204, '');
  const constructed = jest.fn();
  class Thing {
    constructor(raw: unknown) {
      constructed(raw);
    }
  }
  const remove = syncClient({ url: `${server.origin}/things/1`, method: 'DELETE', dto: Thing })(
    function remove() {},
  );

  expect(await remove()).toBe('');
  expect(constructed).not.toHaveBeenCalled();
});

test('a response without the sourceField rejects with a DequestError naming the field and the request', async () => {
  respond(200, JSON.stringify({ data: {} }));
  const getUser = syncClient({ url: `${server.origin}/users/1?x=1`, sourceField: 'user' })(
    function getUser() {},
  );

  const error = await rejectionOf(getUser());

  expect(error).toBeInstanceOf(DequestError);
  expect(error.message).toBe(
    `The response of GET ${server.origin}/users/1 has no field "user" (sourceField); it is an object.`,
  );
});

test('a dto that throws rejects with a DequestError naming the request, its error as cause', async () => {
  respond(200, '{}');
  class Strict {
    constructor() {
      throw new TypeError('missing name');
    }
  }
  const getUser = syncClient({ url: `${server.origin}/users/1`, dto: Strict })(
    function getUser() {},
  );

  const error = await rejectionOf(getUser());

  expect(error).toBeInstanceOf(DequestError);
  expect(error.message).toBe(
    `The response of GET ${server.origin}/users/1 could not be mapped: dto Strict threw "missing name". See error.cause.`,
  );
  expect(error.cause).toBeInstanceOf(TypeError);
});

test('a map that throws rejects with a DequestError, its error as cause', async () => {
  respond(200, '[]');
  const first = (list: unknown[]) => {
    if (list.length === 0) throw new RangeError('empty');
    return list[0];
  };
  const getFirst = syncClient({ url: `${server.origin}/list`, map: first })(function getFirst() {});

  const error = await rejectionOf(getFirst());

  expect(error.message).toMatch(/could not be mapped: map \(first\) threw "empty"/);
  expect(error.cause).toBeInstanceOf(RangeError);
});
