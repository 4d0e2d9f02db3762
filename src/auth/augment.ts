// Per-request options, declared on axios's own config so users need no casts.
declare module 'axios' {
  interface AxiosRequestConfig {
    /** Send this request without any credential from axios-dequest. @default false */
    skipAuth?: boolean;
    /**
     * Internal: the credentials' plans this request is sent with (a PendingAuth). A string
     * key, not a symbol: axios's mergeConfig keeps string keys when a retry library re-sends
     * `error.config`, and that re-send must still be authenticated. `unknown`, because another
     * copy of this package (or anyone) may have put something else there.
     * @internal
     */
    __axiosDequestAuth?: unknown;
  }
}

export {};
