// The response cache of declared calls: one user's cached response is never another's, and a
// cache on a call that changes data is refused where it is declared.
import axios from 'axios';
import {
  ApiClient,
  ConfigurationError,
  declared,
  Get,
  HttpMethod,
  Post,
  syncClient,
  type CredentialContext,
} from '../../src';
import { thrownBy } from '../helpers/declare';
import { useServer } from '../helpers/server';

const server = useServer((req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ me: req.headers.authorization ?? 'nobody' }));
});

class Session {
  constructor(readonly token: string) {}
}

test('@ApiClient with cache, authToken from ctx.self: alice, bob, alice → 2 requests, each gets their own body', async () => {
  @ApiClient({
    baseURL: server.origin,
    authToken: ({ self }: CredentialContext<Me>) => self.session.token,
    cache: true,
  })
  class Me {
    constructor(readonly session: Session) {}

    @Get('/me')
    me(): Promise<{ me: string }> {
      return declared();
    }
  }
  const alice = new Me(new Session('alice'));
  const bob = new Me(new Session('bob'));

  const bodies = [await alice.me(), await bob.me(), await alice.me()];

  expect(bodies).toEqual([{ me: 'Bearer alice' }, { me: 'Bearer bob' }, { me: 'Bearer alice' }]);
  expect(server.requests).toHaveLength(2);
});

test.each([
  ['its own client', undefined],
  ['the client given', 'given'],
] as const)(
  'a declared function with cache and a token provider, through %s: each user gets their own body',
  async (_name, given) => {
    let user = 'alice';
    const getMe = syncClient<{ me: string }>({
      url: `${server.origin}/me`,
      authToken: () => user,
      cache: { ttl: 60_000 },
      ...(given === undefined ? {} : { client: axios.create() }),
    })(function getMe() {});

    const bodies: unknown[] = [];
    for (const next of ['alice', 'bob', 'alice', 'bob']) {
      user = next;
      bodies.push(await getMe());
    }

    expect(bodies.map((body) => (body as { me: string }).me)).toEqual([
      'Bearer alice',
      'Bearer bob',
      'Bearer alice',
      'Bearer bob',
    ]);
    expect(server.requests).toHaveLength(2);
  },
);

test('cache on a declared POST is a ConfigurationError where it is declared', () => {
  const onFunction = thrownBy(() =>
    syncClient({ url: `${server.origin}/users`, method: HttpMethod.POST, cache: true })(
      function createUser() {},
    ),
  );
  const onMethod = thrownBy(() => {
    class Users {
      @Post('/users', { cache: { ttl: 1_000 } })
      createUser(): Promise<unknown> {
        return declared();
      }
    }
    return Users;
  });

  for (const error of [onFunction, onMethod]) {
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toMatch(
      /createUser: cache applies to GET and HEAD only, and this call is POST/,
    );
  }
  expect(server.requests).toHaveLength(0);
});

test("a class's cache serves its GETs and leaves its POSTs alone", async () => {
  @ApiClient({ baseURL: server.origin, authToken: 'alice', cache: true })
  class Users {
    @Get('/me')
    me(): Promise<unknown> {
      return declared();
    }

    @Post('/me')
    update(_: { name: string }): Promise<unknown> {
      return declared();
    }
  }
  const api = new Users();

  await api.me();
  await api.me();
  await api.update({ name: 'a' });
  await api.update({ name: 'a' });

  expect(server.requests.map((r) => r.method)).toEqual(['GET', 'POST', 'POST']);
});

test('refreshOn with retries and cache: one refresh, one replay, the 401 neither retried nor cached', async () => {
  server.handle((req, res) => {
    res.statusCode = req.headers.authorization === 'Bearer new' ? 200 : 401;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ me: req.headers.authorization }));
  });
  const refreshes: boolean[] = [];
  let token = 'old';
  const getMe = syncClient<{ me: string }>({
    url: `${server.origin}/me`,
    authToken: ({ refresh }) => {
      refreshes.push(refresh);
      if (refresh) token = 'new';
      return token;
    },
    refreshOn: [401],
    retries: 2,
    retryDelay: 0,
    retryOn: [401, 503],
    cache: true,
  })(function getMe() {});

  const bodies = [await getMe(), await getMe()];

  expect(bodies).toEqual([{ me: 'Bearer new' }, { me: 'Bearer new' }]);
  expect(server.requests.map((r) => r.headers.authorization)).toEqual(['Bearer old', 'Bearer new']);
  expect(refreshes).toEqual([false, true, false]);
});
