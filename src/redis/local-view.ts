// What this process last learnt from Redis, per key, so that most calls need no round trip: an
// answer is trusted for `maxStalenessMs` after it arrived. Replies on one connection come back
// in the order Redis ran the commands, so each answer carries the sequence number of its
// command, and an older one never overwrites a newer one (a read sent before a write).

// Origins come from request URLs: bound what a client calling many hosts keeps.
const MAX_KEYS = 1_000;

interface Seen<T> {
  readonly value: T;
  /** Clock time the answer arrived. */
  readonly at: number;
  readonly seq: number;
}

/** The last answer per key, and one read in flight per key for the callers that need one. */
export class LocalView<T> {
  readonly #seen = new Map<string, Seen<T>>();
  readonly #reading = new Map<string, Promise<unknown>>();
  #seq = 0;

  constructor(
    private readonly clock: () => number,
    private readonly maxStalenessMs: number,
  ) {}

  /** The last answer while it may still be trusted, else undefined. */
  fresh(key: string): T | undefined {
    const seen = this.#seen.get(key);
    if (seen === undefined || this.clock() - seen.at >= this.maxStalenessMs) return undefined;
    return seen.value;
  }

  /** A number for a command about to be sent: its answer is newer than every earlier one. */
  next(): number {
    return ++this.#seq;
  }

  /** Takes the answer to command `seq`, unless a later command's answer is already here. */
  learn(key: string, seq: number, value: T): void {
    const seen = this.#seen.get(key);
    if (seen !== undefined && seen.seq > seq) return;
    if (seen === undefined && this.#seen.size >= MAX_KEYS) this.#prune();
    this.#seen.set(key, { value, at: this.clock(), seq });
  }

  /** A write to `key` was sent: a read that starts now must not join one sent before it. */
  wrote(key: string): void {
    this.#reading.delete(key);
  }

  /** One read of `key` for every caller until it answers (or a write to `key` is sent). */
  read<R>(key: string, send: (seq: number) => Promise<R>): Promise<R> {
    const reading = this.#reading.get(key);
    if (reading !== undefined) return reading as Promise<R>;
    const promise = send(this.next()).finally(() => {
      if (this.#reading.get(key) === promise) this.#reading.delete(key);
    });
    this.#reading.set(key, promise);
    return promise;
  }

  #prune(): void {
    const now = this.clock();
    for (const [key, seen] of this.#seen)
      if (now - seen.at >= this.maxStalenessMs) this.#seen.delete(key);
    if (this.#seen.size >= MAX_KEYS) this.#seen.clear();
  }
}
