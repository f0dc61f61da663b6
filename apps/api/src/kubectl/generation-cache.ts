import { CACHE_MANAGER } from '@nestjs/cache-manager';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cache } from 'cache-manager';
import { createHash } from 'node:crypto';
import { AppConfig, InjectAppConfig } from '@app/config';
import { MetricsService } from '@app/metrics';
import { normalizeQueryKey, Verdict } from '@app/safety';
import { RedisConnection } from '../shared-state/redis-connection';

/** A store that stalls (Redis gone, say) must not hold requests: past this, the cache is bypassed. */
export const CACHE_OPERATION_TIMEOUT_MS = 500;

/** A generated command with the policy's verdict on it, as stored. */
export interface CachedGeneration {
  readonly command: string;
  /** The model's one sentence on what the command does; null when its reply had none. */
  readonly explanation: string | null;
  readonly model: string;
  readonly verdict: Verdict;
}

/** The generation cache: failures and stalls are logged, counted and bypassed, never surfaced. */
@Injectable()
export class GenerationCache {
  private readonly logger = new Logger(GenerationCache.name);
  readonly enabled: boolean;

  constructor(
    @Inject(CACHE_MANAGER) private readonly cache: Cache,
    @InjectAppConfig() config: AppConfig,
    private readonly metrics: MetricsService,
    @Inject(RedisConnection) private readonly redis: RedisConnection | null,
  ) {
    this.enabled = config.cache.maxSize > 0 && config.cache.ttlMs > 0;
    // cache-manager reports a failing store's reads as events rather than errors.
    this.cache.on('get', (event: { error?: unknown }) => {
      if (event.error) this.bypass('get', event.error);
    });
  }

  /**
   * Case- and whitespace-insensitive query, model, dry-run mode (the verdict depends on it) and the
   * fingerprint of the cluster context the model was shown (so a changed cluster, or another
   * caller's view of it, is not answered from an old context), hashed to keep keys short and
   * queries out of the store's key space.
   */
  static keyFor(query: string, model: string, dryRun: boolean, contextFingerprint = ''): string {
    const digest = createHash('sha256')
      .update(`${model}\n${dryRun ? 'dry-run' : 'run'}\n${contextFingerprint}\n${normalizeQueryKey(query)}`)
      .digest('hex');
    return `kubectl-agent:generation:v3:${digest}`;
  }

  async get(key: string): Promise<CachedGeneration | undefined> {
    if (!this.enabled) return undefined;
    try {
      this.assertStoreReachable();
      const value = await this.bounded(this.cache.get<CachedGeneration>(key));
      this.metrics.recordCacheLookup(value ? 'hit' : 'miss');
      return value ?? undefined;
    } catch (error) {
      this.bypass('get', error);
      this.metrics.recordCacheLookup('miss');
      return undefined;
    }
  }

  async set(key: string, value: CachedGeneration): Promise<void> {
    if (!this.enabled) return;
    try {
      this.assertStoreReachable();
      await this.bounded(this.cache.set(key, value));
    } catch (error) {
      this.bypass('set', error);
    }
  }

  /** Only a remote store can stall; the in-memory one answers at once and needs no timer. */
  private bounded<T>(operation: Promise<T>): Promise<T> {
    return this.redis ? withTimeout(operation) : operation;
  }

  /** A disconnected Redis fails at once instead of stalling each request for the timeout. */
  private assertStoreReachable(): void {
    if (this.redis && !this.redis.ready) throw new StoreUnreachableError();
  }

  private bypass(operation: 'get' | 'set', error: unknown): void {
    this.metrics.recordCacheError(operation);
    // The connection itself reports outages; each bypassed lookup would only repeat it.
    if (error instanceof StoreUnreachableError) return;
    this.logger.warn(`Cache ${operation} failed, bypassing the cache: ${error instanceof Error ? error.message : String(error)}`);
  }
}

class StoreUnreachableError extends Error {
  constructor() {
    super('Redis is not connected');
  }
}

function withTimeout<T>(operation: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CACHE_OPERATION_TIMEOUT_MS} ms`)), CACHE_OPERATION_TIMEOUT_MS);
  });
  return Promise.race([operation, timeout]).finally(() => clearTimeout(timer));
}
