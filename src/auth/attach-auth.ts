import type { AxiosInstance } from 'axios';
import { assertAxiosInstance, recordAttachment, recordDetachment, isDetached } from './attachments';
import { compileAuthPlan } from './auth-plan';
import { warnOfDefaultHeaders } from './default-headers';
import { assertAuthOptionNames, listenerOf } from './option-names';
import type { AuthOptions } from './options';
import { markForAuth } from './request-auth';

/**
 * Adds credentials to every request of an axios instance you already have: the global
 * `axios`, one from `axios.create`, or Nest's `HttpService.axiosRef`. Returns `detach`,
 * which removes them again.
 *
 * Credentials go only to the origin of the instance's `baseURL` and to `allowedOrigins`;
 * with neither, this throws a {@link ConfigurationError}. The instance's defaults are never
 * changed; a header the request already has wins; `skipAuth: true` sends none.
 *
 * @example
 * ```ts
 * const api = axios.create({ baseURL: 'https://api.example.com' });
 * const detach = attachAuth(api, { authToken: () => tokens.current(), apiKey: process.env.API_KEY });
 * await api.get('/me'); // Authorization: Bearer …, x-api-key: …
 * detach();
 * ```
 */
export function attachAuth(instance: AxiosInstance, options: AuthOptions): () => void {
  assertAxiosInstance('attachAuth', instance);
  assertAuthOptionNames('attachAuth', options);
  const plan = compileAuthPlan(options, instance.defaults?.baseURL);
  warnOfDefaultHeaders(instance, options, listenerOf(options));
  recordAttachment(instance, plan);
  const id = instance.interceptors.request.use((config) => markForAuth(config, plan), undefined, {
    synchronous: true,
  });
  return function detach(): void {
    if (isDetached(plan)) return;
    instance.interceptors.request.eject(id);
    recordDetachment(instance, plan);
  };
}
