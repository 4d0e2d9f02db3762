// API classes: @ApiClient gives a class one shared client; @Get, @Post, … declare its calls.
// Compiled and run twice: with standard decorators and with experimentalDecorators.
import axios from 'axios';
import {
  ApiClient,
  asyncClient,
  ConfigurationError,
  declared,
  Delete,
  Get,
  Patch,
  Path,
  Post,
  Put,
  Query,
  syncClient,
} from '../../src';
import { deferred, rejectionOf, thrownBy } from '../helpers/declare';
import { startServer, useServer, type TestServer } from '../helpers/server';

const server = useServer();
afterEach(() => jest.restoreAllMocks());

interface Echo {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

class Account {
  readonly label: string;
  constructor(raw: { method: string; url: string }) {
    this.label = `${raw.method} ${raw.url}`;
  }
}

function defineUsers(origin: string) {
  @ApiClient({ baseURL: `${origin}/api`, authToken: 'class-token', headers: { 'X-Class': 'c' } })
  class Users {
    @Get('/users/{id}')
    getUser(_: { id: number }): Promise<Echo> {
      return declared();
    }

    @Post('/users')
    createUser(_: { name: string }): Promise<Echo> {
      return declared();
    }

    @Put('/users/{id}')
    replaceUser(_: { id: number; name: string }): Promise<Echo> {
      return declared();
    }

    @Patch('/users/{id}')
    renameUser(_: { id: number; name: string }): Promise<Echo> {
      return declared();
    }

    @Delete('/users/{id}')
    deleteUser(_: { id: number; hard: boolean }): Promise<Echo> {
      return declared();
    }

    @Get('/me', { dto: Account, headers: { 'X-Method': 'm', authorization: 'Basic nope' } })
    me(): Promise<Account> {
      return declared();
    }

    @Get('/admin', { authToken: 'admin-token' })
    admin(): Promise<Echo> {
      return declared();
    }

    @Get('/users/{id}', { args: ['id'], params: { id: Path({ type: Number }) }, timeout: 5_000 })
    byPosition(_id: number | string): Promise<Echo> {
      return declared();
    }

    @syncClient({ url: '/raw', consume: 'text' })
    raw(): Promise<string> {
      return declared();
    }

    @asyncClient({
      url: '/events',
      method: 'POST',
      callback: (data) => {
        Users.received.resolve(data);
      },
    })
    sendEvent(_: { name: string }): void {}

    static received = deferred<unknown>();

    @Get('/health')
    static health(): Promise<Echo> {
      return declared();
    }
  }
  return Users;
}

test('@Get, @Post, @Put, @Patch and @Delete send their method to a path relative to the class baseURL', async () => {
  const api = new (defineUsers(server.origin))();

  await api.getUser({ id: 1 });
  await api.createUser({ name: 'Alice' });
  await api.replaceUser({ id: 2, name: 'Bob' });
  await api.renameUser({ id: 3, name: 'Cy' });
  await api.deleteUser({ id: 4, hard: true });

  expect(server.requests.map((r) => [r.method, r.url, r.body])).toEqual([
    ['GET', '/api/users/1', ''],
    ['POST', '/api/users', '{"name":"Alice"}'],
    ['PUT', '/api/users/2', '{"name":"Bob"}'],
    ['PATCH', '/api/users/3', '{"name":"Cy"}'],
    ['DELETE', '/api/users/4?hard=true', ''],
  ]);
  for (const request of server.requests) {
    expect(request.headers.authorization).toBe('Bearer class-token');
    expect(request.headers['x-class']).toBe('c');
  }
});

test('the class has one client, made by createClient on the first call and shared by every method and instance', async () => {
  const create = jest.spyOn(axios, 'create');
  const Users = defineUsers(server.origin);
  const a = new Users();
  const b = new Users();
  expect(create).not.toHaveBeenCalled();

  await a.getUser({ id: 1 });
  await b.createUser({ name: 'x' });
  await a.me();
  await Users.health();

  expect(create).toHaveBeenCalledTimes(1);
});

test("a method's options add to the class's: its headers join (credentials still win), its dto maps", async () => {
  const api = new (defineUsers(server.origin))();

  const account = await api.me();

  expect(account).toBeInstanceOf(Account);
  expect(account.label).toBe('GET /api/me');
  expect(server.requests[0]!.headers).toMatchObject({
    'x-class': 'c',
    'x-method': 'm',
    authorization: 'Bearer class-token',
  });
});

test('a method with its own credential gets a client of its own, made once; the others keep the class token', async () => {
  const create = jest.spyOn(axios, 'create');
  const api = new (defineUsers(server.origin))();

  await api.admin();
  await api.admin();
  await api.getUser({ id: 1 });

  expect(server.requests.map((r) => r.headers.authorization)).toEqual([
    'Bearer admin-token',
    'Bearer admin-token',
    'Bearer class-token',
  ]);
  expect(server.requests[0]!.headers['x-class']).toBe('c');
  expect(create).toHaveBeenCalledTimes(2);
});

test('positional args, converters, text responses, asyncClient and static methods work in a class', async () => {
  const Users = defineUsers(server.origin);
  const api = new Users();

  const byPosition = await api.byPosition('7');
  const raw = await api.raw();
  api.sendEvent({ name: 'signup' });
  const event = await Users.received.promise;
  const health = await Users.health();

  expect(byPosition.url).toBe('/api/users/7');
  expect(JSON.parse(raw)).toMatchObject({ url: '/api/raw' });
  expect(event).toMatchObject({ method: 'POST', url: '/api/events', body: '{"name":"signup"}' });
  expect(health.url).toBe('/api/health');
});

test('a method called detached from its instance still finds its class', async () => {
  const api = new (defineUsers(server.origin))();
  const { getUser } = api;

  await getUser({ id: 9 });

  expect(server.requests[0]!.url).toBe('/api/users/9');
  expect(server.requests[0]!.headers.authorization).toBe('Bearer class-token');
});

test("a subclass inherits its parent's client; with its own @ApiClient it has its own", async () => {
  const Users = defineUsers(server.origin);
  class Inherits extends Users {}
  @ApiClient({ baseURL: `${server.origin}/v2` })
  class Overrides extends Users {}

  await new Inherits().getUser({ id: 1 });
  await new Overrides().getUser({ id: 2 });

  expect(server.requests.map((r) => [r.url, r.headers.authorization])).toEqual([
    ['/api/users/1', 'Bearer class-token'],
    ['/v2/users/2', undefined],
  ]);
});

describe("a method with an absolute url to another origin never sends the class's credentials there", () => {
  let other: TestServer;
  beforeEach(async () => {
    other = await startServer();
  });
  afterEach(() => other.close());

  function defineClass(origin: string, otherOrigin: string) {
    @ApiClient({
      baseURL: `${origin}/api`,
      authToken: 'CLASSTOKEN',
      apiKey: 'CLASSKEY',
      authScheme: 'Token',
      allowedOrigins: [otherOrigin],
    })
    class Api {
      @Get(`${otherOrigin}/x`, { apiKey: 'method-key' })
      elsewhereWithKey(): Promise<Echo> {
        return declared();
      }

      @Get(`${otherOrigin}/y`, { authToken: 'method-token' })
      elsewhereWithToken(): Promise<Echo> {
        return declared();
      }

      @Get(`${origin}/same`, { apiKey: 'method-key' })
      sameOrigin(): Promise<Echo> {
        return declared();
      }
    }
    return Api;
  }

  test("only the method's own credentials go to the other origin, even if the class allows it", async () => {
    const api = new (defineClass(server.origin, other.origin))();

    await api.elsewhereWithKey();
    await api.elsewhereWithToken();

    expect(server.requests).toHaveLength(0);
    expect(
      other.requests.map((r) => [r.url, r.headers.authorization, r.headers['x-api-key']]),
    ).toEqual([
      ['/x', undefined, 'method-key'],
      // The class's authScheme is a credential option too: the method's token goes as Bearer.
      ['/y', 'Bearer method-token', undefined],
    ]);
  });

  test("an absolute url on the class's own origin keeps the class's credentials, the method's added", async () => {
    const api = new (defineClass(server.origin, other.origin))();

    await api.sameOrigin();

    expect(other.requests).toHaveLength(0);
    expect(server.requests[0]!.headers).toMatchObject({
      authorization: 'Token CLASSTOKEN',
      'x-api-key': 'method-key',
    });
  });
});

test('a detached method uses the class it was declared in, whatever instances were made before', async () => {
  const other = await startServer();
  try {
    @ApiClient({ baseURL: `${server.origin}/base`, authToken: 'base-token' })
    class Base {
      @Get('/who')
      who(): Promise<Echo> {
        return declared();
      }
    }
    @ApiClient({ baseURL: `${other.origin}/sub`, authToken: 'sub-token' })
    class Sub extends Base {}
    // The subclass's instance is made last: it must not decide for the base class's methods.
    const base = new Base();
    const sub = new Sub();
    const { who } = base;
    const { who: subWho } = sub;

    await who();
    await base.who();
    await sub.who();
    await subWho();

    expect(server.requests.map((r) => [r.url, r.headers.authorization])).toEqual([
      ['/base/who', 'Bearer base-token'],
      ['/base/who', 'Bearer base-token'],
      // Without `this`, only the class that declared the method is known.
      ['/base/who', 'Bearer base-token'],
    ]);
    expect(other.requests.map((r) => [r.url, r.headers.authorization])).toEqual([
      ['/sub/who', 'Bearer sub-token'],
    ]);
  } finally {
    await other.close();
  }
});

test('a detached method wrapped by another decorator still uses the class it was declared in', async () => {
  const other = await startServer();
  // A method decorator that wraps the method, in either decorator mode.
  const logged: string[] = [];
  type Method = (this: unknown, ...args: unknown[]) => unknown;
  // What a decorator returns depends on its mode: a method, or a descriptor.
  const wrap = (...shape: unknown[]): any => {
    const wrapped = (fn: Method) =>
      function (this: unknown, ...args: unknown[]) {
        logged.push('called');
        return fn.apply(this, args);
      };
    if (shape.length === 2) return wrapped(shape[0] as Method);
    const descriptor = shape[2] as PropertyDescriptor;
    return { ...descriptor, value: wrapped(descriptor.value as Method) };
  };
  try {
    @ApiClient({ baseURL: `${server.origin}/base`, authToken: 'base-token' })
    class Base {
      @wrap
      @Get('/who')
      who(): Promise<Echo> {
        return declared();
      }
    }
    @ApiClient({ baseURL: `${other.origin}/sub`, authToken: 'sub-token' })
    class Sub extends Base {}
    const base = new Base();
    new Sub();
    const { who } = base;

    await who();

    expect(logged).toEqual(['called']);
    expect(other.requests).toHaveLength(0);
    expect(server.requests.map((r) => [r.url, r.headers.authorization])).toEqual([
      ['/base/who', 'Bearer base-token'],
    ]);
  } finally {
    await other.close();
  }
});

test('@ApiClient client may be a function of the instance (Nest: this.http.axiosRef), never changed', async () => {
  class HttpService {
    readonly axiosRef = axios.create({ baseURL: `${server.origin}/nest` });
  }
  @ApiClient({ client: (self: Users) => self.http.axiosRef, apiKey: 'k' })
  class Users {
    constructor(readonly http: HttpService) {}

    @Get('/users/{id}')
    getUser(_: { id: number }): Promise<Echo> {
      return declared();
    }
  }
  const http = new HttpService();

  const echo = await new Users(http).getUser({ id: 5 });
  await http.axiosRef.get('/plain');

  expect(echo.url).toBe('/nest/users/5');
  expect(server.requests.map((r) => r.headers['x-api-key'])).toEqual(['k', undefined]);
});

describe('mistakes', () => {
  test('a relative path in a class without @ApiClient is a ConfigurationError on the call, nothing sent', async () => {
    class Plain {
      @Get('/users')
      list(): Promise<unknown> {
        return declared();
      }
    }

    const error = await rejectionOf(new Plain().list());

    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toMatch(
      /^list: the url "\/users" is relative and there is no baseURL\. Give one \(baseURL on the declaration, @ApiClient\(\{ baseURL \}\) on its class/,
    );
    expect(server.requests).toHaveLength(0);
  });

  test('@ApiClient twice on one class is a ConfigurationError', () => {
    const error = thrownBy(() => {
      @ApiClient({ baseURL: server.origin })
      @ApiClient({ baseURL: server.origin })
      class Twice {}
      return Twice;
    });

    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toMatch(/@ApiClient is applied twice to Twice/);
  });

  test('@ApiClient on a method is a ConfigurationError', () => {
    const error = thrownBy(() => {
      class Wrong {
        // @ts-expect-error ApiClient decorates classes
        @ApiClient({ baseURL: server.origin })
        method(): void {}
      }
      return Wrong;
    });

    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toMatch(/@ApiClient\(\{…\}\) decorates a class/);
  });

  test('@Get on a getter is a ConfigurationError', () => {
    const error = thrownBy(() => {
      class Wrong {
        // A type error in legacy mode only (standard mode lets a method decorator onto a getter).
        @(Get('/x') as any)
        get value(): Promise<unknown> {
          return declared();
        }
      }
      return Wrong;
    });

    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toMatch(
      /Get\(…\) returns a decorator for a function .* (getter|accessor)/,
    );
  });

  test('@ApiClient with a baseURL that is not a string is a ConfigurationError at once', () => {
    const error = thrownBy(() => ApiClient({ baseURL: 42 as never }));

    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toBe(
      "@ApiClient: baseURL must be a string such as 'https://api.example.com'.",
    );
  });
});

describe('types', () => {
  test('a method must return a promise of the declared result', () => {
    interface User {
      name: string;
    }
    class Typed {
      @Get<User>('/users/1')
      good(): Promise<User> {
        return declared();
      }

      // @ts-expect-error the declared result is User, not string
      @Get<User>('/users/1')
      bad(): Promise<string> {
        return declared();
      }

      // @ts-expect-error asyncClient methods return void
      @asyncClient({ url: 'http://127.0.0.1/x' })
      notVoid(): Promise<number> {
        return declared();
      }
    }
    expect(typeof Typed.prototype.good).toBe('function');
  });

  test('params keys are the named arguments', () => {
    class Typed {
      @Get<unknown, { id: number }>('/users/{id}', { params: { id: Path() } })
      good(_: { id: number }): Promise<unknown> {
        return declared();
      }

      // @ts-expect-error no argument named nope
      @Get<unknown, { id: number }>('/users/{id}', { params: { nope: Query() } })
      bad(_: { id: number }): Promise<unknown> {
        return declared();
      }
    }
    expect(typeof Typed.prototype.good).toBe('function');
  });
});
