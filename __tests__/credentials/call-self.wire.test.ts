// A declared method's providers get the object it was called on as ctx.self, on the wire, in a
// refresh too; the request config carries it without ever printing it.
import { inspect } from 'node:util';
import axios from 'axios';
import {
  ApiClient,
  cachedCredential,
  declared,
  Get,
  isHttpStatusError,
  syncClient,
  type CredentialContext,
} from '../../src';
import { rejectionOf } from '../helpers/declare';
import { useServer } from '../helpers/server';

const server = useServer();

class TokenService {
  constructor(readonly token: string) {}
  current(): string {
    return this.token;
  }
}

function usersApi(origin: string) {
  @ApiClient({
    baseURL: origin,
    authToken: ({ self }: CredentialContext<UsersApi>) => self.tokens.current(),
  })
  class UsersApi {
    constructor(readonly tokens: TokenService) {}

    @Get('/me')
    me(): Promise<unknown> {
      return declared();
    }
  }
  return UsersApi;
}

test("each instance's provider reaches its own injected service through ctx.self", async () => {
  const UsersApi = usersApi(server.origin);

  await new UsersApi(new TokenService('alice-token')).me();
  await new UsersApi(new TokenService('bob-token')).me();

  expect(server.requests.map((r) => r.headers.authorization)).toEqual([
    'Bearer alice-token',
    'Bearer bob-token',
  ]);
});

test('through a client of your own, and in the refresh after a 401, ctx.self is the same object', async () => {
  server.handle((req, res) => {
    res.statusCode = req.headers.authorization === 'Bearer renewed' ? 200 : 401;
    res.end('{}');
  });
  const seen: unknown[] = [];
  class Api {
    token = 'stale';
    readonly http = axios.create({ baseURL: server.origin });

    @syncClient({
      url: '/data',
      client: (self: Api) => self.http,
      authToken: ({ self, refresh }: CredentialContext<Api>) => {
        seen.push(self);
        if (refresh) self.token = 'renewed';
        return self.token;
      },
      refreshOn: [401],
    })
    data(): Promise<unknown> {
      return declared();
    }
  }
  const api = new Api();

  await api.data();

  expect(server.requests.map((r) => r.headers.authorization)).toEqual([
    'Bearer stale',
    'Bearer renewed',
  ]);
  expect(seen).toEqual([api, api]);
  expect(seen[0]).toBe(api);
});

test('ctx.self is undefined outside declared calls, and a cachedCredential passes it on', async () => {
  const selves: unknown[] = [];
  const provider = cachedCredential(
    ({ self }) => {
      selves.push(self);
      return 't';
    },
    { ttl: 0 },
  );
  const getData = syncClient({ url: `${server.origin}/data`, authToken: provider })(
    function getData() {},
  );
  const holder = { getData };

  await holder.getData();
  await axios.get(`${server.origin}/x`); // unrelated, untouched

  expect(selves).toEqual([holder]);
});

test('an error of a declared call prints neither the object nor what it holds', async () => {
  server.handle((_req, res) => {
    res.statusCode = 500;
    res.end('{}');
  });
  const UsersApi = usersApi(server.origin);
  const api = new UsersApi(new TokenService('secret-in-a-service'));

  const error = await rejectionOf(api.me());

  expect(isHttpStatusError(error)).toBe(true);
  const config = (error.cause as { config: object }).config;
  for (const printed of [inspect(error, { depth: 10 }), JSON.stringify(config), inspect(config)]) {
    expect(printed).not.toContain('secret-in-a-service');
  }
  expect(JSON.stringify(config)).toContain('"__axiosDequestSelf":"[axios-dequest self]"');
});
