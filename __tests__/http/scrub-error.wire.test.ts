// scrubError on real AxiosErrors from a loopback server, made by plain axios (not through this
// package): printed every way a user prints an error, no secret shows; read by code, it still
// works.
import { format, inspect } from 'node:util';
import axios, { AxiosError } from 'axios';
import { CredentialError } from '../../src';
import { scrubError } from '../../src/http/scrub-error';
import { hasFetchAdapter } from '../helpers/axios-features';
import { useServer } from '../helpers/server';

const server = useServer((_req, res) => {
  res.statusCode = 500;
  res.setHeader('content-type', 'application/json');
  res.setHeader('set-cookie', 'session=SET-COOKIE-SECRET');
  res.end('{"error":"server_error"}');
});

const SECRETS = {
  password: 'AUTH-PASSWORD-SECRET',
  bearer: 'BEARER-TOKEN-SECRET',
  cookie: 'COOKIE-SECRET',
  apiKey: 'API-KEY-SECRET',
  proxy: 'PROXY-AUTH-SECRET',
  query: 'QUERY-KEY-SECRET',
  urlToken: 'URL-TOKEN-SECRET',
  form: 'FORM-CLIENT-SECRET',
  custom: 'CUSTOM-HEADER-SECRET',
  setCookie: 'SET-COOKIE-SECRET',
};

async function failedRequest(adapter?: 'fetch'): Promise<AxiosError> {
  const error = await axios
    .post(
      `${server.origin}/token?access_token=${SECRETS.urlToken}&page=2`,
      new URLSearchParams({ grant_type: 'client_credentials', client_secret: SECRETS.form }),
      {
        adapter,
        auth: { username: 'app', password: SECRETS.password },
        params: { api_key: SECRETS.query },
        headers: {
          'X-Api-Key': SECRETS.apiKey,
          Cookie: `sid=${SECRETS.cookie}`,
          'Proxy-Authorization': `Basic ${SECRETS.proxy}`,
          'X-Tenant-Key': SECRETS.custom,
        },
      },
    )
    .catch((e: unknown) => e);
  expect(axios.isAxiosError(error)).toBe(true);
  return error as AxiosError;
}

function printedEveryWay(error: unknown): string[] {
  const logged: string[] = [];
  const spy = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    logged.push(format(...args));
  });
  try {
    console.error(error);
  } finally {
    spy.mockRestore();
  }
  const toJSON = (error as { toJSON?: () => unknown }).toJSON;
  const cause = (error as { cause?: { toJSON?: () => unknown } }).cause;
  return [
    inspect(error, { depth: Infinity }),
    ...logged,
    JSON.stringify(error),
    JSON.stringify(toJSON ? toJSON.call(error) : {}),
    JSON.stringify(cause?.toJSON ? cause.toJSON() : {}),
  ];
}

const adapters: [string, 'fetch' | undefined][] = [['http', undefined]];
if (hasFetchAdapter) adapters.push(['fetch', 'fetch']);

describe.each(adapters)('an AxiosError from the %s adapter', (_name, adapter) => {
  test('printed, it shows no secret at all', async () => {
    const original = await failedRequest(adapter);
    expect(inspect(original, { depth: Infinity })).toContain(SECRETS.password); // the test can fail

    const safe = scrubError(original, { headers: ['x-tenant-key'] });

    for (const printed of printedEveryWay(safe)) {
      for (const secret of Object.values(SECRETS)) expect(printed).not.toContain(secret);
    }
  });

  test('read by code, it still works, and the original is left as it was', async () => {
    const original = await failedRequest(adapter);

    const safe = scrubError(original);

    expect(safe).not.toBe(original);
    expect(axios.isAxiosError(safe)).toBe(true);
    expect(safe).toBeInstanceOf(AxiosError);
    expect(safe.message).toBe(original.message);
    expect(safe.code).toBe(original.code);
    expect(safe.response?.status).toBe(500);
    expect(safe.status).toBe(original.status); // 500 since axios 1.7; absent before
    expect(safe.response?.data).toEqual(original.response?.data);
    expect(safe.request).toBe(original.request);
    expect(safe.response?.request).toBe(original.response?.request);
    expect(safe.config?.auth).toEqual({ username: 'app', password: '[redacted]' });
    expect(safe.config?.headers.get('x-api-key')).toBe('[redacted]');
    expect(safe.config?.url).toBe(`${server.origin}/token?access_token=%5Bredacted%5D&page=2`);
    expect(safe.config?.params).toEqual({ api_key: '[redacted]' });
    expect(safe.config?.data).toBe('[redacted]');
    expect(safe.response?.config).toBe(safe.config);
    expect(safe.toJSON()).toMatchObject({ status: 500, code: original.code });
    expect(original.config?.auth?.password).toBe(SECRETS.password);
  });

  test('inside a CredentialError, the whole chain is scrubbed', async () => {
    const original = await failedRequest(adapter);
    const wrapped = new CredentialError('authToken', 'The token request failed.', {
      cause: new AggregateError([new Error('first'), original], 'all attempts failed'),
    });

    const safe = scrubError(wrapped);

    expect(safe).toBeInstanceOf(CredentialError);
    expect(safe.credential).toBe('authToken');
    const members = (safe.cause as AggregateError).errors;
    expect(members[0]).toBe((wrapped.cause as AggregateError).errors[0]);
    expect(axios.isAxiosError(members[1])).toBe(true);
    expect((members[1] as AxiosError).response?.status).toBe(500);
    for (const printed of printedEveryWay(safe)) {
      expect(printed).not.toContain(SECRETS.password);
      expect(printed).not.toContain(SECRETS.form);
    }
  });
});
