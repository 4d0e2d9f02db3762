// A shared breaker's steps, each one atomic in Redis (a read-modify-write from two processes at
// once would lose a failure or hand out two probe slots). KEYS[1] is the breaker's hash
// (`failures`, and `openUntil` while tripped: Redis's own clock, epoch ms), KEYS[2] its probe
// slots (a sorted set: a random member per slot, scored by the end of its lease). Each script
// returns the snapshot after it: {failures, tripped (0 or 1), openRemainingMs}. Time is Redis's
// TIME, so replicas with skewed clocks agree (scripts are replicated by effects: Redis >= 5).

const STATE = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local fields = redis.call('HMGET', KEYS[1], 'failures', 'openUntil')
local failures = tonumber(fields[1]) or 0
local openUntil = tonumber(fields[2])
local function snapshot()
  if openUntil == nil then return {failures, 0, 0} end
  return {failures, 1, math.max(0, openUntil - now)}
end
local open = openUntil ~= nil and openUntil > now
`;

/** The state as it is. */
export const READ = `${STATE}
return snapshot()
`;

/**
 * ARGV: threshold, openMs, keepMs. OPEN: nothing changes (a call admitted before it opened).
 * Otherwise one more failure; at the threshold, or a probe's failure (HALF_OPEN): open for
 * openMs, probe slots freed. The hash outlives its last write by keepMs (plus openMs).
 */
export const RECORD_FAILURE = `${STATE}
if open then return snapshot() end
failures = failures + 1
if openUntil ~= nil or failures >= tonumber(ARGV[1]) then
  openUntil = now + tonumber(ARGV[2])
  redis.call('HSET', KEYS[1], 'failures', failures, 'openUntil', openUntil)
  redis.call('DEL', KEYS[2])
else
  redis.call('HSET', KEYS[1], 'failures', failures)
end
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) + tonumber(ARGV[3]))
return snapshot()
`;

/** CLOSED or HALF_OPEN: back to CLOSED with no key at all. OPEN: nothing changes. */
export const RECORD_SUCCESS = `${STATE}
if open then return snapshot() end
redis.call('DEL', KEYS[1], KEYS[2])
return {0, 0, 0}
`;

/**
 * ARGV: maxProbes, leaseMs, a random member. Only while HALF_OPEN: drops slots whose lease ran
 * out, takes one if fewer than maxProbes are held. Returns {taken (0 or 1), ...snapshot}.
 */
export const ACQUIRE_PROBE = `${STATE}
local taken = 0
if openUntil ~= nil and not open then
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
  if redis.call('ZCARD', KEYS[2]) < tonumber(ARGV[1]) then
    redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), ARGV[3])
    if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[2], ARGV[2]) end
    taken = 1
  end
end
local after = snapshot()
return {taken, after[1], after[2], after[3]}
`;

/**
 * KEYS[1]: an origin's cool-down, whose expiry is the cool-down's end. ARGV: ms. Keeps the
 * later end. Returns the milliseconds left after it.
 */
export const COOL_DOWN = `
local left = redis.call('PTTL', KEYS[1])
local ms = tonumber(ARGV[1])
if left >= ms then return left end
redis.call('SET', KEYS[1], '1', 'PX', ms)
return ms
`;
