import { createHash } from 'node:crypto';
import { INVALID_HEADER_CHAR } from '../http/syntax';

// Enough to recognise a refresh token spent long ago (50 rotations: days of hourly tokens),
// small enough to store with every access token (50 × 22 characters).
const MAX_SPENT = 50;
const FINGERPRINT = /^[\w-]{22}$/;

/** A refresh token's fingerprint: equal for equal tokens, telling nothing about the token. */
export const fingerprint = (refreshToken: string): string =>
  createHash('sha256')
    .update('axios-dequest refresh token\n')
    .update(refreshToken)
    .digest('base64url')
    .slice(0, 22);

/**
 * A shared refresh token's progress, kept in the store's `state` (encrypted there) beside the
 * access token, so that whichever process refreshes next knows what happened before.
 */
export interface RefreshState {
  /** Whose state this is (see stateOwner): another key's or client's is ignored. */
  readonly owner: string;
  /** The refresh token to send next. */
  readonly refreshToken: string;
  /** Fingerprints of the refresh tokens spent before it, oldest first. */
  readonly spent: readonly string[];
  /** The server did not rotate it the last time: it may be sent again. */
  readonly reusable?: true;
  /** The provider (by its id) that sent it and has not saved the answer: maybe dead. */
  readonly sending?: string;
  /** The server rotated to it, and `onTokens` has not returned yet: the access token it came with. */
  readonly unsaved?: {
    readonly accessToken: string;
    readonly useUntil: number;
    readonly expiresAt?: number;
  };
  /** The server refused it (`invalid_grant`): the user must sign in again. */
  readonly refused?: { readonly description?: string };
}

/** The state as the store keeps it. */
export const writeState = (state: RefreshState): string => JSON.stringify({ v: 1, ...state });

/** The spent list once `sent` is spent too. */
export const spentAfter = (spent: Iterable<string>, sent: string): string[] =>
  [...new Set([...spent, fingerprint(sent)])].slice(-MAX_SPENT);

/**
 * The stored state, if it is one this provider wrote for this owner; anything else (another
 * key's state, garbage, a newer format) is `undefined`: the store is not believed.
 */
export function readState(text: string | undefined, owner: string): RefreshState | undefined {
  let state: unknown;
  try {
    state = JSON.parse(text ?? '');
  } catch {
    return undefined;
  }
  if (typeof state !== 'object' || state === null) return undefined;
  const s = state as Record<keyof RefreshState | 'v', unknown>;
  const ok =
    s.v === 1 &&
    s.owner === owner &&
    isToken(s.refreshToken) &&
    Array.isArray(s.spent) &&
    s.spent.length <= MAX_SPENT &&
    s.spent.every((fp) => typeof fp === 'string' && FINGERPRINT.test(fp)) &&
    [undefined, true].includes(s.reusable as never) &&
    (s.sending === undefined || typeof s.sending === 'string') &&
    (s.unsaved === undefined || isUnsaved(s.unsaved)) &&
    (s.refused === undefined || isRefused(s.refused));
  return ok ? (state as RefreshState) : undefined;
}

const isToken = (value: unknown): value is string =>
  typeof value === 'string' && value !== '' && !INVALID_HEADER_CHAR.test(value);

function isUnsaved(value: unknown): boolean {
  const u = value as RefreshState['unsaved'];
  return (
    typeof u === 'object' &&
    u !== null &&
    isToken(u.accessToken) &&
    Number.isFinite(u.useUntil) &&
    (u.expiresAt === undefined || Number.isFinite(u.expiresAt))
  );
}

function isRefused(value: unknown): boolean {
  const r = value as RefreshState['refused'];
  return (
    typeof r === 'object' &&
    r !== null &&
    (r.description === undefined || typeof r.description === 'string')
  );
}
