import axios from 'axios';
import type { AxiosInstance, CreateAxiosDefaults } from 'axios';
import {
  attachAuth,
  AUTH_OPTION_KEYS,
  installResilience,
  listenerOf,
  ownedHeaderNames,
  wantsAuth,
  type AuthOptions,
} from '../auth';
import { ConfigurationError } from '../errors';
import type { EventListener } from '../events/dequest-event';
import { RESILIENCE_OPTION_KEYS, type ResilienceOptions } from '../resilience';
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
 * Options of {@link createClient}: every `axios.create` option, plus the credential and the
 * resilience options.
 *
 * @example
 * ```ts
 * const options: ClientOptions = { baseURL: 'https://api.example.com', authToken: 'secret', retries: 3 };
 * ```
 */
export interface ClientOptions
  extends Omit<CreateAxiosDefaults, 'headers'>, AuthOptions, ResilienceOptions {
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
  /** Gets the events of the resilience layer (`retry-scheduled`, `cache-hit` …). @default undefined */
  onEvent?: EventListener;
}

/**
 * Makes a new axios instance with credentials attached: `axios.create` + {@link attachAuth}
 * + {@link attachResilience} + dequest's defaults. Returns a plain `AxiosInstance`, usable
 * wherever axios is.
 *
 * @example
 * ```ts
 * const api = createClient({ baseURL: 'https://api.example.com', authToken: getAccessToken, retries: 3 });
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

/**
 * {@link createClient} for options already checked by their own owner (a declared call): the
 * one place an instance gets its credentials and its resilience from options.
 */
export function buildClient(options: ClientOptions): AxiosInstance {
  const { auth, resilience, axiosConfig, headers } = splitOptions(options);
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
  // No resilience option, no layer: a request goes to the adapter as it would without it.
  if (resilience !== undefined) installResilience(instance, resilience, listenerOf(options));
  return instance;
}

function splitOptions(options: ClientOptions): {
  auth: AuthOptions;
  resilience: ResilienceOptions | undefined;
  axiosConfig: CreateAxiosDefaults;
  headers: ClientOptions['headers'];
} {
  const auth: Record<string, unknown> = {};
  const axiosConfig: Record<string, unknown> = { ...options };
  delete axiosConfig['onEvent'];
  for (const key of AUTH_OPTION_KEYS) {
    if (key in axiosConfig) auth[key] = axiosConfig[key];
    delete axiosConfig[key];
  }
  let resilience: Record<string, unknown> | undefined;
  for (const key of RESILIENCE_OPTION_KEYS) {
    if (axiosConfig[key] !== undefined) (resilience ??= {})[key] = axiosConfig[key];
    delete axiosConfig[key];
  }
  const headers = axiosConfig['headers'] as ClientOptions['headers'];
  delete axiosConfig['headers'];
  assertHeadersSource(headers, 'createClient');
  return { auth, resilience, axiosConfig: axiosConfig as CreateAxiosDefaults, headers };
}
