// Per-request options, declared on axios's own config so users need no casts.
declare module 'axios' {
  interface AxiosRequestConfig {
    /** Send this request without any credential from axios-dequest. @default false */
    skipAuth?: boolean;
  }
}

export {};
