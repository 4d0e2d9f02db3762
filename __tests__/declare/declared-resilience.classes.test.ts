// Resilience options on @ApiClient and on its methods: a method's own win over its class's, one
// by one. Runs with standard and with legacy decorators (both jest projects).
import axios from 'axios';
import { ApiClient, CircuitBreaker, declared, Get, Post, syncClient } from '../../src';
import type { DequestEvent } from '../../src';
import { rejectionOf } from '../helpers/declare';
import { useServer } from '../helpers/server';

let status = 503;
const server = useServer((req, res) => {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ url: req.url }));
});
beforeEach(() => {
  status = 503;
});

const countOf = (path: string): number => server.requests.filter((r) => r.url === path).length;

test('a method’s retries win over its class’s; the others keep the class’s', async () => {
  @ApiClient({ baseURL: server.origin, retries: 1, retryDelay: 0 })
  class Api {
    @Get('/class')
    byClass(): Promise<unknown> {
      return declared();
    }

    @Get('/method', { retries: 3 })
    byMethod(): Promise<unknown> {
      return declared();
    }

    @Get('/none', { retries: 0 })
    none(): Promise<unknown> {
      return declared();
    }
  }
  const api = new Api();

  const errors = [
    await rejectionOf(api.byClass()),
    await rejectionOf(api.byMethod()),
    await rejectionOf(api.none()),
  ];

  expect([countOf('/class'), countOf('/method'), countOf('/none')]).toEqual([2, 4, 1]);
  expect(errors.map((e) => e.message.replace(server.origin, ''))).toEqual([
    'GET /class failed after 2 attempts: status 503 Service Unavailable',
    'GET /method failed after 4 attempts: status 503 Service Unavailable',
    'Request failed with status 503 Service Unavailable: GET /none',
  ]);
});

test('a method with retries of its own keeps its class’s breaker and cache', async () => {
  const breaker = new CircuitBreaker({ failureThreshold: 1, fallback: () => 'fallback' });
  @ApiClient({ baseURL: server.origin, circuitBreaker: breaker, cache: true })
  class Api {
    @Get('/items', { retries: 2, retryDelay: 0 })
    items(): Promise<unknown> {
      return declared();
    }

    @Get('/down', { retries: 2, retryDelay: 0 })
    down(): Promise<unknown> {
      return declared();
    }
  }
  const api = new Api();
  status = 200;
  const cached = [await api.items(), await api.items()]; // the second from the class's cache
  status = 500;
  await rejectionOf(api.down()); // 3 attempts, then the class's breaker opens
  const refused = await api.down();

  expect(cached).toEqual([{ url: '/items' }, { url: '/items' }]);
  expect([countOf('/items'), countOf('/down')]).toEqual([1, 3]);
  expect([breaker.state, refused]).toEqual(['OPEN', 'fallback']);
});

test('a method’s own breaker and a method that adds its own transport still get the resilience', async () => {
  const classBreaker = new CircuitBreaker({ failureThreshold: 5 });
  const methodBreaker = new CircuitBreaker({ failureThreshold: 1, fallback: () => 'own' });
  @ApiClient({ baseURL: server.origin, circuitBreaker: classBreaker, retries: 1, retryDelay: 0 })
  class Api {
    @Get('/guarded', { circuitBreaker: methodBreaker })
    guarded(): Promise<unknown> {
      return declared();
    }

    @Post('/token', { authToken: 'method-token', retryMethods: ['POST'] })
    post(): Promise<unknown> {
      return declared();
    }
  }
  const api = new Api();

  await rejectionOf(api.guarded());
  const refused = await api.guarded();
  await rejectionOf(api.post());

  expect(refused).toBe('own');
  expect([methodBreaker.state, classBreaker.state]).toEqual(['OPEN', 'CLOSED']);
  expect([countOf('/guarded'), countOf('/token')]).toEqual([2, 2]);
  expect(server.requests.at(-1)?.headers.authorization).toBe('Bearer method-token');
});

test('a class whose client is given: the plan rides on each request, the instance is not changed', async () => {
  const client = axios.create({ baseURL: server.origin });
  @ApiClient({ client, retries: 2, retryDelay: 0 })
  class Api {
    @Get('/items')
    items(): Promise<unknown> {
      return declared();
    }
  }

  await rejectionOf(new Api().items());
  await rejectionOf(client.get('/items'));

  expect(countOf('/items')).toBe(4);
});

test('misspelt or wrong resilience options are refused where they are written', () => {
  expect(() => ApiClient({ baseURL: server.origin, retry_delay: 2 } as never)).toThrow(
    /@ApiClient: unknown option retry_delay \(did you mean retryDelay\?\)/,
  );
  expect(() =>
    syncClient({ url: `${server.origin}/x`, circuitBreaker: {} as never })(function x() {}),
  ).toThrow(/syncClient on x: circuitBreaker takes a CircuitBreaker instance/);
});

test('cache: false on a method leaves its class’s cache out for it only', async () => {
  status = 200;
  @ApiClient({ baseURL: server.origin, cache: true })
  class Api {
    @Get('/cached')
    cached(): Promise<unknown> {
      return declared();
    }

    @Get('/live', { cache: false })
    live(): Promise<unknown> {
      return declared();
    }
  }
  const api = new Api();

  for (let i = 0; i < 2; i++) {
    await api.cached();
    await api.live();
  }

  expect([countOf('/cached'), countOf('/live')]).toEqual([1, 2]);
});

test('onEvent on @ApiClient gets the retries of its methods, a method’s own onEvent those of its own', async () => {
  const byClass: string[] = [];
  const byMethod: string[] = [];
  const note = (list: string[]) => (event: DequestEvent) => list.push(event.type);
  @ApiClient({ baseURL: server.origin, retries: 1, retryDelay: 0, onEvent: note(byClass) })
  class Api {
    @Get('/class')
    byClass(): Promise<unknown> {
      return declared();
    }

    @Get('/method', { retries: 2, onEvent: note(byMethod) })
    byMethod(): Promise<unknown> {
      return declared();
    }
  }
  const api = new Api();

  await rejectionOf(api.byClass());
  await rejectionOf(api.byMethod());

  expect(byClass.filter((type) => type.startsWith('retry-'))).toEqual([
    'retry-scheduled',
    'retry-gave-up',
  ]);
  expect(byMethod.filter((type) => type.startsWith('retry-'))).toEqual([
    'retry-scheduled',
    'retry-scheduled',
    'retry-gave-up',
  ]);
});
