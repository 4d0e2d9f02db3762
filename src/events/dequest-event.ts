/**
 * What axios-dequest decided, one event per decision: for `NODE_DEBUG=axios-dequest` and for an
 * `onEvent` listener (metrics, logs). An event never holds a secret: credentials appear by
 * name only (`authToken`, `x-api-key`), URLs without query string or user:password.
 *
 * Each layer adds its own kinds here, so that the union stays the one list a listener can
 * switch over.
 *
 * @example
 * ```ts
 * const onEvent = (event: DequestEvent) => {
 *   if (event.type === 'credentials-withheld') log.warn(event.reason, event.target);
 * };
 * ```
 */
export type DequestEvent =
  | {
      readonly type: 'credentials-attached';
      /** `GET https://api.example.com/users` (no query string). */
      readonly target: string;
      /** Where they went: header names, or `?api_key` for a query parameter. */
      readonly names: readonly string[];
    }
  | {
      readonly type: 'credentials-withheld';
      readonly target: string;
      readonly reason: 'origin-not-allowed' | 'skip-auth' | 'caller-header' | 'empty-value';
      /** The credential or header concerned, when there is one. */
      readonly name?: string;
    }
  | {
      readonly type: 'config-warning';
      /** One sentence: what looks wrong and what to do. */
      readonly message: string;
    }
  | {
      readonly type: 'oauth-token-requested';
      /** `POST https://auth.example.com/oauth/token` (no query string). */
      readonly target: string;
      readonly grantType: 'client_credentials' | 'refresh_token';
    }
  | {
      readonly type: 'oauth-token-failed';
      readonly target: string;
      readonly grantType: 'client_credentials' | 'refresh_token';
      /**
       * The OAuth error code (`invalid_client` …), or `http-<status>`, `timeout`, `network`,
       * `bad-response`, `on-tokens`. A shared oauthRefreshToken that sent nothing:
       * `store-unavailable`, `invalid_grant` (refused in another process), `interrupted`.
       */
      readonly reason: string;
    }
  | {
      /** The server issued a new refresh token; the old one is spent. */
      readonly type: 'oauth-refresh-token-rotated';
      readonly target: string;
    }
  // Resilience: retries, circuit breaker, response cache.
  | {
      readonly type: 'retry-scheduled';
      readonly target: string;
      /** The attempt that failed (1 for the first); the next one is `attempt + 1`. */
      readonly attempt: number;
      readonly delayMs: number;
      /** What failed: `status 503`, an error code such as `ECONNRESET`, or the error's name. */
      readonly failure: string;
    }
  | {
      readonly type: 'retry-gave-up';
      readonly target: string;
      readonly attempts: number;
      readonly reason: GiveUpReason;
    }
  | {
      readonly type: 'breaker-state-change';
      /** The breaker's `name`. */
      readonly breaker: string;
      readonly from: BreakerStateName;
      readonly to: BreakerStateName;
    }
  | { readonly type: 'cache-hit'; readonly target: string }
  | { readonly type: 'cache-miss'; readonly target: string }
  | {
      readonly type: 'cache-stale';
      readonly target: string;
      /** `revalidate`: served stale while one background request refreshes it (staleWhileRevalidate);
       * `error`: served stale because the request failed or the breaker is open (staleIfError). */
      readonly reason: 'revalidate' | 'error';
    }
  | {
      readonly type: 'cache-store-error';
      readonly operation: 'get' | 'set' | 'delete' | 'clear';
      /** The store threw, rejected, answered later than the store timeout, or returned
       * something that is not a cache entry. The request went on as a miss. */
      readonly reason: 'threw' | 'rejected' | 'timeout' | 'invalid-entry';
    }
  | {
      // At most once a minute per store: the requests meanwhile go on without it.
      readonly type: 'store-unavailable';
      /** Which store: `redis cache store axios-dequest`, `redis credential store <namespace>`. */
      readonly store: string;
      /** The command or step that failed (`GET`, `obtain`), never its arguments. */
      readonly operation: string;
      readonly reason: 'not-ready' | 'timeout' | 'error' | 'bad-reply' | 'undecryptable';
      /** What failed, as retry events say it: an error code (`ECONNREFUSED`) or the client's error name, never its message. */
      readonly detail?: string;
      /** Failures since the last event of this store (this one included). */
      readonly failures: number;
    }
  | {
      readonly type: 'store-recovered';
      readonly store: string;
      /** Milliseconds from the first failure to the first success after it. */
      readonly unavailableMs: number;
    }
  | {
      readonly type: 'shared-credential';
      /** The `key` option of the shared cachedCredential (a name, never the credential). */
      readonly key: string;
      /**
       * `fetched`: this process called the provider for every process; `shared`: it got the
       * value another process fetched; `local-fallback`: the store failed, the provider was
       * called for this process alone.
       */
      readonly outcome: 'fetched' | 'shared' | 'local-fallback';
    };

/**
 * Why a call stopped retrying: `exhausted` (every attempt used), `not-retryable` (`retryOn`
 * did not match, or the method is not idempotent), `giveup` (your `giveup` said so, or threw),
 * `deadline` (`totalTimeout`), `retry-after-too-long` (the server asked for a longer wait than
 * `maxRetryAfter` or the time left), `aborted` (the caller's signal), `breaker-open`.
 *
 * @example
 * ```ts
 * onGiveUp: ({ reason }) => metrics.increment(`api.gave_up.${reason satisfies GiveUpReason}`);
 * ```
 */
export type GiveUpReason =
  | 'exhausted'
  | 'not-retryable'
  | 'giveup'
  | 'deadline'
  | 'retry-after-too-long'
  | 'aborted'
  | 'breaker-open';

/**
 * The states of a circuit breaker, as dequest names them.
 *
 * @example
 * ```ts
 * if (breaker.state === ('OPEN' satisfies BreakerStateName)) serveFromElsewhere();
 * ```
 */
export type BreakerStateName = 'CLOSED' | 'OPEN' | 'HALF_OPEN';

/**
 * Gets every {@link DequestEvent} of the client it is given to. Called synchronously; what it
 * throws is ignored, so a broken listener never fails a request.
 *
 * @example
 * ```ts
 * createClient({ baseURL, authToken, onEvent: (e) => metrics.increment(`dequest.${e.type}`) });
 * ```
 */
export type EventListener = (event: DequestEvent) => void;
