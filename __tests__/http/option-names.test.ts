// One wording for a misspelt option name, wherever options are read.
import { closestOption, unknownOptionsProblem } from '../../src/http/option-names';

const KNOWN = ['authToken', 'apiKey', 'refreshOn', 'allowedOrigins', 'retryDelay', 'baseURL'];

test.each([
  ['authtoken', 'authToken'],
  ['auth_token', 'authToken'],
  ['AuthToken', 'authToken'],
  ['authTokn', 'authToken'],
  ['apikey', 'apiKey'],
  ['api_key', 'apiKey'],
  ['refreshon', 'refreshOn'],
  ['allowedorigins', 'allowedOrigins'],
  ['allowedOrigin', 'allowedOrigins'],
  ['alowedOrigns', 'allowedOrigins'],
  ['retry_delay', 'retryDelay'],
  ['baseUrl', 'baseURL'],
])('%s is a slip of %s', (given, meant) => {
  expect(closestOption(given, KNOWN)).toBe(meant);
});

test.each(['auth', 'params', 'data', 'retry', 'token', 'key', 'origins', 'refresh', 'apiKeys2x'])(
  '%s is no slip of any of them',
  (given) => {
    expect(closestOption(given, KNOWN)).toBeUndefined();
  },
);

// Every option axios's own config takes: createClient passes them on, so none may read as a slip.
const AXIOS_CONFIG_KEYS = [
  'url',
  'method',
  'baseURL',
  'allowAbsoluteUrls',
  'transformRequest',
  'transformResponse',
  'headers',
  'params',
  'paramsSerializer',
  'data',
  'timeout',
  'timeoutErrorMessage',
  'withCredentials',
  'adapter',
  'auth',
  'responseType',
  'responseEncoding',
  'xsrfCookieName',
  'xsrfHeaderName',
  'withXSRFToken',
  'onUploadProgress',
  'onDownloadProgress',
  'maxContentLength',
  'maxBodyLength',
  'validateStatus',
  'maxRedirects',
  'maxRate',
  'beforeRedirect',
  'socketPath',
  'transport',
  'httpAgent',
  'httpsAgent',
  'proxy',
  'cancelToken',
  'signal',
  'decompress',
  'insecureHTTPParser',
  'env',
  'formSerializer',
  'family',
  'lookup',
  'http2Options',
  'fetchOptions',
  'parseReviver',
  'transitional',
  'skipAuth',
  'resilience',
];
const DEQUEST_KEYS = [
  'authToken',
  'apiKey',
  'authScheme',
  'authHeader',
  'apiKeyHeader',
  'apiKeyQueryParam',
  'allowedOrigins',
  'refreshOn',
  'onEvent',
  'retries',
  'retryDelay',
  'retryOn',
  'giveup',
  'maxRetryAfter',
  'retryMethods',
  'totalTimeout',
  'onRetry',
  'onGiveUp',
  'circuitBreaker',
  'cache',
];

test("no option of axios's own config reads as a slip of one of ours", () => {
  const flagged = AXIOS_CONFIG_KEYS.filter(
    (key) => !DEQUEST_KEYS.includes(key) && closestOption(key, DEQUEST_KEYS) !== undefined,
  );
  expect(flagged).toEqual([]);
});

test('open options: a slip is named with what was meant; other names pass', () => {
  expect(unknownOptionsProblem({ authtoken: 't', xsrfCookieName: 'x' }, { known: KNOWN })).toBe(
    'unknown option authtoken (did you mean authToken?); left as it is, it would be ignored.',
  );
  expect(unknownOptionsProblem({ apikey: 'k', refreshon: [401] }, { known: KNOWN })).toBe(
    'unknown options apikey (did you mean apiKey?), refreshon (did you mean refreshOn?); left as they are, they would be ignored.',
  );
  expect(unknownOptionsProblem({ authToken: 't', custom: 1 }, { known: KNOWN })).toBeUndefined();
});

test('closed options: every unknown name is wrong, and the options are listed', () => {
  expect(
    unknownOptionsProblem({ scopes: 'a' }, { known: ['scope', 'tokenUrl'], closed: true }),
  ).toBe('unknown option scopes (did you mean scope?). The options are: scope, tokenUrl.');
  expect(
    unknownOptionsProblem({ grant: 'a' }, { known: ['scope', 'tokenUrl'], closed: true }),
  ).toBe('unknown option grant. The options are: scope, tokenUrl.');
});

test('a renamed option says what to write instead', () => {
  expect(
    unknownOptionsProblem({ dto_class: 'User' }, { known: ['dto'], renamed: { dto_class: 'dto' } }),
  ).toBe('unknown option dto_class (did you mean dto?); left as it is, it would be ignored.');
});
