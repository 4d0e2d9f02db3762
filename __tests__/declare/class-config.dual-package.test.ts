// The package loaded twice in one process (an ESM and a CJS copy): a class decorated by one copy
// and its methods by the other still share one configuration, kept under a Symbol.for key.
import * as first from '../../src';
import { declared } from '../../src';
import { useServer } from '../helpers/server';

let second!: typeof first;
jest.isolateModules(() => {
  // A second copy of the package, as an ESM and a CJS copy are: only require() can load one.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  second = require('../../src') as typeof first;
});

const server = useServer();

test('the second copy is a different module instance', () => {
  expect(second.Get).not.toBe(first.Get);
  expect(second.ConfigurationError).not.toBe(first.ConfigurationError);
});

test("@ApiClient from one copy configures the methods another copy's @Get declared", async () => {
  @first.ApiClient({ baseURL: `${server.origin}/api`, authToken: 'tok' })
  class Users {
    @second.Get('/users/{id}')
    getUser(_: { id: number }): Promise<unknown> {
      return declared();
    }

    @first.Post('/users')
    createUser(_: { name: string }): Promise<unknown> {
      return declared();
    }
  }
  const api = new Users();

  await api.getUser({ id: 1 });
  await api.createUser({ name: 'Alice' });

  expect(server.requests.map((r) => [r.method, r.url, r.headers.authorization])).toEqual([
    ['GET', '/api/users/1', 'Bearer tok'],
    ['POST', '/api/users', 'Bearer tok'],
  ]);
});

test("errors of one copy are recognised by the other's guards", async () => {
  class Plain {
    @second.Get('/relative')
    list(): Promise<unknown> {
      return declared();
    }
  }

  const error = await new Plain().list().catch((e: unknown) => e);

  expect(error).not.toBeInstanceOf(first.ConfigurationError);
  expect(first.isConfigurationError(error)).toBe(true);
  expect(first.isDequestError(error)).toBe(true);
});
