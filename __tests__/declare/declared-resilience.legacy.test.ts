// experimentalDecorators only: a method whose parameters are decorated (@Path, @Query, as in
// Nest) takes positional arguments, and its breaker's fallback gets them as they were given.
import axios from 'axios';
import { ApiClient, CircuitBreaker, declared, Get, Path, Query } from '../../src';
import { rejectionOf } from '../helpers/declare';
import { useServer } from '../helpers/server';

const server = useServer((_req, res) => {
  res.statusCode = 503;
  res.end('{}');
});

test.each([
  ['its own client', false],
  ['the client given', true],
])(
  'through %s: retried, then the open breaker answers with the fallback of the positional arguments',
  async (_name, given) => {
    const breaker = new CircuitBreaker({
      failureThreshold: 1,
      fallback: (id: number, city: string) => ({ id, city, cached: true }),
    });
    @ApiClient({
      baseURL: server.origin,
      retries: 1,
      retryDelay: 0,
      circuitBreaker: breaker,
      ...(given ? { client: axios.create() } : {}),
    })
    class Users {
      @Get('/users/{id}')
      getUser(@Path('id') id: number, @Query('city_name') city: string): Promise<unknown> {
        return declared();
      }
    }
    const api = new Users();

    const first = await rejectionOf(api.getUser(1, 'Paris'));
    const second = await api.getUser(2, 'Berlin');

    expect(first.message).toBe(
      `GET ${server.origin}/users/1 failed after 2 attempts: status 503 Service Unavailable`,
    );
    expect(second).toEqual({ id: 2, city: 'Berlin', cached: true });
    expect(server.requests.map((r) => r.url)).toEqual([
      '/users/1?city_name=Paris',
      '/users/1?city_name=Paris',
    ]);
  },
);
