import { ConfigurationError } from '../errors';

/**
 * A connected node-redis client (`redis` v4 to v6, `createClient()`): the store sends raw
 * commands through `sendCommand` and reads `isReady`, nothing else.
 *
 * @example
 * ```ts
 * import { createClient } from 'redis';
 * const client: NodeRedisClient = await createClient({ url: process.env.REDIS_URL }).connect();
 * ```
 */
export interface NodeRedisClient {
  sendCommand(args: string[]): Promise<unknown>;
  readonly isReady: boolean;
}

/**
 * An ioredis client (`ioredis` v5 or v6, `new Redis()`): the store sends raw commands through
 * `call` and reads `status`, nothing else.
 *
 * @example
 * ```ts
 * import Redis from 'ioredis';
 * const client: IoRedisClient = new Redis(process.env.REDIS_URL);
 * ```
 */
export interface IoRedisClient {
  call(command: string, ...args: string[]): Promise<unknown>;
  readonly status: string;
}

/**
 * The Redis client a store talks through: node-redis or ioredis, connected by you. The store
 * never connects, quits or reconfigures it.
 *
 * @example
 * ```ts
 * const client: RedisClient = await createClient({ url: process.env.REDIS_URL }).connect();
 * ```
 */
export type RedisClient = NodeRedisClient | IoRedisClient;

/** One client, seen as the two things a store needs. */
export interface RedisCommands {
  send(args: readonly string[]): Promise<unknown>;
  /** False while the client is connecting, reconnecting or closed: nothing is sent then. */
  isReady(): boolean;
}

/** Wraps the client the user passed; a {@link ConfigurationError} when it is neither kind. */
export function toRedisCommands(factory: string, client: unknown): RedisCommands {
  const candidate = client as Partial<NodeRedisClient & IoRedisClient> | null | undefined;
  // ioredis also has a sendCommand (of a Command object): recognise it first.
  if (typeof candidate?.call === 'function' && typeof candidate.status === 'string') {
    const io = candidate as IoRedisClient;
    return {
      send: ([command, ...args]) => io.call(command as string, ...args),
      isReady: () => io.status === 'ready',
    };
  }
  if (typeof candidate?.sendCommand === 'function' && typeof candidate.isReady === 'boolean') {
    const node = candidate as NodeRedisClient;
    return { send: (args) => node.sendCommand([...args]), isReady: () => node.isReady };
  }
  throw new ConfigurationError(
    `${factory} needs client: a node-redis client (createClient() from 'redis', with sendCommand and isReady) ` +
      `or an ioredis client (new Redis(), with call and status), got ${client === null ? 'null' : typeof client}. ` +
      `Connect it yourself first: the store never connects or quits it.`,
  );
}
