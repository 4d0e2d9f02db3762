// The credentials every authenticating contender sends, and how a request shows it sent them.

export const TOKEN = 'bench-access-token-0123456789abcdef';
export const API_KEY = 'bench-api-key-fedcba9876543210';

/** The path a contender is checked on once, before timing: the reply names what arrived. */
export const ECHO_PATH = '/echo';
/** The path every timed request asks for. */
export const BENCH_PATH = '/r';

/** The body of every timed response: small JSON, parsed by axios as a real one would be. */
export const BODY = '{"ok":true}';

/** What the echo endpoint replies: the two credential headers, or null when absent. */
export const echoOf = (get) =>
  JSON.stringify({ authorization: get('authorization') ?? null, apiKey: get('x-api-key') ?? null });
