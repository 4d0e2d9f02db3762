// The factory layer: createClient, and the headers rules it shares with declared calls.
export { buildClient, createClient, DEFAULT_TIMEOUT_MS } from './create-client';
export type { ClientOptions } from './create-client';
export { assertHeadersSource, mergeHeaders, resolveHeaders } from './headers';
export type { HeaderRecord, HeadersSource } from './headers';
