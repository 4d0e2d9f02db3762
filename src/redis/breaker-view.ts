import { createHash } from 'node:crypto';
import type { BreakerSnapshot } from '../resilience/breaker-state-store';
import { LocalView } from './local-view';
import { badReply } from './store-options';

/** A breaker's state as last seen, with its open time turned into this process's clock. */
interface Known {
  readonly failures: number;
  readonly tripped: boolean;
  /** Clock time the breaker stops being OPEN (when tripped). */
  readonly openUntil: number;
  /** The snapshot to hand out while not tripped: one object, no allocation per call. */
  readonly closed: BreakerSnapshot | undefined;
}

const CLOSED: BreakerSnapshot = { failures: 0, tripped: false, openRemainingMs: 0 };

/**
 * What this process knows of its shared breakers and cool-downs, and for how long it trusts
 * it. HALF_OPEN is never answered from here: whether a probe may go is Redis's to say.
 */
export class BreakerView {
  readonly states: LocalView<Known>;
  /** Per origin: the clock time its cool-down ends. */
  readonly coolDowns: LocalView<number>;

  constructor(
    private readonly clock: () => number,
    maxStalenessMs: number,
  ) {
    this.states = new LocalView(clock, maxStalenessMs);
    this.coolDowns = new LocalView(clock, maxStalenessMs);
  }

  /** The state of `name` while fresh and CLOSED or OPEN; undefined: ask Redis. */
  state(name: string): BreakerSnapshot | undefined {
    const known = this.states.fresh(name);
    if (known === undefined) return undefined;
    if (known.closed !== undefined) return known.closed;
    const left = known.openUntil - this.clock();
    return left > 0
      ? { failures: known.failures, tripped: true, openRemainingMs: left }
      : undefined;
  }

  /** Takes Redis's answer to command `seq` and hands it back. */
  learnState(name: string, seq: number, snapshot: BreakerSnapshot): BreakerSnapshot {
    const { failures, tripped, openRemainingMs } = snapshot;
    const closed = tripped ? undefined : failures === 0 ? CLOSED : snapshot;
    const openUntil = this.clock() + openRemainingMs;
    this.states.learn(name, seq, { failures, tripped, openUntil, closed });
    return snapshot;
  }

  /** Milliseconds left of `origin`'s cool-down while fresh; undefined: ask Redis. */
  coolDown(origin: string): number | undefined {
    const until = this.coolDowns.fresh(origin);
    return until === undefined ? undefined : Math.max(0, until - this.clock());
  }

  /** Takes Redis's answer (ms left; PTTL's -2 for none) and hands back the ms left. */
  learnCoolDown(origin: string, seq: number, ms: number): number {
    const left = Math.max(0, ms);
    this.coolDowns.learn(origin, seq, this.clock() + left);
    return left;
  }
}

// What an origin looks like when the request had one: scheme://host[:port].
const PLAIN_ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/[a-z0-9.[\]:-]{1,255}$/i;

/**
 * The key part of an origin's cool-down: the origin itself, readable in Redis, when it is one;
 * otherwise (a relative or unparsable URL, which may hold anything) a SHA-256 of it.
 */
export const coolDownName = (origin: string): string =>
  PLAIN_ORIGIN.test(origin)
    ? origin
    : `sha256:${createHash('sha256').update(origin).digest('hex')}`;

const isWhole = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value);

/** The snapshot at `offset` of a breaker script's reply. */
export function readSnapshot(reply: unknown, offset: number): BreakerSnapshot {
  if (Array.isArray(reply)) {
    const [failures, tripped, openRemainingMs] = reply.slice(offset, offset + 3) as unknown[];
    if (isWhole(failures) && failures >= 0 && (tripped === 0 || tripped === 1))
      if (isWhole(openRemainingMs) && openRemainingMs >= 0)
        return { failures, tripped: tripped === 1, openRemainingMs };
  }
  throw badReply('EVAL', 'something the breaker script does not return');
}

/** A whole number: the reply itself, or its element `index`. */
export function readWhole(reply: unknown, index?: number): number {
  const value: unknown = index === undefined ? reply : (reply as unknown[] | null)?.[index];
  if (isWhole(value)) return value;
  throw badReply('EVAL', 'something that is not a whole number');
}
