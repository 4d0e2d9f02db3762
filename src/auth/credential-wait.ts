import { AxiosError } from 'axios';
import type { InternalAxiosRequestConfig } from 'axios';
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
 * const timeout = wait.sendTimeout(); // what is left for the adapter
 * ```
 */
export class CredentialWait implements CredentialBound {
  readonly #config: InternalAxiosRequestConfig;
  /** The request's timeout in ms; 0 when it has none (axios: 0 waits forever). */
  readonly #timeout: number;
  readonly #deadline: number;

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
  bound<T>(answer: Promise<T>, credential: CredentialName | (() => CredentialName)): Promise<T> {
    const config = this.#config;
    if (isAborted(config)) {
      answer.catch(ignore);
      return Promise.reject(cancelReason(config));
    }
    if (this.#timeout === 0 && !isCancellable(config)) return answer;
    return new Promise<T>((resolve, reject) => {
      let timer: unknown;
      let stop = ignore;
      const settle = (): void => {
        stop();
        if (timer !== undefined) systemTimers.clearTimeout(timer);
      };
      const fail = (error: unknown): void => {
        settle();
        reject(error);
      };
      stop = onAbort(config, () => {
        fail(cancelReason(config));
      });
      if (this.#timeout > 0) {
        const left = Math.max(0, this.#deadline - systemTimers.now());
        timer = systemTimers.setTimeout(() => {
          fail(this.#timedOut(typeof credential === 'function' ? credential() : credential));
        }, left);
      }
      answer.then((value) => {
        settle();
        resolve(value);
      }, fail);
    });
  }

  /**
   * Right before the send: throws when the caller has cancelled meanwhile, or when no time is
   * left. Returns the timeout the adapter gets, or `undefined` to leave the request's own.
   */
  sendTimeout(): number | undefined {
    const config = this.#config;
    if (isAborted(config)) throw cancelReason(config);
    if (this.#timeout === 0) return undefined;
    const left = Math.ceil(this.#deadline - systemTimers.now());
    if (left >= this.#timeout) return undefined;
    if (left <= 0) throw timeoutError(config, this.#timeout);
    return left;
  }

  #timedOut(credential: CredentialName): CredentialError {
    return new CredentialError(
      credential,
      `The ${credential} provider timed out after ${this.#timeout} ms (the request's timeout), ` +
        'so the request was not sent. The provider is too slow: make it answer sooner ' +
        "(cachedCredential reuses one answer), or raise the request's timeout.",
    );
  }
}

const ignore = (): void => {};

// What axios itself rejects with: a CancelToken's own reason (it holds the caller's message),
// else a CanceledError of this request.
const cancelReason = (config: InternalAxiosRequestConfig): unknown =>
  (config.cancelToken as { reason?: unknown } | undefined)?.reason ?? canceledError(config);

// As the adapter would have timed out: the caller's timeout in the message, axios's codes.
const timeoutError = (config: InternalAxiosRequestConfig, timeout: number): AxiosError =>
  new AxiosError(
    config.timeoutErrorMessage ?? `timeout of ${timeout}ms exceeded`,
    config.transitional?.clarifyTimeoutError === true
      ? AxiosError.ETIMEDOUT
      : AxiosError.ECONNABORTED,
    config,
  );
