import { OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { MemoryThrottlerStorage, ThrottlerStorageRecord } from './memory-throttler.storage';
import { RedisConnection } from './redis-connection';

// A fixed window per key, and a block once the limit is passed; atomic in Redis.
const INCREMENT_SCRIPT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
local blocked = redis.call('PTTL', KEYS[2])
if blocked <= 0 and hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  blocked = tonumber(ARGV[3])
end
return { hits, ttl, blocked }
`;

/**
 * Rate-limit counters shared by every replica through Redis. While Redis is unreachable each
 * instance counts on its own (in memory) rather than failing open or refusing everyone.
 */
export class RedisThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly fallback = new MemoryThrottlerStorage();

  constructor(private readonly redis: RedisConnection) {}

  onApplicationShutdown(): void {
    this.fallback.onApplicationShutdown();
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    if (!this.redis.ready) return this.fallback.increment(key, ttl, limit, blockDuration, throttlerName);
    try {
      const reply = (await this.redis.client.eval(INCREMENT_SCRIPT, {
        keys: [key, `${key}:blocked`],
        arguments: [String(ttl), String(limit), String(blockDuration)],
      })) as [number, number, number];
      const [totalHits, ttlMs, blockedMs] = reply.map(Number);
      return {
        totalHits,
        timeToExpire: Math.max(0, Math.ceil(ttlMs / 1000)),
        isBlocked: blockedMs > 0,
        timeToBlockExpire: Math.max(0, Math.ceil(blockedMs / 1000)),
      };
    } catch {
      return this.fallback.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }
}
