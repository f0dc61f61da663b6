import { CacheModule } from '@nestjs/cache-manager';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule, ThrottlerStorage } from '@nestjs/throttler';
import type { Keyv } from '@keyv/redis';
import { AppConfig, AppConfigModule } from '@app/config';
import { ExecutorModule, kubectlWaitBudgetMs } from '@app/executor';
import { LlmModule } from '@app/llm';
import { MetricsModule } from '@app/metrics';
import { SafetyModule } from '@app/safety';
import { ApiKeyGuard } from './auth/api-key.guard';
import { ApiKeyVerifier } from './auth/api-key.verifier';
import { AuthModule } from './auth/auth.module';
import { callerRateLimit, rateLimitTracker } from './auth/rate-limit-tracker';
import { DiscoveryModule } from './discovery/discovery.module';
import { ApiErrorFilter } from './errors/api-error.filter';
import { HealthModule } from './health/health.module';
import { KubectlModule } from './kubectl/kubectl.module';
import { McpModule } from './mcp/mcp.module';
import { MetricsController } from './metrics/metrics.controller';
import { GENERATION_CACHE_STORE, RATE_LIMIT_STORAGE, SharedStateModule } from './shared-state/shared-state.module';

/** Composes the service from its modules; it owns no feature of its own. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        AuthModule,
        MetricsModule.forRoot({ controller: MetricsController }),
        SharedStateModule,
        CacheModule.registerAsync({
          isGlobal: true,
          inject: [GENERATION_CACHE_STORE],
          useFactory: (store: Keyv) => ({ stores: [store], ttl: config.cache.ttlMs }),
        }),
        ThrottlerModule.forRootAsync({
          imports: [AuthModule],
          inject: [ApiKeyVerifier, RATE_LIMIT_STORAGE],
          useFactory: (verifier: ApiKeyVerifier, storage: ThrottlerStorage) => ({
            // Each caller has its own limit (API_KEYS_FILE rate_limit); everyone else has RATE_LIMIT.
            throttlers: [
              {
                ttl: (context) => callerRateLimit(verifier, context)?.ttlMs ?? config.rateLimit.ttlMs,
                limit: (context) => callerRateLimit(verifier, context)?.limit ?? config.rateLimit.limit,
              },
            ],
            storage,
            getTracker: rateLimitTracker(verifier),
            // One budget per client across the API routes, not one per route.
            generateKey: (_context, tracker) => `kubectl-agent:rate:${tracker}`,
          }),
        }),
        LlmModule.forRoot({
          isGlobal: true,
          apiKey: config.llm.apiKey,
          baseUrl: config.llm.baseUrl,
          model: config.llm.model,
          timeoutMs: config.llm.timeoutMs,
          maxTokens: config.llm.maxTokens,
        }),
        SafetyModule.forRoot({
          isGlobal: true,
          allowWrites: config.safety.allowWrites,
          allowedNamespaces: config.safety.allowedNamespaces,
          // kubectl wait / rollout status give up on their own before the executor kills them.
          maxWaitMs: kubectlWaitBudgetMs(config.execution.timeoutMs),
          protectedNamespaces: config.safety.protectedNamespaces,
          deniedResources: config.safety.deniedResources,
        }),
        ExecutorModule.forRoot({ ...config.execution, isGlobal: true }),
        DiscoveryModule,
        HealthModule,
        KubectlModule,
        ...(config.mcp.enabled ? [McpModule] : []),
      ],
      providers: [
        // Guards run in this order: the rate limit first, so guessing keys is throttled too.
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_FILTER, useClass: ApiErrorFilter },
      ],
    };
  }
}
