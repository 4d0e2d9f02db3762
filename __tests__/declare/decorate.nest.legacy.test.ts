// experimentalDecorators only (NestJS projects): parameter decorators name positional
// arguments, and a Nest service sends through HttpService.axiosRef.
import axios, { type AxiosInstance } from 'axios';
import {
  ApiClient,
  Body,
  ConfigurationError,
  declared,
  Form,
  Get,
  Header,
  InvalidParameterValueError,
  Path,
  Post,
  Query,
  syncClient,
} from '../../src';
import { ALICE, rejectionOf, thrownBy } from '../helpers/declare';
import { useServer } from '../helpers/server';

const server = useServer();

interface Echo {
  url: string;
  body: string;
}

// Nest's HttpModule.register({ baseURL }) configures the axios instance behind HttpService.
class HttpService {
  constructor(readonly axiosRef: AxiosInstance) {}
}
// Stands in for @Injectable(): a class decorator that records what it saw.
const injectables: unknown[] = [];
const Injectable = (): ClassDecorator => (target) => {
  injectables.push(target);
};

function defineUsersApi(origin: string) {
  @Injectable()
  @ApiClient({ client: (self: UsersApi) => self.http.axiosRef, authToken: () => 'nest-token' })
  class UsersApi {
    constructor(readonly http: HttpService) {}

    @Get('/users/{id}')
    getUser(@Path('id') id: number, @Query('city_name') city?: string): Promise<Echo> {
      return declared();
    }

    @Post('/users')
    createUser(@Body() user: typeof ALICE, @Query('dry_run') dryRun: boolean): Promise<Echo> {
      return declared();
    }

    @Post('/users')
    saveUser(
      @Form('name') name: string,
      @Form({ name: 'grade', type: Number }) grade: string,
      @Form('city') city: string,
      @Form('birthday') birthday: string,
    ): Promise<Echo> {
      return declared();
    }

    @Get('/users/{user_id}', { baseURL: `${origin}/v2` })
    getTyped(
      @Path({ name: 'user_id', type: Number }) id: unknown,
      @Header('X-Trace-Id') trace: string,
    ): Promise<Echo> {
      return declared();
    }

    @Get('/ping')
    static ping(@Query('n') n: number): Promise<Echo> {
      return declared();
    }
  }
  return UsersApi;
}

const nestApi = () => {
  const UsersApi = defineUsersApi(server.origin);
  return new UsersApi(new HttpService(axios.create({ baseURL: `${server.origin}/api` })));
};

test("parameter decorators place positional arguments: @Path('id') and @Query('city_name')", async () => {
  const echo = await nestApi().getUser(1, 'New York');

  expect(echo.url).toBe('/api/users/1?city_name=New+York');
  expect(server.requests[0]!.headers.authorization).toBe('Bearer nest-token');
});

test('a nameless @Body() is the whole JSON body; an optional argument left out is not sent', async () => {
  const api = nestApi();

  await api.createUser(ALICE, true);
  await api.getUser(2);

  expect(server.requests[0]!.url).toBe('/api/users?dry_run=true');
  expect(server.requests[0]!.body).toBe(JSON.stringify(ALICE));
  expect(server.requests[1]!.url).toBe('/api/users/2');
});

test('@Form fields send exactly name=Alice&grade=14&city=New+York&birthday=2000-01-01, in parameter order', async () => {
  await nestApi().saveUser('Alice', '14', 'New York', '2000-01-01');

  expect(server.requests[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded');
  expect(server.requests[0]!.body).toBe('name=Alice&grade=14&city=New+York&birthday=2000-01-01');
});

test('@Path with type Number and @Header; a method baseURL replaces the client one', async () => {
  await nestApi().getTyped('42', 'trace-1');

  expect(server.requests[0]!.url).toBe('/v2/users/42');
  expect(server.requests[0]!.headers['x-trace-id']).toBe('trace-1');
});

test('@Path({ type: Number }) given "elphant" is an InvalidParameterValueError before any request', async () => {
  const error = await rejectionOf(nestApi().getTyped('elphant', 't'));

  expect(error).toBeInstanceOf(InvalidParameterValueError);
  expect(error.message).toBe(
    'Invalid value for user_id: expected a number, got "elphant" (a string).',
  );
  expect(server.requests).toHaveLength(0);
});

test('the Nest class keeps its other decorators, and the HttpService instance is never changed', async () => {
  const http = new HttpService(axios.create({ baseURL: `${server.origin}/api` }));
  const UsersApi = defineUsersApi(server.origin);
  const before = JSON.stringify(http.axiosRef.defaults.headers);

  await new UsersApi(http).getUser(1);
  await http.axiosRef.get('/plain');

  expect(injectables).toContain(UsersApi);
  expect(JSON.stringify(http.axiosRef.defaults.headers)).toBe(before);
  expect(server.requests[1]!.headers.authorization).toBeUndefined();
});

test('parameter decorators work on static methods', async () => {
  const UsersApi = defineUsersApi(server.origin);
  // A static method has no instance to take the client from, so give the class a plain one.
  @ApiClient({ baseURL: `${server.origin}/static` })
  class Health extends UsersApi {}

  const echo = await Health.ping(3);

  expect(echo.url).toBe('/static/ping?n=3');
});

test('it works when reflect-metadata is loaded, as in every Nest app', async () => {
  const reflect = Reflect as unknown as { metadata?: unknown; getMetadata?: unknown };
  const store = new Map<unknown, unknown>();
  // What reflect-metadata's Reflect.metadata does: a decorator that records, returning nothing.
  reflect.metadata =
    (key: string, value: unknown) => (_target: object, property?: string | symbol) => {
      store.set(`${String(property)}:${key}`, value);
    };
  try {
    @ApiClient({ baseURL: server.origin })
    class WithMetadata {
      @Get('/items/{id}')
      getItem(@Path('id') id: number): Promise<Echo> {
        return declared();
      }
    }

    const echo = await new WithMetadata().getItem(8);

    expect(echo.url).toBe('/items/8');
    expect(store.get('getItem:design:paramtypes')).toEqual([Number]);
  } finally {
    delete reflect.metadata;
  }
});

describe('mistakes fail where the class is declared', () => {
  test('an undecorated parameter is a ConfigurationError', () => {
    const error = thrownBy(() => {
      class Api {
        @Get(`${server.origin}/users/{id}`)
        getUser(@Path('id') id: number, city: string): Promise<Echo> {
          return declared();
        }
      }
      return Api;
    });

    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toMatch(/^Get on getUser: parameter 2 has no decorator/);
  });

  test('@Query() without a name is a ConfigurationError (parameter names are not known at run time)', () => {
    const error = thrownBy(() => {
      class Api {
        @Get(`${server.origin}/users`)
        list(@Query() city: string): Promise<Echo> {
          return declared();
        }
      }
      return Api;
    });

    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toMatch(
      /@Query\(\) on parameter 1 needs a name, e\.g\. @Query\('user_id'\)/,
    );
  });

  test('a @Path with no placeholder in the url is a ConfigurationError', () => {
    const error = thrownBy(() => {
      class Api {
        @Get(`${server.origin}/users/{id}`)
        getUser(@Path('uid') id: number): Promise<Echo> {
          return declared();
        }
      }
      return Api;
    });

    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toMatch(
      /@Path\('uid'\) on parameter 1 is a path parameter, but the url .* has no \{uid\}/,
    );
  });

  test('parameter decorators together with args are a ConfigurationError', () => {
    const error = thrownBy(() => {
      class Api {
        @Get(`${server.origin}/users/{id}`, { args: ['id'] })
        getUser(@Path('id') id: number): Promise<Echo> {
          return declared();
        }
      }
      return Api;
    });

    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toMatch(
      /its parameters are decorated .* so it takes no args or params option/,
    );
  });

  test('a JSON body and a form together are a ConfigurationError', () => {
    const error = thrownBy(() => {
      class Api {
        @Post(`${server.origin}/users`)
        save(@Body('a') a: string, @Form('b') b: string): Promise<Echo> {
          return declared();
        }
      }
      return Api;
    });

    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toMatch(/both JSON body \(a\) and form \(b\)/);
  });

  test('@Path on a constructor parameter is a ConfigurationError', () => {
    const error = thrownBy(() => {
      class Api {
        constructor(@Path('id') readonly id: number) {}
      }
      return Api;
    });

    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toMatch(/decorates a parameter of a declared method/);
  });

  test('syncClient used as a parameter decorator is a ConfigurationError', () => {
    const error = thrownBy(() => {
      class Api {
        method(@(syncClient({ url: server.origin }) as ParameterDecorator) a: string): void {}
      }
      return Api;
    });

    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toMatch(/it was applied to parameter 1 of method/);
  });
});

test('more arguments than decorated parameters is a ConfigurationError on the call, nothing sent', async () => {
  const api = nestApi() as unknown as { getUser(...args: unknown[]): Promise<unknown> };

  const error = await rejectionOf(api.getUser(1, 'Paris', 'extra'));

  expect(error).toBeInstanceOf(ConfigurationError);
  expect(error.message).toBe('getUser takes 2 arguments (id, city_name), but was called with 3.');
  expect(server.requests).toHaveLength(0);
});
