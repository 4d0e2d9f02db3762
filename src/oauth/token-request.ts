import axios from 'axios';
import type { AxiosInstance, AxiosRequestConfig } from 'axios';
import { emit, isWatched } from '../events/emit';
import { basicAuthorization, formBody } from './form-encoding';
import type { TokenEndpoint } from './read-options';
import { failureReason, tokenRequestFailed, type GrantType } from './token-failure';
import { readTokenResponse, type TokenResponse } from './token-response';

// A token response is a few kB; a hostile or broken endpoint must not fill our memory.
const MAX_RESPONSE_BYTES = 1_000_000;

/** Sends token requests for one endpoint, through its own axios instance unless given one. */
export interface TokenRequester {
  (
    grantType: GrantType,
    grantParams: readonly (readonly [string, string])[],
    secrets: readonly (string | undefined)[],
  ): Promise<TokenResponse>;
}

/**
 * Makes the function that POSTs a token request (RFC 6749 §4.4.2, §6) and reads its answer.
 * Failures are {@link OAuthError}s; the form body, the client secret and the `Authorization`
 * value are in no message and in no printed cause.
 */
export function tokenRequester(endpoint: TokenEndpoint): TokenRequester {
  let own: AxiosInstance | undefined;
  return async (grantType, grantParams, secrets) => {
    const client = endpoint.client ?? (own ??= axios.create());
    const params: (readonly [string, string])[] = [
      ['grant_type', grantType],
      ...grantParams,
      ...endpoint.params,
    ];
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    };
    if (endpoint.authMethod === 'client_secret_basic') {
      headers.authorization = basicAuthorization(endpoint.clientId, endpoint.clientSecret!);
    } else {
      params.push(['client_id', endpoint.clientId]);
      if (endpoint.authMethod === 'client_secret_post')
        params.push(['client_secret', endpoint.clientSecret!]);
    }
    if (isWatched(endpoint.onEvent)) {
      emit(endpoint.onEvent, { type: 'oauth-token-requested', target: endpoint.target, grantType });
    }
    const allSecrets = [endpoint.clientSecret, ...secrets];
    try {
      const response = await client.request<unknown>({
        method: 'post',
        url: endpoint.url,
        data: formBody(params),
        headers,
        timeout: endpoint.timeout,
        // The answer is read here, whatever the instance's transforms and status rules are.
        responseType: 'text',
        transformRequest: [(data: unknown) => data],
        transformResponse: [(data: unknown) => data],
        validateStatus: (status) => status >= 200 && status < 300,
        // A redirect would carry the form body (and so the secret) to wherever it points.
        maxRedirects: 0,
        fetchOptions: {
          ...(client.defaults?.fetchOptions as object | undefined),
          redirect: 'manual',
        },
        maxContentLength: MAX_RESPONSE_BYTES,
        allowAbsoluteUrls: true,
        // If `client` is an instance with auth attached (even the one being authenticated),
        // the token request still carries none of its credentials and cannot recurse.
        skipAuth: true,
      } as AxiosRequestConfig);
      return readTokenResponse(
        endpoint,
        response.status,
        response.headers['content-type'],
        response.data,
        allSecrets,
      );
    } catch (error) {
      const failure = isTokenError(error)
        ? error
        : tokenRequestFailed(endpoint, grantType, error, allSecrets);
      if (isWatched(endpoint.onEvent)) {
        emit(endpoint.onEvent, {
          type: 'oauth-token-failed',
          target: endpoint.target,
          grantType,
          reason: failureReason(failure),
        });
      }
      throw failure;
    }
  };
}

const isTokenError = (error: unknown): boolean =>
  (error as { isOAuthError?: unknown })?.isOAuthError === true;
