import { AxiosError } from 'axios';
import type { InternalAxiosRequestConfig } from 'axios';
import { credentialErrorFor } from '../credentials/request-error';
import { CredentialError, type CredentialName } from '../errors';
import { canceledError, isAborted, isCancellable, onAbort } from '../resilience/abort';
import { systemTimers } from '../resilience/clock';

/** Something that bounds a wait for one credential's answer (a provider's promise, a refresh). */
export interface CredentialBound {
  /** `answer`, or a rejection when the wait may not go on. */
  bound<T>(answer: Promise<T>, credential: CredentialName): Promise<T>;
}

/**
 * One request's wait for its credentials, bounded as axios bounds the send: the caller's
 * cancel (`signal` or `CancelToken`) ends it at once with axios's own CanceledError, and the
 * request's `timeout` runs from the moment the adapter wrapper gets the request, through every
 * wait for a provider or a refresh, to the send, which gets what is left.
 *
 * axios checks for a cancel only before it calls the adapter, and its http adapter listens
 * for one only once it starts: a request cancelled while its provider resolves would still go
 * out, credentials and all, when the provider answers. So nothing is sent after a cancel.
 *
 * @example
 * ```ts
 * const wait = new CredentialWait(config);
 * const token = await wait.bound(provider(ctx), 'authToken'); // CanceledError, or CredentialError at the timeout
 * await wait.send(() => adapter(config)); // with what is left of the timeout
 * ```
 */
export class CredentialWait implements CredentialBound {
  readonly #config: InternalAxiosRequestConfig;
  /** The request's timeout in ms; 0 when it has none (axios: 0 waits forever). */
  readonly #timeout: number;
  readonly #deadline: number;
  /** The waits under way, each with the credential it is for (token before key). */
  readonly #waiting = new Map<(error: unknown) => void, Naming>();
  // One cancel listener and one timer per request, however many credentials it waits for: a
  // signal shared by many concurrent requests collects no more listeners than it must.
  #stopListening = ignore;
  #timer: unknown;
  /**
   * Whether the call has waited yet (for a provider, a refresh, an earlier send): until then the
   * send keeps the request's own timeout, whatever microseconds the wrapper itself took.
   */
  #waited = false;

  constructor(config: InternalAxiosRequestConfig) {
    this.#config = config;
    // axios reads the timeout with parseInt; anything it cannot read is its own error to report.
    const timeout = Number.parseInt(String(config.timeout), 10);
    this.#timeout = timeout > 0 ? timeout : 0;
    this.#deadline = this.#timeout > 0 ? systemTimers.now() + this.#timeout : Infinity;
  }

  /**
   * `answer`, unless the caller cancels first (its CanceledError) or the timeout runs out (a
   * {@link CredentialError} naming `credential`, or whom it names when the time is up).
   */
  bound<T>(answer: Promise<T>, credential: Naming): Promise<T> {
    const config = this.#config;
    if (isAborted(config)) {
      answer.catch(ignore);
      return Promise.reject(canceledError(config));
    }
    if (this.#timeout === 0 && !isCancellable(config)) return answer;
    return new Promise<T>((resolve, reject) => {
      const fail = (error: unknown): void => {
        this.#release(fail);
        reject(error);
      };
      this.#hold(fail, credential);
      answer.then((value) => {
        this.#release(fail);
        resolve(value);
      }, fail);
    });
  }

  #hold(fail: (error: unknown) => void, credential: Naming): void {
    this.#waiting.set(fail, credential);
    this.#waited = true;
    if (this.#waiting.size > 1) return;
    const config = this.#config;
    this.#stopListening = onAbort(config, () => {
      this.#failAll(() => canceledError(config));
    });
    if (this.#timeout > 0) {
      this.#timer = systemTimers.setTimeout(
        () => {
          this.#failAll((name) => this.#timedOut(name));
        },
        Math.max(0, this.#deadline - systemTimers.now()),
      );
    }
  }

  #release(fail: (error: unknown) => void): void {
    if (!this.#waiting.delete(fail) || this.#waiting.size > 0) return;
    this.#stopListening();
    this.#stopListening = ignore;
    if (this.#timer !== undefined) systemTimers.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #failAll(errorFor: (credential: CredentialName) => unknown): void {
    for (const [fail, credential] of [...this.#waiting]) {
      fail(errorFor(typeof credential === 'function' ? credential() : credential));
    }
  }

  /**
   * Sends the request (`send` puts the credentials on and calls the adapter) unless the caller
   * has cancelled meanwhile or no time is left, with the request's `timeout` cut to what the
   * waits left for as long as the send takes; the caller's config says what the caller set
   * again once it settles. `config` is what is sent, when not the request's own config: the
   * resilience layer's copy for its first attempt (a shorter timeout, its own signal).
   */
  send<T>(send: () => Promise<T>, config = this.#config): Promise<T> {
    if (isAborted(config)) return Promise.reject(canceledError(config));
    if (!this.#waited) {
      // A replay after this send (refreshOn) gets what this send left.
      this.#waited = true;
      return send();
    }
    const left = this.#timeout === 0 ? Infinity : Math.ceil(this.#deadline - systemTimers.now());
    if (left >= this.#timeout) return send();
    if (left <= 0) return Promise.reject(timeoutError(config, this.#timeout));
    const own = config.timeout;
    // A copy may have a shorter timeout already (totalTimeout's): keep the shorter.
    if (typeof own === 'number' && own > 0 && own <= left) return send();
    config.timeout = left;
    const restore = (): void => {
      config.timeout = own;
    };
    try {
      return send().finally(restore);
    } catch (error) {
      restore();
      throw error;
    }
  }

  // Named as every CredentialError is: the credential, then the request it stopped (redacted).
  #timedOut(credential: CredentialName): CredentialError {
    const error = new CredentialError(
      credential,
      `The ${credential} provider timed out after ${this.#timeout} ms (the request's timeout). ` +
        'The provider is too slow: make it answer sooner (cachedCredential reuses one answer), ' +
        "or raise the request's timeout.",
    );
    return credentialErrorFor(error, this.#config);
  }
}

/**
 * Throws what axios rejects with once the caller has cancelled `config`: for a send that does
 * not go through {@link CredentialWait.send}, such as the next hop of a redirect.
 */
export function throwIfCanceled(config: InternalAxiosRequestConfig): void {
  if (isAborted(config)) throw canceledError(config);
}

const ignore = (): void => {};

/** A credential's name, or how to find it when the time is up (a shared refresh). */
type Naming = CredentialName | (() => CredentialName);

// As the adapter would have timed out: the caller's timeout in the message, axios's codes.
const timeoutError = (config: InternalAxiosRequestConfig, timeout: number): AxiosError =>
  new AxiosError(
    config.timeoutErrorMessage ?? `timeout of ${timeout}ms exceeded`,
    config.transitional?.clarifyTimeoutError === true
      ? AxiosError.ETIMEDOUT
      : AxiosError.ECONNABORTED,
    config,
  );
