// attachAuth refuses a slip of a credential option's name instead of attaching nothing.
import axios from 'axios';
import { attachAuth, ConfigurationError } from '../../src';
import { thrownBy } from '../helpers/declare';

test('attachAuth(i, { apikey }) is a ConfigurationError that says what was meant', () => {
  const instance = axios.create({ baseURL: 'https://api.example.com' });

  const error = thrownBy(() => attachAuth(instance, { apikey: 'k' } as never));

  expect(error).toBeInstanceOf(ConfigurationError);
  expect(error.message).toBe(
    'attachAuth: unknown option apikey (did you mean apiKey?); left as it is, it would be ignored.',
  );
  // Nothing was attached: the instance has no interceptor of ours.
  expect((instance.interceptors.request as unknown as { handlers: unknown[] }).handlers).toEqual(
    [],
  );
});

test('attachAuth(i, { auth_token, allowed_origins }) names both slips', () => {
  const error = thrownBy(() =>
    attachAuth(axios.create(), { auth_token: 't', allowed_origins: '*' } as never),
  );

  expect(error.message).toBe(
    'attachAuth: unknown options auth_token (did you mean authToken?), allowed_origins (did you mean allowedOrigins?); left as they are, they would be ignored.',
  );
});
