// A path parameter fills one segment of the url: whatever its value, it cannot move the request
// (and the credentials it carries) to another path. Run with standard and legacy decorators.
import axios from 'axios';
import {
  ApiClient,
  asyncClient,
  declared,
  Get,
  InvalidParameterValueError,
  Path,
  syncClient,
} from '../../src';
import { hasFetchAdapter } from '../helpers/axios-features';
import { deferred, rejectionOf } from '../helpers/declare';
import { useServer } from '../helpers/server';

const server = useServer();
const TOKEN = 'path-param-s3cr3t';

// Each would leave /api/users/{id}/profile: '..' and its encodings climb a segment, '.' and
// its encodings drop one, '' leaves `users//profile` (or `//host` at the start of a url).
const MOVING = ['..', '.', '', '%2e%2e', '%2E%2e', '.%2e', '%2e', '%2E'];

describe.each(['http', 'fetch'] as const)('with the %s adapter', (adapter) => {
  const describeIf = adapter === 'fetch' && !hasFetchAdapter ? describe.skip : describe;

  describeIf('a path parameter cannot move the request', () => {
    const client = () => axios.create({ adapter });

    test.each(MOVING)(
      'syncClient: id %j is an InvalidParameterValueError naming id; nothing is sent',
      async (id) => {
        const getProfile = syncClient({
          client: client(),
          url: `${server.origin}/api/users/{id}/profile`,
          authToken: TOKEN,
        })(function getProfile(_: { id: string }) {});

        const error = await rejectionOf(getProfile({ id }));

        expect(error).toBeInstanceOf(InvalidParameterValueError);
        expect((error as InvalidParameterValueError).parameter).toBe('id');
        expect(error.message).toMatch(/^Invalid value for id: a path parameter cannot be/);
        expect(server.requests).toEqual([]);
      },
    );

    test('an empty leading path value cannot make the url protocol-relative', async () => {
      const fetchPath = syncClient({
        client: axios.create({ adapter, baseURL: server.origin }),
        url: '/{tenant}/data',
        authToken: TOKEN,
      })(function fetchPath(_: { tenant: string }) {});

      const error = await rejectionOf(fetchPath({ tenant: '' }));

      expect((error as InvalidParameterValueError).parameter).toBe('tenant');
      expect(server.requests).toEqual([]);
    });

    test('a converter that returns ".." is caught after conversion; a Path alias is named by its argument', async () => {
      const getProfile = syncClient({
        client: client(),
        url: `${server.origin}/api/users/{user_id}/profile`,
        authToken: TOKEN,
        params: { userId: Path({ name: 'user_id', type: (v) => String(v).trim() }) },
      })(function getProfile(_: { userId: string }) {});

      const error = await rejectionOf(getProfile({ userId: ' .. ' }));

      expect((error as InvalidParameterValueError).parameter).toBe('userId');
      expect(server.requests).toEqual([]);
    });

    test('a placeholder in the query fills no path segment: "" and ".." are sent there as they are', async () => {
      const search = syncClient({
        client: client(),
        url: `${server.origin}/api/search?q={q}&near={near}`,
        authToken: TOKEN,
      })(function search(_: { q: string; near: string }) {});

      await search({ q: '', near: '..' });

      expect(server.requests.map((r) => r.url)).toEqual(['/api/search?q=&near=..']);
    });

    test('asyncClient: onError gets the InvalidParameterValueError; nothing is sent', async () => {
      const failed = deferred<unknown>();
      const touch = asyncClient({
        client: client(),
        url: `${server.origin}/api/users/{id}/profile`,
        method: 'POST',
        authToken: TOKEN,
        onError: failed.resolve,
      })(function touch(_: { id: string }) {});

      touch({ id: '..' });

      const error = (await failed.promise) as InvalidParameterValueError;
      expect(error).toBeInstanceOf(InvalidParameterValueError);
      expect(error.parameter).toBe('id');
      expect(server.requests).toEqual([]);
    });

    test('a class method with params: { id: Path() } rejects ".."; a value with dots in it is sent', async () => {
      @ApiClient({ baseURL: server.origin, authToken: TOKEN, client: client() })
      class Users {
        @Get('/api/users/{id}/profile', { params: { id: Path() } })
        profile(_: { id: string }): Promise<{ url: string }> {
          return declared();
        }
      }
      const users = new Users();

      const error = await rejectionOf(users.profile({ id: '..' }));
      const sent = await users.profile({ id: '...' });
      const dotted = await users.profile({ id: 'v1.2' });

      expect((error as InvalidParameterValueError).parameter).toBe('id');
      expect([sent.url, dotted.url]).toEqual(['/api/users/.../profile', '/api/users/v1.2/profile']);
      expect(server.requests.map((r) => r.headers.authorization)).toEqual([
        `Bearer ${TOKEN}`,
        `Bearer ${TOKEN}`,
      ]);
    });
  });
});
