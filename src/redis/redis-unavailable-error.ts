import { DequestError } from '../errors';

/**
 * Why a Redis command did not count: the client was not ready, Redis was slower than
 * `timeoutMs`, it failed, it answered with something no store of this package writes, or a
 * stored credential could not be decrypted.
 *
 * @example
 * ```ts
 * const reason: RedisUnavailableReason = 'timeout';
 * ```
 */
export type RedisUnavailableReason =
  'not-ready' | 'timeout' | 'error' | 'bad-reply' | 'undecryptable';

/**
 * Redis could not be used for one operation. The stores turn it into the in-memory behaviour
 * (a cache miss, a local provider call); only `clear()` of the cache store rejects with it.
 * The message names the command, never its arguments.
 *
 * @example
 * ```ts
 * await store.clear().catch((e) => { if (isRedisUnavailableError(e)) console.warn(e.reason); });
 * ```
 */
export class RedisUnavailableError extends DequestError {
  override readonly name = 'RedisUnavailableError';
  readonly isRedisUnavailableError = true;
  readonly reason: RedisUnavailableReason;
  /** The command or step: `GET`, `SCAN`, `obtain`. */
  readonly operation: string;

  constructor(
    reason: RedisUnavailableReason,
    operation: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.reason = reason;
    this.operation = operation;
  }
}

/**
 * True for a {@link RedisUnavailableError}, from either module format.
 *
 * @example
 * ```ts
 * if (isRedisUnavailableError(error)) metrics.increment(`redis.${error.reason}`);
 * ```
 */
export const isRedisUnavailableError = (e: unknown): e is RedisUnavailableError =>
  e instanceof Error && (e as Partial<RedisUnavailableError>).isRedisUnavailableError === true;
