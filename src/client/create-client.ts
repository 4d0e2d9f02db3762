import axios from 'axios';
import type { AxiosInstance, CreateAxiosDefaults } from 'axios';
import {
  attachAuth,
  AUTH_OPTION_KEYS,
  ownedHeaderNames,
  wantsAuth,
  type AuthOptions,
} from '../auth';
import { ConfigurationError } from '../errors';
import { checkClientOptions } from './option-names';
import {
  addHeaders,
  assertHeadersSource,
  withoutOwnedHeaders,
  type HeadersSource,
} from './headers';

// dequest waits 30 s; axios would wait forever. Keep dequest's promise, in axios's unit.
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Options of {@link createClient}: every `axios.create` option, plus the credential options.
 *
 * @example
 * ```ts
 * const options: ClientOptions = { baseURL: 'https://api.example.com', authToken: 'secret', timeout: 5_000 };
 * ```
 */
export interface ClientOptions extends Omit<CreateAxiosDefaults, 'headers'>, AuthOptions {
  /**
   * Default headers: an object, or a function called per request (sync or async). A header the
   * request sets itself wins over these; `authToken`/`apiKey` win over the same names here,
   * whatever their case.
   * @default undefined
   */
  headers?: HeadersSource | CreateAxiosDefaults['headers'];
  /**
   * Milliseconds before a request is abandoned.
   * @default 30000 (dequest's 30 s)
   */
  timeout?: number;
}

/**
 * Makes a new axios instance with credentials attached: `axios.create` + {@link attachAuth}
 * + dequest's defaults. Returns a plain `AxiosInstance`, usable wherever axios is.
 *
 * @example
 * ```ts
 * const api = createClient({ baseURL: 'https://api.example.com', authToken: getAccessToken, apiKey: 'key' });
 * const { data } = await api.get('/users/1');
 * ```
 */
export function createClient(options: ClientOptions = {}): AxiosInstance {
  if (options === null || typeof options !== 'object') {
    throw new ConfigurationError(
      'createClient takes an options object, e.g. createClient({ baseURL, authToken }).',
    );
  }
  checkClientOptions('createClient', options);
  return buildClient(options);
}

/** {@link createClient} for options already checked by their own owner (a declared call). */
export function buildClient(options: ClientOptions): AxiosInstance {
  const { auth, axiosConfig, headers } = splitOptions(options);
  const owned = ownedHeaderNames(auth);
  const instance = axios.create({
    ...axiosConfig,
    timeout: axiosConfig.timeout ?? DEFAULT_TIMEOUT_MS,
    ...(typeof headers === 'object' && headers !== null
      ? { headers: withoutOwnedHeaders(headers, owned) }
      : {}),
  });
  if (typeof headers === 'function') {
    instance.interceptors.request.use((config) => addHeaders(config, headers, owned));
  }
  // refreshOn alone still goes through attachAuth, so its misuse is reported, not ignored.
  if (wantsAuth(auth)) attachAuth(instance, auth);
  return instance;
}

function splitOptions(options: ClientOptions): {
  auth: AuthOptions;
  axiosConfig: CreateAxiosDefaults;
  headers: ClientOptions['headers'];
} {
  const auth: Record<string, unknown> = {};
  const axiosConfig: Record<string, unknown> = { ...options };
  for (const key of AUTH_OPTION_KEYS) {
    if (key in axiosConfig) auth[key] = axiosConfig[key];
    delete axiosConfig[key];
  }
  const headers = axiosConfig['headers'] as ClientOptions['headers'];
  delete axiosConfig['headers'];
  assertHeadersSource(headers, 'createClient');
  return { auth: auth, axiosConfig: axiosConfig as CreateAxiosDefaults, headers };
}
