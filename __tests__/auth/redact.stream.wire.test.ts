// A stream response is what the adapter read from: with the http adapter, Node's IncomingMessage,
// whose `req` (and `socket`) still hold the request as it was sent. Printing the response, or the
// error of a failed stream request, must show no credential, and the stream must still be read.
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import util from 'node:util';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { attachAuth, createClient, type AuthOptions } from '../../src';
import { hasFetchAdapter } from '../helpers/axios-features';
import { useServer, type Handler } from '../helpers/server';

// Every credential below contains this marker, so one search finds any of them wherever it ends up.
const MARK = 'stream-c0nf1dential';
const TOKEN = `tok-${MARK}-bearer`;
const KEY = `key-${MARK}-apikey`;
const BODY = 'the body of the download, '.repeat(200);

type Adapter = 'http' | 'fetch';

/** What a developer at a REPL or a log line could print of a value. */
const printings = (value: unknown): Record<string, string> => ({
  'util.inspect': util.inspect(value),
  'util.inspect depth Infinity': util.inspect(value, { depth: Infinity }),
  'util.inspect depth Infinity showHidden': util.inspect(value, {
    depth: Infinity,
    showHidden: true,
  }),
  String: String(value),
  stack: String((value as { stack?: unknown }).stack),
});

const expectNoCredential = (value: unknown): void => {
  for (const [how, text] of Object.entries(printings(value))) {
    expect({ how, leaks: text.includes(MARK) }).toEqual({ how, leaks: false });
  }
};

/** Reads a stream to its end by piping it, as a download to a file would. */
async function readByPiping(stream: unknown): Promise<string> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  if (stream instanceof ReadableStream) {
    for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>)
      chunks.push(Buffer.from(chunk));
  } else {
    await pipeline(stream as NodeJS.ReadableStream, sink);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const credentialCases: [string, AuthOptions][] = [
  ['a token and an api key header', { authToken: TOKEN, apiKey: KEY }],
  ['an api key query parameter', { apiKey: KEY, apiKeyQueryParam: 'k' }],
  ['providers', { authToken: async () => TOKEN, apiKey: () => KEY }],
];

const serve: Handler = (req, res) => {
  // One same-origin hop first, so that follow-redirects' URLs (with the query key) are in play.
  if (req.url?.startsWith('/dl')) {
    res.writeHead(302, { location: `/file${req.url.slice('/dl'.length)}` });
    res.end();
    return;
  }
  res.statusCode = req.url?.startsWith('/file/missing') ? 404 : 200;
  res.setHeader('content-type', 'application/octet-stream');
  res.end(BODY);
};

describe.each<Adapter>(['http', 'fetch'])('a stream response with the %s adapter', (adapter) => {
  const describeIf = adapter === 'fetch' && !hasFetchAdapter ? describe.skip : describe;
  const server = useServer(serve);

  describeIf.each(credentialCases)('with %s', (_name, options) => {
    const ways: [string, () => AxiosInstance][] = [
      ['createClient', () => createClient({ baseURL: server.origin, adapter, ...options })],
      [
        'attachAuth',
        () => {
          const instance = axios.create({ baseURL: server.origin, adapter });
          attachAuth(instance, options);
          return instance;
        },
      ],
    ];

    test.each(ways)(
      'through %s prints no credential, and still reads and pipes',
      async (_way, make) => {
        const api = make();
        const response: AxiosResponse = await api.get('/dl/report', { responseType: 'stream' });

        expectNoCredential(response);
        expectNoCredential(response.data);
        expectNoCredential(response.request);
        expect(await readByPiping(response.data)).toBe(BODY);
        const received = server.requests[server.requests.length - 1]!;
        if (options.apiKeyQueryParam) expect(received.url).toBe(`/file/report?k=${KEY}`);
        else expect(received.headers['x-api-key']).toBe(KEY);
        // The connection it came on serves the next request as before.
        expect((await api.get('/file/next')).data).toBe(BODY);
      },
    );

    test.each(ways)(
      'through %s, the error of a failed stream request prints no credential, and its body still reads',
      async (_way, make) => {
        const api = make();
        const error: unknown = await api
          .get('/dl/missing', { responseType: 'stream' })
          .catch((e: unknown) => e);

        expect(axios.isAxiosError(error)).toBe(true);
        if (!axios.isAxiosError(error)) return;
        expect(error.response?.status).toBe(404);
        expectNoCredential(error);
        expectNoCredential(error.request);
        expect(await readByPiping(error.response?.data)).toBe(BODY);
      },
    );
  });
});
