import type { AxiosInstance } from 'axios';
import { AUTH_OPTION_KEYS } from '../auth';
import { ConfigurationError } from '../errors';
import { describeValue } from '../http/describe-value';
import { assertHeadersSource } from '../client';
import type { TransportOptions } from './options';

/** The options that say where requests go and how they are authenticated. */
export const TRANSPORT_KEYS = [
  'baseURL',
  'client',
  'headers',
  'timeout',
  ...AUTH_OPTION_KEYS,
] as const;

/** Checks the transport options shared by declarations and {@link ApiClient}. */
export function compileTransportOptions(
  owner: string,
  options: TransportOptions,
): TransportOptions {
  const { baseURL, client, timeout } = options;
  if (baseURL !== undefined && typeof baseURL !== 'string') {
    throw new ConfigurationError(
      `${owner}: baseURL must be a string such as 'https://api.example.com'.`,
    );
  }
  if (client !== undefined && typeof client !== 'function' && !isAxiosInstance(client)) {
    throw new ConfigurationError(
      `${owner}: client must be an axios instance (axios.create(), HttpService.axiosRef) or a function returning one.`,
    );
  }
  if (
    timeout !== undefined &&
    !(typeof timeout === 'number' && Number.isFinite(timeout) && timeout >= 0)
  ) {
    throw new ConfigurationError(
      `${owner}: timeout is in milliseconds, a number >= 0 (0: no timeout), got ${describeValue(timeout)}.`,
    );
  }
  assertHeadersSource(options.headers, owner);
  const given: Record<string, unknown> = {};
  for (const key of TRANSPORT_KEYS) if (options[key] !== undefined) given[key] = options[key];
  return given;
}

/** True for an axios instance (or `axios` itself), from any copy of axios. */
export const isAxiosInstance = (value: unknown): value is AxiosInstance =>
  (typeof value === 'function' || typeof value === 'object') &&
  value !== null &&
  typeof (value as AxiosInstance).request === 'function' &&
  typeof (value as AxiosInstance).defaults === 'object';
