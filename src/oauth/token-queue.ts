/** An access token as obtained, and until when it may be handed to a request. */
export interface IssuedToken {
  readonly accessToken: string;
  /** Epoch ms: the expiry minus the skew, or the default lifetime. */
  readonly useUntil: number;
  /** Epoch ms when the server said it expires, if it said. */
  readonly expiresAt: number | undefined;
  /** What a shared store keeps with it (an oauthRefreshToken's refresh-token state). */
  readonly state?: string;
}

type Outcome =
  | { readonly ok: true; readonly token: IssuedToken }
  | { readonly ok: false; readonly error: unknown };

/**
 * Token requests, one at a time, and never one more than needed.
 *
 * cachedCredential already gives every concurrent caller one fetch; but a refresh (`refreshOn`)
 * asked while an ordinary fetch runs starts a second fetch, and so does the first call after
 * `clear()`. Here such a fetch waits for the running one, then takes its outcome instead of
 * sending another request: a token obtained after the caller asked is newer than any it was
 * refused with. So a refresh token is never sent by two requests at once (which would spend it
 * twice and, with reuse detection, revoke the whole grant), and a refresh wave during an expiry
 * costs one token request, not two.
 */
export class TokenQueue {
  #tail: Promise<unknown> = Promise.resolve();
  #settled = 0;
  #epoch = 0;
  #last: { readonly run: number; readonly epoch: number; readonly outcome: Outcome } | undefined;

  /** Runs `fetch` after the running request, unless a request settled since this call. */
  take(fetch: () => Promise<IssuedToken>): Promise<IssuedToken> {
    const askedAt = this.#settled;
    const epoch = this.#epoch;
    const result = this.#tail.then(async () => {
      const last = this.#last;
      if (last !== undefined && last.run > askedAt && last.epoch === epoch) {
        if (last.outcome.ok) return last.outcome.token;
        throw last.outcome.error;
      }
      try {
        const token = await fetch();
        this.#record(epoch, { ok: true, token });
        return token;
      } catch (error) {
        this.#record(epoch, { ok: false, error });
        throw error;
      }
    });
    this.#tail = result.catch(() => undefined);
    return result;
  }

  /** A request running now may finish, but its outcome serves no caller that asks from now on. */
  forget(): void {
    this.#epoch++;
  }

  #record(epoch: number, outcome: Outcome): void {
    this.#settled++;
    this.#last = { run: this.#settled, epoch, outcome };
  }
}
