import { ConfigurationError } from '../errors';
import type { EventListener } from '../events/dequest-event';
import { sendBounded } from './bounded-command';
import { OutageLog } from './outage-log';
import type { StoreLogger } from './outage-log';
import type { RedisClient } from './redis-client';
import { toRedisCommands } from './redis-client';
import { isRedisUnavailableError, RedisUnavailableError } from './redis-unavailable-error';

// A cache hit must beat the upstream it saves, and a dead Redis may cost each request only a
// little: 100 ms is ~100 loopback round trips, and short beside a typical API call.
const DEFAULT_TIMEOUT_MS = 100;
const DEFAULT_NAMESPACE = 'axios-dequest';

/**
 * What every Redis store of this package is given.
 *
 * @example
 * ```ts
 * const options: RedisStoreOptions = { client, namespace: 'billing', timeoutMs: 50 };
 * ```
 */
export interface RedisStoreOptions {
  /** A node-redis or ioredis client you connected: the store never connects or quits it. */
  client: RedisClient;
  /**
   * The first part of every key the store writes (`<namespace>:cache:…`,
   * `<namespace>:credential:…`): stores with different namespaces never see each other.
   * @default 'axios-dequest'
   */
  namespace?: string;
  /**
   * How long one Redis command may take before the store goes on without it (a cache miss, a
   * local provider call). A client that is not ready is not asked at all.
   * @default 100
   */
  timeoutMs?: number;
  /**
   * Gets `store-unavailable` (at most once a minute) and `store-recovered` events.
   * @default undefined
   */
  onEvent?: EventListener;
  /**
   * Where the one warning a minute about an unavailable Redis goes; `null` for none.
   * @default console
   */
  logger?: StoreLogger | null;
}

/** A store's checked options, and its one way of sending a command. */
export interface StoreSetup {
  /** `<namespace>:<kind>:`, the start of every key of this kind. */
  readonly prefix: string;
  /**
   * The key of `name` under another kind of this store (`credential-lock`). Each kind has its
   * own prefix, so no name of one kind can be the key of another (a credential named
   * `api:lock` is not the lock of `api`).
   */
  keyOf(kind: string, name: string): string;
  readonly timeoutMs: number;
  readonly log: OutageLog;
  /**
   * Sends within `timeoutMs`; every failure is a {@link RedisUnavailableError}, and logged.
   * `onLate` gets the reply of a command that answered after its timeout.
   */
  send(args: readonly string[], onLate?: (reply: unknown) => void): Promise<unknown>;
  /** Logs a failure found in a reply (a bad entry, an undecryptable value). */
  fail(error: RedisUnavailableError): void;
}

/** Checks the shared options once, at setup, and builds the bounded sender. */
export function readStoreOptions(factory: string, kind: string, options: unknown): StoreSetup {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigurationError(
      `${factory} needs an options object with your connected client, e.g. ${factory}({ client }).`,
    );
  }
  const given = options as Partial<RedisStoreOptions>;
  const commands = toRedisCommands(factory, given.client);
  const { namespace = DEFAULT_NAMESPACE, onEvent } = given;
  const timeoutMs = readMs(factory, 'timeoutMs', given.timeoutMs, DEFAULT_TIMEOUT_MS);
  if (typeof namespace !== 'string' || !/^[\x21-\x7e]{1,100}$/.test(namespace)) {
    throw new ConfigurationError(
      `${factory}'s namespace must be 1-100 visible ASCII characters without spaces, e.g. 'billing'.`,
    );
  }
  if (onEvent !== undefined && typeof onEvent !== 'function') {
    throw new ConfigurationError(`${factory}'s onEvent must be a function of one event.`);
  }
  const logger = given.logger === undefined ? console : given.logger;
  if (logger !== null && typeof logger?.warn !== 'function') {
    throw new ConfigurationError(
      `${factory}'s logger must have a warn(message) method (console does), or be null for no log.`,
    );
  }
  const log = new OutageLog(`redis ${kind} store ${namespace}`, onEvent, logger ?? undefined);
  const fail = (error: RedisUnavailableError): void => log.failed(error);
  return {
    prefix: `${namespace}:${kind}:`,
    keyOf: (other, name) => `${namespace}:${other}:${name}`,
    timeoutMs,
    log,
    fail,
    send: (args, onLate) =>
      sendBounded(commands, args, timeoutMs, onLate).then(
        (reply) => {
          log.succeeded();
          return reply;
        },
        (error: unknown) => {
          if (isRedisUnavailableError(error)) fail(error);
          throw error;
        },
      ),
  };
}

/** The error for a reply this store did not write (a foreign or corrupt value). */
export const badReply = (operation: string, what: string): RedisUnavailableError =>
  new RedisUnavailableError('bad-reply', operation, `Redis answered ${operation} with ${what}.`);

/** A duration option of a store: whole milliseconds, at least 1; `fallback` when not given. */
export function readMs(factory: string, name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 1) {
    throw new ConfigurationError(
      `${factory}'s ${name} must be a finite number of milliseconds, 1 or more, got ${String(value)}. ` +
        `Example: { ${name}: ${fallback} }.`,
    );
  }
  return Math.ceil(value);
}
