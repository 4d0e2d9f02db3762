// Time as the resilience layer reads it. Globals are looked up on every call, not captured at
// import, so jest's fake timers (or any other) replace them for the layer too.

/** A timer handle, whatever the runtime returns. */
export type TimerHandle = unknown;

/** The timers the layer waits on. */
export interface Timers {
  /** Monotonic milliseconds: never jumps when the wall clock is set. */
  now(): number;
  /** Epoch milliseconds, for what is stored and compared across processes (cache entries). */
  epoch(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** The runtime's own timers. */
export const systemTimers: Timers = {
  now: () => performance.now(),
  epoch: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
