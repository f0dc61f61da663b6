import { Logger, OnApplicationShutdown } from '@nestjs/common';
import type { createClient } from '@keyv/redis';

export type RedisClient = ReturnType<typeof createClient>;

/** While Redis is away, log its errors at most this often. */
const ERROR_LOG_INTERVAL_MS = 30_000;
const MAX_RECONNECT_DELAY_MS = 2_000;

/**
 * The one Redis connection shared by the cache and the rate limiter. Commands fail fast while
 * it is down (no offline queue) and it reconnects in the background.
 */
export class RedisConnection implements OnApplicationShutdown {
  private readonly logger = new Logger(RedisConnection.name);
  private lastErrorLoggedAt = 0;
  readonly client: RedisClient;

  /** Loads the Redis client library only when Redis is configured (it costs start-up time). */
  static async open(url: string): Promise<RedisConnection> {
    const { createClient } = await import('@keyv/redis');
    return new RedisConnection(url, createClient);
  }

  private constructor(url: string, create: typeof createClient) {
    this.client = create({
      url,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: 2_000,
        reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, MAX_RECONNECT_DELAY_MS),
      },
    });
    this.client.on('error', (error: Error) => this.logError(error));
    this.client.on('ready', () => this.logger.log('Connected to Redis: cache and rate limits are shared.'));
    this.client.connect().catch((error: Error) => this.logError(error));
  }

  get ready(): boolean {
    return this.client.isReady;
  }

  async onApplicationShutdown(): Promise<void> {
    try {
      if (this.client.isOpen) await this.client.close();
    } catch {
      this.client.destroy();
    }
  }

  private logError(error: Error): void {
    const now = Date.now();
    if (now - this.lastErrorLoggedAt < ERROR_LOG_INTERVAL_MS) return;
    this.lastErrorLoggedAt = now;
    this.logger.warn(`Redis unavailable (${error.message}): the cache is bypassed and rate limits are per instance until it returns.`);
  }
}
