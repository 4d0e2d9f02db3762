// The other rule everything rests on: for any string a credential source gives, the credential
// is sent exactly as given or refused with a CredentialError, never altered or stripped on the
// way (axios trims header values and drops control characters; HTTP drops edge whitespace).
// Here through an in-process adapter that sees what axios hands the http or fetch adapter;
// header-value.property.wire.test.ts checks a sample on a real server.
import axios, { AxiosHeaders, type AxiosAdapter } from 'axios';
import fc from 'fast-check';
import { createClient, isCredentialError, type CredentialError } from '../../src';
import { runs } from '../helpers/property';
import { credentialValue, expectSentOrRefused, MODES, type Mode } from './helpers/values';

const BASE = 'http://api.test';
// 3,000 requests through axios take about 5 s on an idle machine; CI shares 2 cores.
const PROPERTY_TIMEOUT_MS = 120_000;

// What the adapter was handed, read when it was: the credentials come off the config after.
interface Handed {
  readonly header: (name: string) => unknown;
  readonly url: string;
}
let handed: Handed | undefined;
const capture: AxiosAdapter = (config) => {
  const headers = AxiosHeaders.from(config.headers).toJSON();
  const byName = new Map(Object.entries(headers).map(([name, v]) => [name.toLowerCase(), v]));
  handed = { header: (name) => byName.get(name), url: axios.getUri(config) };
  return Promise.resolve({ data: '', status: 200, statusText: 'OK', headers: {}, config });
};

// The value of one mode's credential in what the adapter was handed.
function sentValue(mode: Mode, request: Handed): string | undefined {
  if (mode.header === undefined) {
    return new URL(request.url, BASE).searchParams.get('api_key') ?? undefined;
  }
  const value = request.header(mode.header);
  return typeof value === 'string' ? value : undefined;
}

async function outcome(mode: Mode, source: unknown): Promise<string | undefined | CredentialError> {
  handed = undefined;
  try {
    const api = createClient({ baseURL: BASE, adapter: capture, ...mode.options(source) });
    await api.get('/me');
  } catch (error) {
    if (isCredentialError(error)) {
      expect(handed).toBeUndefined();
      return error;
    }
    throw error;
  }
  return sentValue(mode, handed!);
}

test(
  'a provider value is sent unchanged or refused: as a token, an api key header or query parameter',
  async () => {
    await fc.assert(
      fc.asyncProperty(credentialValue, async (value) => {
        for (const mode of MODES)
          expectSentOrRefused(mode, value, await outcome(mode, () => value));
      }),
      runs(1_000),
    );
  },
  PROPERTY_TIMEOUT_MS,
);

test(
  'a static value is sent unchanged or refused: as a token, an api key header or query parameter',
  async () => {
    await fc.assert(
      fc.asyncProperty(credentialValue, async (value) => {
        for (const mode of MODES) expectSentOrRefused(mode, value, await outcome(mode, value));
      }),
      runs(1_000),
    );
  },
  PROPERTY_TIMEOUT_MS,
);
