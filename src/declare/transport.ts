import type { AxiosInstance, AxiosRequestConfig, AxiosResponse } from 'axios';
import {
  AUTH_OPTION_KEYS,
  compileAuthPlanIfWanted,
  ownedHeaderNames,
  type CallResilience,
  withPlans,
  type AuthOptions,
  type OriginPattern,
} from '../auth';
import { buildClient, DEFAULT_TIMEOUT_MS, mergeHeaders, resolveHeaders } from '../client';
import { ConfigurationError } from '../errors';
import type { ClientSource, TransportOptions } from './options';
import { assertReachable } from './reachable';
import { isAxiosInstance } from './transport-options';
import type { UrlTemplate } from './url-template';

/**
 * Sends the requests of declared calls: an instance made by createClient, or the user's. A
 * call's resilience rides on its request, inside the credentials, over any the instance has.
 */
export interface Transport {
  readonly send: (
    config: AxiosRequestConfig,
    resilience: CallResilience | undefined,
  ) => Promise<AxiosResponse>;
  /** Lower-cased header names the credentials own: the same names in `headers` lose to them. */
  readonly ownedHeaders: ReadonlySet<string>;
}

const authOf = (options: TransportOptions, urlOrigin: string | undefined): AuthOptions => {
  const auth: Record<string, unknown> = {};
  for (const key of AUTH_OPTION_KEYS) if (options[key] !== undefined) auth[key] = options[key];
  // The declared url's own origin may receive the credentials, as a baseURL's would.
  if (urlOrigin !== undefined) {
    const allowed = options.allowedOrigins;
    auth['allowedOrigins'] = [
      urlOrigin,
      ...(allowed === undefined
        ? []
        : Array.isArray(allowed)
          ? (allowed as readonly OriginPattern[])
          : [allowed as OriginPattern]),
    ];
  }
  return auth;
};

/**
 * The transports of one set of options, made on first use and kept: one made by
 * createClient, or one per axios instance that `client` gives.
 */
export class TransportCache {
  #own: Transport | undefined;
  readonly #byClient = new WeakMap<AxiosInstance, Transport>();

  constructor(
    readonly options: TransportOptions,
    /** The origin of an absolute declared url, allowed to receive credentials. */
    readonly urlOrigin?: string,
  ) {}

  /**
   * The transport for a call of `url` made on `self` (which a `client` function may read).
   * Throws a {@link ConfigurationError} when a relative url has no baseURL to go to.
   */
  get(self: unknown, subject: string, url: UrlTemplate): Transport {
    const client = resolveClient(this.options.client, self);
    assertReachable(subject, url, this.options.baseURL ?? client?.defaults.baseURL);
    if (client === undefined) return (this.#own ??= factoryTransport(this.options, this.urlOrigin));
    let transport = this.#byClient.get(client);
    if (transport === undefined) {
      transport = clientTransport(client, this.options, this.urlOrigin);
      this.#byClient.set(client, transport);
    }
    return transport;
  }
}

function resolveClient(source: ClientSource | undefined, self: unknown): AxiosInstance | undefined {
  if (source === undefined || isAxiosInstance(source)) return source;
  let client: unknown;
  try {
    client = source(self);
  } catch (error) {
    throw new ConfigurationError(
      'The client function failed. It is called with the object the declared method was called on; ' +
        'call the method on that object (api.getUser(…), not a detached copy).',
      { cause: error },
    );
  }
  if (!isAxiosInstance(client)) {
    throw new ConfigurationError(
      'The client function must return an axios instance (such as HttpService.axiosRef).',
    );
  }
  return client;
}

function factoryTransport(options: TransportOptions, urlOrigin: string | undefined): Transport {
  const auth = authOf(options, urlOrigin);
  const instance = buildClient({
    ...auth,
    ...(options.baseURL === undefined ? {} : { baseURL: options.baseURL }),
    ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
    ...(options.headers === undefined ? {} : { headers: options.headers }),
  });
  return {
    send: (config, resilience) => instance.request(withPlans(instance, config, { resilience })),
    ownedHeaders: ownedHeaderNames(auth),
  };
}

// The user's instance is never changed: its own defaults and interceptors apply, and the
// credentials and the declared resilience ride on each request (withPlans), not on the instance.
function clientTransport(
  client: AxiosInstance,
  options: TransportOptions,
  urlOrigin: string | undefined,
): Transport {
  const auth = authOf(options, urlOrigin);
  const plan = compileAuthPlanIfWanted(auth, options.baseURL ?? client.defaults.baseURL);
  const ownedHeaders = ownedHeaderNames(auth);
  const timeout = options.timeout ?? (client.defaults.timeout ? undefined : DEFAULT_TIMEOUT_MS);
  return {
    ownedHeaders,
    async send(config, resilience) {
      const request: AxiosRequestConfig = {
        ...config,
        ...(options.baseURL === undefined ? {} : { baseURL: options.baseURL }),
        timeout: config.timeout ?? timeout,
      };
      if (options.headers !== undefined) {
        const declared = await resolveHeaders(options.headers, request, ownedHeaders);
        request.headers = mergeHeaders(declared, config.headers) as AxiosRequestConfig['headers'];
      }
      return client.request(withPlans(client, request, { auth: plan, resilience }));
    },
  };
}
