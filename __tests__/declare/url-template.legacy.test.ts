// experimentalDecorators only: a parameter decorated @Path('id') is held to the same rule as
// any path argument: it cannot move the request to another path.
import axios from 'axios';
import { ApiClient, declared, Get, InvalidParameterValueError, Path } from '../../src';
import { hasFetchAdapter } from '../helpers/axios-features';
import { rejectionOf } from '../helpers/declare';
import { useServer } from '../helpers/server';

const server = useServer();

describe.each(['http', 'fetch'] as const)('with the %s adapter', (adapter) => {
  const testIf = adapter === 'fetch' && !hasFetchAdapter ? test.skip : test;

  testIf.each(['..', '.', '', '%2e%2E'])(
    "@Path('id') given %j is an InvalidParameterValueError naming id; nothing is sent",
    async (id) => {
      @ApiClient({
        baseURL: server.origin,
        authToken: 'legacy-s3cr3t',
        client: axios.create({ adapter }),
      })
      class Users {
        @Get('/api/users/{id}/profile')
        profile(@Path('id') id: string): Promise<unknown> {
          return declared();
        }
      }

      const error = await rejectionOf(new Users().profile(id));

      expect(error).toBeInstanceOf(InvalidParameterValueError);
      expect((error as InvalidParameterValueError).parameter).toBe('id');
      expect(server.requests).toEqual([]);
    },
  );
});
