import { Global, Module } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { createKeyv } from 'cacheable';
import type { Keyv } from '@keyv/redis';
import { AppConfig, APP_CONFIG } from '@app/config';
import { MemoryThrottlerStorage } from './memory-throttler.storage';
import { RedisConnection } from './redis-connection';
import { RedisThrottlerStorage } from './redis-throttler.storage';

/** The cache store: Redis when REDIS_URL is set, else an in-memory LRU of CACHE_MAXSIZE entries. */
export const GENERATION_CACHE_STORE = Symbol('GENERATION_CACHE_STORE');
/** Where rate-limit counters live: Redis when REDIS_URL is set, else memory. */
export const RATE_LIMIT_STORAGE = Symbol('RATE_LIMIT_STORAGE');

const CACHE_NAMESPACE = 'kubectl-agent-cache';

/** Shared state between replicas (REDIS_URL), or per-process state when Redis is not configured. */
@Global()
@Module({
  providers: [
    {
      provide: RedisConnection,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => (config.redisUrl ? RedisConnection.open(config.redisUrl) : null),
    },
    {
      provide: GENERATION_CACHE_STORE,
      inject: [APP_CONFIG, RedisConnection],
      useFactory: async (config: AppConfig, redis: RedisConnection | null): Promise<Keyv> => {
        // Entries are never mutated (GenerationCache hands out copies), so reads need no clone; and one
        // Map needs no hashing of each key to pick a shard.
        if (!redis) {
          return createKeyv({ ttl: config.cache.ttlMs, lruSize: config.cache.maxSize, useClone: false, storeHashSize: 1 });
        }
        const { default: KeyvRedis, Keyv } = await import('@keyv/redis');
        const keyv = new Keyv({
          store: new KeyvRedis(redis.client, { throwOnErrors: true }),
          namespace: CACHE_NAMESPACE,
          throwOnErrors: true,
        });
        // Failures reach GenerationCache, which counts and bypasses them; an unheard 'error' event would crash.
        keyv.on('error', () => undefined);
        return keyv;
      },
    },
    {
      provide: RATE_LIMIT_STORAGE,
      inject: [RedisConnection],
      useFactory: (redis: RedisConnection | null): ThrottlerStorage =>
        redis ? new RedisThrottlerStorage(redis) : new MemoryThrottlerStorage(),
    },
  ],
  exports: [RedisConnection, GENERATION_CACHE_STORE, RATE_LIMIT_STORAGE],
})
export class SharedStateModule {}
