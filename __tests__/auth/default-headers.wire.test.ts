// An instance whose defaults already carry the auth header or the api-key header: that header
// wins (a header the request has always does), and attachAuth says so once.
import axios from 'axios';
import { attachAuth, type DequestEvent } from '../../src';
import { useServer } from '../helpers/server';

const server = useServer();

test('defaults.headers.common.Authorization wins over authToken, and attachAuth warns once', async () => {
  const instance = axios.create({ baseURL: server.origin });
  instance.defaults.headers.common['Authorization'] = 'Bearer leftover';
  const events: DequestEvent[] = [];
  const provider = jest.fn(() => 'fresh');

  attachAuth(instance, {
    authToken: provider,
    onEvent: (e: DequestEvent) => events.push(e),
  } as never);
  await instance.get('/a');
  await instance.get('/b');

  expect(server.requests.map((r) => r.headers.authorization)).toEqual([
    'Bearer leftover',
    'Bearer leftover',
  ]);
  expect(provider).not.toHaveBeenCalled();
  expect(events.filter((e) => e.type === 'config-warning')).toEqual([
    {
      type: 'config-warning',
      message:
        "attachAuth: the instance's defaults.headers.common['Authorization'] is set, and a header the request already has wins, " +
        "so authToken will not be sent. To send authToken, delete instance.defaults.headers.common['Authorization'].",
    },
  ]);
});

test('an api-key header given to axios.create, in another case, is found too', () => {
  const instance = axios.create({ baseURL: server.origin, headers: { 'X-Api-Key': 'old' } });
  const events: DequestEvent[] = [];

  attachAuth(instance, {
    authToken: 't',
    apiKey: 'k',
    onEvent: (e: DequestEvent) => events.push(e),
  } as never);

  expect(events).toEqual([
    {
      type: 'config-warning',
      message:
        "attachAuth: the instance's defaults.headers['X-Api-Key'] is set, and a header the request already has wins, " +
        "so apiKey will not be sent. To send apiKey, delete instance.defaults.headers['X-Api-Key'].",
    },
  ]);
});

test('no warning when the defaults leave the credential headers alone, or the key goes in the query', () => {
  const events: DequestEvent[] = [];
  const onEvent = (e: DequestEvent) => events.push(e);

  attachAuth(axios.create({ baseURL: server.origin, headers: { Accept: 'text/plain' } }), {
    authToken: 't',
    onEvent,
  } as never);
  attachAuth(axios.create({ baseURL: server.origin, headers: { 'x-api-key': 'old' } }), {
    apiKey: 'k',
    apiKeyQueryParam: 'api_key',
    onEvent,
  } as never);

  expect(events).toEqual([]);
});
