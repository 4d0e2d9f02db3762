import type { CachedCredentialContext } from '../credentials/cached-credential';
import type { SaveState } from '../credentials/credential-store';
import { emit, isWatched } from '../events/emit';
import { isOAuthError, type OAuthError } from './oauth-error';
import type { OAuthTokens } from './options';
import type { TokenEndpoint } from './read-options';
import { planRefresh, type OwnRefreshToken } from './refresh-plan';
import { fingerprint, readState, spentAfter, writeState, type RefreshState } from './refresh-state';
import { refusal } from './shared-refusal';
import { issuedToken } from './token-cache';
import type { IssuedToken } from './token-queue';
import type { TokenRequester } from './token-request';

/** What a shared refresh needs from its provider. */
export interface SharedRefresh {
  readonly endpoint: TokenEndpoint;
  readonly key: string;
  /** See stateOwner. */
  readonly owner: string;
  readonly own: OwnRefreshToken;
  readonly request: TokenRequester;
  /** onTokens, awaited; its failure is the callers' CredentialError. */
  readonly persist: (tokens: OAuthTokens) => Promise<void>;
}

/**
 * The fetch of an oauthRefreshToken with a store, run by one process for all of them under the
 * store's lock. Before a refresh token is sent, the store is told (`sending`), so that no other
 * process sends it again if this one dies before the answer is saved; the rotated tokens are
 * saved (`unsaved`) before onTokens, so the next process can finish what this one started.
 * Without the store's lock (the store is down: `saveState` absent) nothing is sent: fail closed.
 */
export function sharedRefresh(
  shared: SharedRefresh,
): (ctx: CachedCredentialContext) => Promise<IssuedToken> {
  const { endpoint, key, own, request, persist } = shared;

  const send = async (from: RefreshState, saveState: SaveState): Promise<IssuedToken> => {
    const { refreshToken } = from;
    if (!from.reusable) {
      await saveState(writeState({ ...from, sending: own.id })).catch((error: unknown) => {
        throw refusal(endpoint, key, 'store-unavailable', { cause: error });
      });
    }
    const startedAt = endpoint.now();
    let response;
    try {
      response = await request('refresh_token', [['refresh_token', refreshToken]], [refreshToken]);
    } catch (error) {
      // Refused: nobody sends it again. Any other failure: the server did not rotate it, or we
      // cannot tell (no answer), and then the next attempt sends it again, as in one process.
      await saveState(writeState(isRefused(error) ? refused(from, error) : from)).catch(noop);
      throw error;
    }
    const token = issuedToken(endpoint, startedAt, response);
    const next = response.refreshToken;
    if (next === undefined || next === refreshToken) {
      return { ...token, state: writeState({ ...from, reusable: true }) };
    }
    own.spent.add(fingerprint(refreshToken));
    // Only what the store may have lost matters: the last rotations of this provider.
    if (own.spent.size > 50) own.spent.delete(own.spent.values().next().value!);
    own.refreshToken = next;
    const rotated: RefreshState = {
      owner: shared.owner,
      refreshToken: next,
      spent: spentAfter(from.spent, refreshToken),
    };
    if (isWatched(endpoint.onEvent)) {
      emit(endpoint.onEvent, { type: 'oauth-refresh-token-rotated', target: endpoint.target });
    }
    const { accessToken, useUntil, expiresAt } = token;
    const unsaved =
      expiresAt === undefined ? { accessToken, useUntil } : { accessToken, useUntil, expiresAt };
    // If this process dies before onTokens returns, the next one hands these to its onTokens.
    await saveState(writeState({ ...rotated, unsaved })).catch(noop);
    await persist({ accessToken, refreshToken: next, expiresAt });
    return { ...token, state: writeState(rotated) };
  };

  return async (ctx) => {
    const { saveState } = ctx;
    if (saveState === undefined) throw refusal(endpoint, key, 'store-unavailable');
    const plan = planRefresh(readState(ctx.previous?.state, shared.owner), own, shared.owner);
    if ('refuse' in plan) throw refusal(endpoint, key, plan.refuse, plan);
    if ('send' in plan) {
      return send(plan.send, saveState).catch((error: unknown) => {
        // The stored chain is dead (a sign-out revoked it): a new sign-in's token goes next.
        const retry = isRefused(error) && planRefresh(refused(plan.send, error), own, shared.owner);
        if (retry && 'send' in retry) return send(retry.send, saveState);
        throw error;
      });
    }
    const { unsaved, ...from } = plan.resume;
    await persist({
      accessToken: unsaved!.accessToken,
      refreshToken: from.refreshToken,
      expiresAt: unsaved!.expiresAt,
    });
    if (unsaved!.useUntil > endpoint.now())
      return { ...unsaved!, expiresAt: unsaved!.expiresAt, state: writeState(from) };
    return send(from, saveState);
  };
}

const noop = (): void => undefined;

const isRefused = (error: unknown): error is OAuthError =>
  isOAuthError(error) && error.oauthError === 'invalid_grant';

const refused = (from: RefreshState, error: OAuthError): RefreshState => ({
  ...from,
  refused: error.errorDescription === undefined ? {} : { description: error.errorDescription },
});
