import { AxiosHeaders } from 'axios';
import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import type { EventListener } from '../events/dequest-event';
import { emit, isWatched } from '../events/emit';
import { isThenable } from '../http/syntax';
import { encodeBody, responseFrom, storableHeaders } from './cache-entry';
import { cacheKey, isCredentialHeader } from './cache-key';
import type { CachePlan } from './cache-options';
import type { CacheEntry } from './cache-store';
import { isCircuitBreakerOpenError } from './circuit-breaker-open-error';
import type { Timers } from './clock';
import { isServerFailure, statusOf } from './failure';
import { GuardedStore } from './guarded-store';
import { SingleFlight } from './single-flight';
import { isStorable } from './storable';
import { describeTarget, methodOf } from './target';

/** A response as it can be handed to several callers: each decodes its own copy. */
type Copy = Omit<CacheEntry, 'storedAt' | 'expiresAt' | 'staleUntil'>;

/** What one request in flight ends with, for everyone who waited on it. */
interface Shared {
  /** The network's response (absent when a stale entry answered instead). */
  readonly response?: AxiosResponse;
  /** The same as a copy, when its body survives encoding. */
  readonly copy?: Copy;
  readonly stale?: boolean;
}

/** Sends the request past the cache: the breaker and the retry loop, with the config given. */
export type Load = (config: InternalAxiosRequestConfig) => Promise<AxiosResponse>;

// Epoch ms far enough away to mean "never", and still a JSON number (Infinity is not).
const FOREVER = Number.MAX_SAFE_INTEGER;

/**
 * The response cache of one client: lookup by a credential-partitioned key, one request in
 * flight per key, stale-while-revalidate, stale-if-error, and the write after a success.
 */
export class ResponseCache {
  readonly #store: GuardedStore;
  readonly #flights = new SingleFlight<Shared>();

  constructor(
    private readonly plan: CachePlan,
    private readonly timers: Timers,
    private readonly listener: EventListener | undefined,
  ) {
    this.#store = new GuardedStore(plan.store, plan.storeTimeout, timers, listener);
  }

  /** True when this request can be cached at all: GET or HEAD, a body to keep, no body sent. */
  applies(config: InternalAxiosRequestConfig): boolean {
    const method = methodOf(config);
    return (
      (method === 'GET' || method === 'HEAD') &&
      config.responseType !== 'stream' &&
      (config.data === undefined || config.data === null || typeof config.data === 'string')
    );
  }

  /** Answers from the cache, or joins or starts the one request for this key and keeps its answer. */
  async run(
    config: InternalAxiosRequestConfig,
    credentials: readonly string[],
    load: Load,
    isOuter: (status: number | undefined) => boolean,
  ): Promise<AxiosResponse> {
    const key = cacheKey(config, credentials, this.plan.keys);
    let entry = this.#store.get(key);
    if (isThenable(entry)) entry = await entry;
    const now = this.timers.epoch();
    if (entry !== undefined && now < entry.expiresAt) {
      this.#report('cache-hit', config);
      return responseFrom(entry, config, 'cached');
    }
    if (entry !== undefined && now < entry.expiresAt + this.plan.staleWhileRevalidate) {
      this.#report('cache-stale', config, 'revalidate');
      this.#flights.startDetached(key, (signal) =>
        this.#fetch(key, detached(config, signal), load, undefined, isOuter),
      );
      return responseFrom(entry, config, 'stale');
    }
    this.#report('cache-miss', config);
    const fallback =
      entry !== undefined && now < entry.expiresAt + this.plan.staleIfError ? entry : undefined;
    let leader = false;
    const shared = await this.#flights.join(key, config, (signal, flight) => {
      leader = true;
      // Without a signal the leader cannot cancel: it waits to the end, as an uncached call
      // does, so its own config serves (credentials come off it before the attempt settles).
      if (signal === undefined) return this.#fetch(key, config, load, fallback, isOuter, flight);
      return this.#fetch(key, detached(config, signal), load, fallback, isOuter);
    });
    if (shared.stale && shared.copy) return responseFrom(shared.copy, config, 'stale');
    if (leader && shared.response) {
      shared.response.config = config;
      return shared.response;
    }
    if (shared.copy) return responseFrom(shared.copy, config, undefined);
    // A body that cannot be copied (a Blob from a custom adapter) cannot be shared either.
    return load(config);
  }

  async #fetch(
    key: string,
    config: InternalAxiosRequestConfig,
    load: Load,
    fallback: CacheEntry | undefined,
    isOuter: (status: number | undefined) => boolean,
    waitingLeader?: object,
  ): Promise<Shared> {
    let response: AxiosResponse;
    try {
      response = await load(config);
    } catch (error) {
      const serveStale =
        fallback !== undefined &&
        !isOuter(statusOf(error)) &&
        (isServerFailure(error) || isCircuitBreakerOpenError(error));
      if (!serveStale) throw error;
      this.#report('cache-stale', config, 'error');
      return { copy: fallback, stale: true };
    }
    if (isOuter(response.status)) return { response };
    const storable = isStorable(response, this.#isKeyed, this.plan.keys.sharedByUsers);
    // `waitingLeader`: the flight's leader waits to its end. Alone, it needs no copy of a
    // response that is not kept (a no-store miss): the flight closes, nobody joins it any more.
    if (
      !storable &&
      waitingLeader !== undefined &&
      !this.#flights.closeUnlessShared(key, waitingLeader, 1)
    )
      return { response };
    const body = encodeBody(response.data);
    if (body === undefined) return { response };
    const copy: Copy = {
      status: response.status,
      statusText: response.statusText ?? '',
      headers: storableHeaders(response.headers),
      ...body,
    };
    if (storable) {
      const now = this.timers.epoch();
      const expiresAt = Math.min(FOREVER, now + this.plan.ttl);
      const staleWindow = Math.max(this.plan.staleWhileRevalidate, this.plan.staleIfError);
      const staleUntil = Math.min(FOREVER, expiresAt + staleWindow);
      const ttlMs = staleUntil === FOREVER ? Infinity : staleUntil - now;
      await this.#store.set(key, { ...copy, storedAt: now, expiresAt, staleUntil }, ttlMs);
    }
    return { response, copy };
  }

  // A response that varies on a header the key covers is safe to keep under that key.
  readonly #isKeyed = (header: string): boolean =>
    this.plan.keys.vary.includes(header) ||
    (!this.plan.keys.sharedByUsers && isCredentialHeader(header));

  #report(
    type: 'cache-hit' | 'cache-miss' | 'cache-stale',
    config: InternalAxiosRequestConfig,
    reason: 'revalidate' | 'error' = 'revalidate',
  ): void {
    if (!isWatched(this.listener)) return;
    const target = describeTarget(config);
    emit(this.listener, type === 'cache-stale' ? { type, target, reason } : { type, target });
  }
}

/**
 * The config a shared or background request is sent with: the caller's, with its own headers
 * (credentials put on during an attempt never show on a caller's config) and the flight's
 * signal instead of the caller's, so one caller's cancel never cancels the others' request.
 */
function detached(
  config: InternalAxiosRequestConfig,
  signal: AbortSignal,
): InternalAxiosRequestConfig {
  return { ...config, headers: new AxiosHeaders(config.headers), signal, cancelToken: undefined };
}
