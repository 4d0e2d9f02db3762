import type { AxiosRequestConfig, AxiosResponse } from 'axios';
import { mergeHeaders, resolveHeaders, type HeaderRecord } from '../client';
import { withCallSelf } from '../credentials/call-self';
import { bindArguments } from './arguments';
import type { Declaration } from './declaration';
import { callPlan } from './declared-resilience';
import { describeTarget, toCallError } from './http-failure';
import { buildRequest } from './request';
import { mapResponse } from './response';
import { routeFor } from './route';

// A list goes as repeated fields (`?tag=a&tag=b`), as Python's requests/httpx send it, not
// axios's default `tag[]=a&tag[]=b`.
const PARAMS_SERIALIZER = { indexes: null } as const;

/**
 * Makes one declared call: binds and converts the arguments, builds the request, sends it and
 * maps the response. Everything that can be wrong with the arguments or the declaration
 * rejects before the request is sent.
 */
export async function performCall(
  declaration: Declaration,
  self: unknown,
  args: readonly unknown[],
  declaredIn: unknown,
): Promise<unknown> {
  const parts = buildRequest(declaration, bindArguments(declaration, args));
  const route = routeFor(declaration, self, declaredIn);
  const config: AxiosRequestConfig = withCallSelf(
    {
      method: declaration.method,
      url: parts.url,
      ...(parts.query === undefined
        ? {}
        : { params: parts.query, paramsSerializer: PARAMS_SERIALIZER }),
      ...(parts.data === undefined ? {} : { data: parts.data }),
      ...(route.timeout === undefined ? {} : { timeout: route.timeout }),
      ...(declaration.response.consume === 'text' ? { responseType: 'text' as const } : {}),
    },
    self,
  );
  let headers: HeaderRecord | undefined =
    route.headers === undefined
      ? undefined
      : await resolveHeaders(route.headers, config, route.transport.ownedHeaders);
  if (parts.contentType !== undefined)
    headers = mergeHeaders(headers ?? {}, { 'Content-Type': parts.contentType });
  if (parts.headers !== undefined) headers = mergeHeaders(headers ?? {}, parts.headers);
  if (headers !== undefined) config.headers = headers as AxiosRequestConfig['headers'];
  // The one place a request leaves, under the call's retries, circuit breaker and cache.
  const plan = callPlan(route.resilience, args, declaration.method, config);
  let response: AxiosResponse;
  try {
    response = await route.transport.send(config, plan.resilience);
  } catch (error) {
    throw toCallError(error, declaration.method, config);
  }
  // The breaker was open and its fallback answered: its value is the result, as it is.
  if (plan.fellBack !== undefined) return plan.fellBack.value;
  // Only a failure to map needs the target for its message.
  return mapResponse(declaration.response, response.data, () =>
    describeTarget(declaration.method, response.config ?? config),
  );
}
