import type { RedisCommands } from './redis-client';
import { describeFailure } from '../resilience/failure';
import { RedisUnavailableError } from './redis-unavailable-error';

// A timer fires within a few ms of its time on a free loop; later means this process was busy.
const LOOP_LAG_MS = 10;

/**
 * Sends one command and settles within `timeoutMs`, whatever the client does: node-redis waits
 * 5 s on a dead server by itself and queues commands while it reconnects, so a client that is
 * not ready gets nothing sent at all. Rejects with a {@link RedisUnavailableError}.
 *
 * A command that timed out may still run later (a stalled server wakes up): `onLate` gets its
 * reply then, to undo what nobody waits for any more (a lock taken too late).
 */
export function sendBounded(
  commands: RedisCommands,
  args: readonly string[],
  timeoutMs: number,
  onLate?: (reply: unknown) => void,
): Promise<unknown> {
  const operation = args[0] as string;
  if (!commands.isReady()) {
    return Promise.reject(
      new RedisUnavailableError(
        'not-ready',
        operation,
        `Redis is not ready (connecting, reconnecting or closed), so ${operation} was not sent. ` +
          `Connect the client before using the store (await client.connect()); the store never connects it.`,
      ),
    );
  }
  return new Promise((resolve, reject) => {
    let late = false;
    let settled = false;
    let due = performance.now() + timeoutMs;
    let timer: ReturnType<typeof setTimeout>;
    // A busy process is not a slow Redis: when hundreds of requests start at once, the loop may
    // not even send the command (clients write on a later tick) or read its reply before the
    // timer fires. A timer that fired late gets one more timeoutMs, counted from when this
    // process could look again; setImmediate lets a reply already in the socket be read first.
    const expire = (): void => {
      setImmediate(() => {
        if (settled) return;
        const lateBy = performance.now() - due;
        if (lateBy > LOOP_LAG_MS && due !== Infinity) {
          due = Infinity;
          timer = setTimeout(expire, timeoutMs);
          return;
        }
        late = true;
        const message = `Redis did not answer ${operation} within ${timeoutMs} ms (timeoutMs).`;
        reject(new RedisUnavailableError('timeout', operation, message));
      });
    };
    timer = setTimeout(expire, timeoutMs);
    const failed = (error: unknown): void => {
      settled = true;
      clearTimeout(timer);
      reject(
        new RedisUnavailableError(
          'error',
          operation,
          `Redis failed ${operation} (${describeFailure(error)}). See error.cause.`,
          { cause: error },
        ),
      );
    };
    try {
      commands.send(args).then((reply) => {
        settled = true;
        clearTimeout(timer);
        if (late) onLate?.(reply);
        else resolve(reply);
      }, failed);
    } catch (error) {
      failed(error);
    }
  });
}
