// A provider's failure becomes a CredentialError whose cause prints no secret: the hand-written
// OAuth recipe (a token request with `auth`) failing with 500 used to print the client secret.
import { format, inspect } from 'node:util';
import axios from 'axios';
import { createClient, isCredentialError } from '../../src';
import { useServer } from '../helpers/server';

const server = useServer();
const CLIENT_SECRET = 'recipe-client-secret';

test('a hand-written token provider failing with 500: the CredentialError prints no client secret', async () => {
  server.handle((req, res) => {
    res.statusCode = req.url === '/oauth/token' ? 500 : 200;
    res.end('{}');
  });
  const oauth = axios.create({ baseURL: server.origin });
  const fetchAccessToken = async (): Promise<string> => {
    const { data } = await oauth.post<{ access_token: string }>(
      '/oauth/token',
      new URLSearchParams({ grant_type: 'client_credentials', client_secret: CLIENT_SECRET }),
      { auth: { username: 'app', password: CLIENT_SECRET } },
    );
    return data.access_token;
  };
  const api = createClient({ baseURL: server.origin, authToken: fetchAccessToken });

  const error = await api.get('/orders').then(
    () => new Error('expected a failure') as Error & { cause: any },
    (e: unknown) => e as Error & { cause: any },
  );

  expect(isCredentialError(error)).toBe(true);
  expect(axios.isAxiosError(error.cause)).toBe(true);
  expect(error.cause.response.status).toBe(500);
  const logged: string[] = [];
  const spy = jest.spyOn(console, 'error').mockImplementation((...args) => {
    logged.push(format(...args));
  });
  console.error(error);
  spy.mockRestore();
  for (const printed of [
    inspect(error, { depth: Infinity }),
    logged.join('\n'),
    JSON.stringify(error),
    JSON.stringify(error.cause.toJSON()),
  ]) {
    expect(printed).not.toContain(CLIENT_SECRET);
  }
  expect(server.requests.map((request) => request.url)).toEqual(['/oauth/token']);
});
