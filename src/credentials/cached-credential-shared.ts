import { emit, isWatched } from '../events/emit';
import type { EventListener } from '../events/dequest-event';
import type { CachedCredentialContext, Produced } from './cached-credential-produce';
import { isKeepable } from './cached-credential-produce';
import type { CredentialStore, SaveState, SharedCredential } from './credential-store';

type Producer = (ctx: CachedCredentialContext) => Produced | Promise<Produced>;

// Thrown to the store when our provider returned a value nobody may keep ('' or null: "send
// no header"): the store releases its lock and stores nothing; our callers still get the value.
const notShareable = (): Error => new Error('The provider returned a value that is not shared');

/**
 * The fetch of a shared cachedCredential: the store's `obtain`, so one process in the cluster
 * calls the provider. Whatever the store does, a provider call this process made decides the
 * outcome (its value, or its error: never a second call); when the store fails before that,
 * the provider is called here, for this process alone (fail open).
 */
export function createSharedFetch(
  store: CredentialStore,
  key: string,
  produce: Producer,
  listener: EventListener | undefined,
  now: () => number,
): (ctx: CachedCredentialContext, rejected: string | undefined) => Promise<Produced> {
  const report = (outcome: 'fetched' | 'shared' | 'local-fallback'): void => {
    if (isWatched(listener)) emit(listener, { type: 'shared-credential', key, outcome });
  };
  return async (ctx, rejected) => {
    let own: Promise<Produced> | undefined;
    const fetch = (
      current: SharedCredential | undefined,
      saveState?: SaveState,
    ): Promise<SharedCredential> => {
      own ??= Promise.resolve().then(() =>
        produce({
          ...ctx,
          ...(current !== undefined && { previous: current }),
          ...(typeof saveState === 'function' && { saveState }),
        }),
      );
      return own.then(toShared);
    };
    try {
      const shared = await store.obtain(
        key,
        rejected === undefined ? { fetch } : { rejected, fetch },
      );
      if (!isSharedCredential(shared)) throw new TypeError('The store answered no credential');
      // Another process's value that has already expired would be sent once and never kept.
      if (own === undefined && !(shared.expiresAt > now())) {
        throw new TypeError('The store answered an expired credential');
      }
      report(own === undefined ? 'shared' : 'fetched');
      return { value: shared.value, expiresAt: shared.expiresAt, state: shared.state };
    } catch {
      if (own !== undefined) {
        report('fetched');
        return own;
      }
      report('local-fallback');
      return produce(ctx);
    }
  };
}

function toShared({ value, expiresAt, state }: Produced): SharedCredential {
  if (!isKeepable(value)) throw notShareable();
  // A value with no lifetime (no ttl, a JWT without exp) is used once: expired for the store.
  const shared = { value, expiresAt: expiresAt ?? 0 };
  return state === undefined ? shared : { ...shared, state };
}

// A store's answer is data from outside this process: use it only if it can be sent.
const isSharedCredential = (shared: unknown): shared is SharedCredential =>
  typeof shared === 'object' &&
  shared !== null &&
  isKeepable((shared as SharedCredential).value) &&
  Number.isFinite((shared as SharedCredential).expiresAt) &&
  ['string', 'undefined'].includes(typeof (shared as SharedCredential).state);
