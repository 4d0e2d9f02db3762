// declared() runs only when the method it is the body of was not declared: it says so, and
// which import to check, instead of returning undefined.
import { ConfigurationError, declared, isConfigurationError } from '../../src';
import { thrownBy } from '../helpers/declare';

const ADVICE =
  "Decorate it with @Get(…), @Post(…), @Put(…), @Patch(…), @Delete(…) or @syncClient({…}) from 'axios-dequest'. " +
  "Get, Post, Put, Patch and Delete from '@nestjs/common' declare controller routes, not calls: " +
  "import them from 'axios-dequest' (renamed where a file needs both: import { Get as GetCall } from 'axios-dequest').";

test('a method without a declaring decorator throws a ConfigurationError naming it', () => {
  class UsersApi {
    getUser(_: { id: number }): Promise<unknown> {
      return declared();
    }
  }

  const error = thrownBy(() => new UsersApi().getUser({ id: 1 }));

  expect(error).toBeInstanceOf(ConfigurationError);
  expect(isConfigurationError(error)).toBe(true);
  expect(error.message).toBe(
    `declared() ran in UsersApi.getUser, so it is not a declared call and nothing was sent. ${ADVICE}`,
  );
});

test('a plain function is named too', () => {
  function getData(): Promise<unknown> {
    return declared();
  }

  expect(thrownBy(getData).message).toBe(
    `declared() ran in getData, so it is not a declared call and nothing was sent. ${ADVICE}`,
  );
});
