// allowedOrigins names origins: scheme, host and port. An entry with more is a mistake that
// would allow every path of the host, so it is refused when auth is attached.
import axios from 'axios';
import { attachAuth, ConfigurationError, createClient } from '../../src';
import { thrownBy } from '../helpers/declare';

describe('an allowedOrigins entry with a path, query or fragment is a ConfigurationError', () => {
  test.each([
    'https://api.example.com/v1',
    'https://api.example.com/v1/',
    'https://api.example.com?tenant=a',
    'https://api.example.com/?tenant=a',
    'https://api.example.com#users',
    'https://api.example.com\\v1',
  ])('%j', (entry) => {
    for (const attach of [
      () => attachAuth(axios.create(), { authToken: 't', allowedOrigins: [entry] }),
      () => createClient({ authToken: 't', allowedOrigins: entry }),
    ]) {
      const error = thrownBy(attach);

      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error.message).toContain('origins have no path');
      expect(error.message).toContain(`Write "${new URL(entry).origin}"`);
    }
    // What the message suggests is accepted, with or without its trailing slash.
    for (const origin of [new URL(entry).origin, `${new URL(entry).origin}/`]) {
      expect(() =>
        attachAuth(axios.create(), { authToken: 't', allowedOrigins: [origin] }),
      ).not.toThrow();
    }
  });
});
