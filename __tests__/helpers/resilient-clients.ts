// The two ways a user puts the resilience layer on an instance, for tests that must hold for
// both: createClient with the options (and a credential, so the credential path is the one
// taken), or attachResilience on a plain axios instance (without attachAuth).
import axios from 'axios';
import type { AxiosInstance } from 'axios';
import { attachResilience, createClient } from '../../src/index';
import type { AttachResilienceOptions } from '../../src/index';

export type ResilientClientOptions = AttachResilienceOptions & {
  readonly timeout?: number;
  readonly adapter?: 'http' | 'fetch';
};

export type MakeClient = (baseURL: string, options: ResilientClientOptions) => AxiosInstance;

export const makers: readonly (readonly [string, MakeClient])[] = [
  [
    'createClient',
    // timeout 0 unless given: axios arms a fake-clock timer for its timeout (follow-redirects),
    // which the tests' advance() would take for the layer's delay.
    (baseURL, options) => createClient({ baseURL, authToken: 'secret', timeout: 0, ...options }),
  ],
  [
    'attachResilience',
    (baseURL, { timeout, adapter, ...options }) => {
      const api = axios.create({
        baseURL,
        ...(timeout === undefined ? {} : { timeout }),
        ...(adapter === undefined ? {} : { adapter }),
      });
      attachResilience(api, options);
      return api;
    },
  ],
];
