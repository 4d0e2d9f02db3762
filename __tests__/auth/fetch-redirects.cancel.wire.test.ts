import axios from 'axios';
import type { AxiosAdapter } from 'axios';
import { createClient } from '../../src/index';
import { useServer } from '../helpers/server';

const server = useServer((req, res) => {
  if (req.url === '/start') {
    res.statusCode = 302;
    res.setHeader('location', '/next');
  }
  res.end();
});

// A function around axios's http adapter: the package cannot tell what it wraps, so it follows
// the redirects hop by hop, and axios's http adapter, given a request whose signal is already
// aborted, rejects and sends it all the same. (The fetch adapter refuses such a request itself.)
test('a request cancelled between two hops of a redirect sends no further hop', async () => {
  const controller = new AbortController();
  const http = axios.getAdapter('http');
  // The caller's own code, run when the first hop's answer comes back, cancels the request.
  const adapter: AxiosAdapter = (config) =>
    http(config).then((response) => {
      if (response.status === 302) controller.abort();
      return response;
    });
  const api = createClient({ baseURL: server.origin, adapter, authToken: 'secret-token' });

  const error = await api
    .post('/start', { item: 'book' }, { signal: controller.signal })
    .catch((e: unknown) => e);

  expect(axios.isCancel(error)).toBe(true);
  await api.get('/after');
  expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /start', 'GET /after']);
});
