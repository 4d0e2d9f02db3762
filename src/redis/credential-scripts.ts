// The shared credential's three steps, each one atomic in Redis. KEYS[1] is the record (a hash
// of fp: the value's fingerprint, exp: epoch ms, box: the sealed credential), KEYS[2] its lock.

/**
 * ARGV: now, the rejected value's fingerprint ('' for none), a lock token, the lock's ttl.
 * Returns {'value', box} when the record is fresh and not the rejected one; else tries the
 * lock: {'locked', box or nil} (the caller fetches, told what was stored), or {'wait', pttl}.
 */
export const READ_OR_LOCK = `
local record = redis.call('HMGET', KEYS[1], 'fp', 'exp', 'box')
local fresh = record[1] and (tonumber(record[2]) or 0) > tonumber(ARGV[1])
if fresh and record[1] ~= ARGV[2] then return {'value', record[3]} end
if redis.call('SET', KEYS[2], ARGV[3], 'NX', 'PX', ARGV[4]) then return {'locked', record[3]} end
return {'wait', redis.call('PTTL', KEYS[2])}
`;

/**
 * ARGV: the lock token, fingerprint, exp, box, the record's ttl in ms, and 'release' or 'keep'.
 * Stores the fetched credential (or, with 'keep', state saved mid-fetch) and releases the lock
 * unless 'keep', only while the lock is still ours (a holder that outlived its lock must not
 * overwrite what the next holder stored). Returns 1 when stored, else 0.
 */
export const STORE_IF_LOCKED = `
if redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'fp', ARGV[2], 'exp', ARGV[3], 'box', ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
if ARGV[6] ~= 'keep' then redis.call('DEL', KEYS[2]) end
return 1
`;

/** ARGV: the lock token. Releases the lock if it is still ours (after a failed fetch). */
export const RELEASE_IF_LOCKED = `
if redis.call('GET', KEYS[2]) == ARGV[1] then return redis.call('DEL', KEYS[2]) end
return 0
`;
