import { fingerprint, spentAfter, type RefreshState } from './refresh-state';

/** What one provider knows by itself, whatever the store says. */
export interface OwnRefreshToken {
  /** The refresh token it was given, or the newest one it rotated to itself. */
  refreshToken: string;
  /** Fingerprints of the refresh tokens it spent itself. */
  readonly spent: Set<string>;
  /** This provider, in the `sending` marks it leaves in the store. */
  readonly id: string;
}

/** What a fetch under the store's lock does. */
export type RefreshPlan =
  /** Send `state.refreshToken`, continuing from `state`. */
  | { readonly send: RefreshState }
  /** Hand `state.unsaved` to onTokens (a process died or failed before it returned), then use it. */
  | { readonly resume: RefreshState }
  /** Send nothing: the stored refresh token is refused, or presumed spent by another process. */
  | { readonly refuse: 'refused' | 'interrupted'; readonly description?: string };

/**
 * Decides which refresh token to send, if any, from the stored state and this provider's own.
 *
 * - Nothing (or nothing believable) stored: our own.
 * - The stored one is one we spent ourselves: ours is newer (our write did not reach the store).
 * - The stored one was refused, or sent by a provider that never saved the answer (it died, or
 *   outlived the lock) and may be spent: sending it again would revoke the grant at servers
 *   with reuse detection, so it is never sent. Our own is tried only if the stored chain never
 *   had it (a new sign-in, or the token a dead process's onTokens saved); else nothing is sent.
 * - Otherwise the store is right: a token it does not know may be an old one it spent long ago,
 *   and the one it holds is the newest any process has seen.
 */
export function planRefresh(
  stored: RefreshState | undefined,
  own: OwnRefreshToken,
  owner: string,
): RefreshPlan {
  const ours = (spent: Iterable<string>): RefreshPlan => ({
    send: { owner, refreshToken: own.refreshToken, spent: [...spent] },
  });
  if (stored === undefined) return ours(own.spent);
  const { refreshToken, spent } = stored;
  if (refreshToken !== own.refreshToken && own.spent.has(fingerprint(refreshToken))) {
    return ours(spentAfter([...spent, ...own.spent], refreshToken));
  }
  const blocked = stored.refused
    ? 'refused'
    : stored.sending !== undefined && stored.sending !== own.id && !stored.reusable
      ? 'interrupted'
      : undefined;
  if (blocked !== undefined) {
    const unknown =
      own.refreshToken !== refreshToken && !spent.includes(fingerprint(own.refreshToken));
    if (unknown) return ours(own.spent);
    return { refuse: blocked, description: stored.refused?.description };
  }
  if (stored.unsaved !== undefined) return { resume: stored };
  return { send: { owner, refreshToken, spent, ...(stored.reusable && { reusable: true }) } };
}
