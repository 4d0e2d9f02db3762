import { debuglog } from 'node:util';
import type { DequestEvent, EventListener } from './dequest-event';

// Node's own switch for library debug output: NODE_DEBUG=axios-dequest.
const debug = debuglog('axios-dequest');

/**
 * True when someone listens: build an event only then, so a request nobody watches allocates
 * nothing for it.
 */
export const isWatched = (listener: EventListener | undefined): boolean =>
  listener !== undefined || debug.enabled;

/** Writes the event's debug line and hands it to the listener, which may not fail the caller. */
export function emit(listener: EventListener | undefined, event: DequestEvent): void {
  if (debug.enabled) debug('%s', describeEvent(event));
  if (listener === undefined) return;
  try {
    listener(event);
  } catch {
    // A listener is for watching; its failure is not the request's.
  }
}

/** One line for the debug channel: the type, then each field as `name=value`. */
export function describeEvent(event: DequestEvent): string {
  const fields = Object.entries(event)
    .filter(([name, value]) => name !== 'type' && value !== undefined)
    .map(([name, value]) => `${name}=${Array.isArray(value) ? value.join(',') : String(value)}`);
  return [event.type, ...fields].join(' ');
}

/**
 * The listeners of the clients that use one shared object (a Redis store), held weakly: a
 * client that is dropped takes its listener with it, and a listener added twice is kept once.
 */
export class WatchingListeners {
  #refs: WeakRef<EventListener>[] = [];

  /** Adds `listener` unless it is there already. */
  add(listener: EventListener): void {
    this.#refs = this.#refs.filter((ref) => ref.deref() !== undefined);
    if (!this.#refs.some((ref) => ref.deref() === listener)) this.#refs.push(new WeakRef(listener));
  }

  /** True when one of them may still be listening. */
  get any(): boolean {
    return this.#refs.length > 0;
  }

  /** Hands the event to each live listener but `except` (which had it already); never throws. */
  emit(event: DequestEvent, except?: EventListener): void {
    for (const ref of this.#refs) {
      const listener = ref.deref();
      if (listener === undefined || listener === except) continue;
      try {
        listener(event);
      } catch {
        // A listener is for watching; its failure is not the store's.
      }
    }
  }
}
