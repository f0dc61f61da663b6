import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { KubectlExecutor } from '@app/executor';
import { KubectlCommandGenerator } from '@app/llm';
import { DiscoveryService } from '../discovery/discovery.service';
import { RedisConnection } from '../shared-state/redis-connection';

const REDIS_PING_TIMEOUT_MS = 1_000;

/** What /health/ready checks; none of it spends LLM tokens or touches the cluster (discovery reports what it last read). */
@Injectable()
export class ReadinessIndicators {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly executor: KubectlExecutor,
    private readonly generator: KubectlCommandGenerator,
    @Inject(RedisConnection) private readonly redis: RedisConnection | null,
    private readonly discovery: DiscoveryService,
  ) {}

  /** Always up: without a picture the service still works (unchecked); the state and age say how fresh it is. */
  clusterDiscovery(): HealthIndicatorResult {
    const { state, ageSeconds, fingerprint, lastError } = this.discovery.status;
    return this.indicators.check('discovery').up({
      state,
      age_seconds: ageSeconds,
      fingerprint,
      ...(lastError === null ? {} : { last_error: lastError }),
    });
  }

  kubectl(): HealthIndicatorResult {
    const check = this.indicators.check('kubectl');
    return this.executor.available
      ? check.up()
      : check.down({ message: 'kubectl binary not found (KUBECTL_PATH); execution answers 503' });
  }

  llm(): HealthIndicatorResult {
    const check = this.indicators.check('llm');
    return this.generator.configured
      ? check.up({ model: this.generator.model })
      : check.down({ message: 'no LLM endpoint configured: set OPENAI_API_KEY or OPENAI_BASE_URL' });
  }

  async redisStore(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('redis');
    if (!this.redis) return check.up({ message: 'not configured (in-memory cache and rate limits)' });
    try {
      if (!this.redis.ready) throw new Error('not connected');
      await Promise.race([
        this.redis.client.ping(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('no PONG within 1 s')), REDIS_PING_TIMEOUT_MS).unref()),
      ]);
      return check.up();
    } catch (error) {
      return check.down({ message: `Redis unreachable (REDIS_URL): ${error instanceof Error ? error.message : String(error)}` });
    }
  }
}
