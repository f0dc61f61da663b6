import { CacheModule } from '@nestjs/cache-manager';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerGuard, ThrottlerModule, ThrottlerStorage } from '@nestjs/throttler';
import type { Keyv } from '@keyv/redis';
import { AppConfig, AppConfigModule } from '@app/config';
import { ExecutorModule } from '@app/executor';
import { LlmModule } from '@app/llm';
import { MetricsModule } from '@app/metrics';
import { SafetyModule } from '@app/safety';
import { AuditLog } from './audit/audit-log';
import { ApiKeyGuard } from './auth/api-key.guard';
import { ApiKeyVerifier } from './auth/api-key.verifier';
import { AuthModule } from './auth/auth.module';
import { rateLimitTracker } from './auth/rate-limit-tracker';
import { ApiErrorFilter } from './errors/api-error.filter';
import { HealthController } from './health/health.controller';
import { ReadinessIndicators } from './health/readiness.indicators';
import { CommandExecutionService } from './kubectl/command-execution.service';
import { CommandGenerationService } from './kubectl/command-generation.service';
import { GenerationCache } from './kubectl/generation-cache';
import { KubectlCommandService } from './kubectl/kubectl-command.service';
import { KubectlController } from './kubectl/kubectl.controller';
import { MetricsController } from './metrics/metrics.controller';
import { GENERATION_CACHE_STORE, RATE_LIMIT_STORAGE, SharedStateModule } from './shared-state/shared-state.module';

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
        TerminusModule.forRoot({ logger: false }),
        CacheModule.registerAsync({
          inject: [GENERATION_CACHE_STORE],
          useFactory: (store: Keyv) => ({ stores: [store], ttl: config.cache.ttlMs }),
        }),
        ThrottlerModule.forRootAsync({
          imports: [AuthModule],
          inject: [ApiKeyVerifier, RATE_LIMIT_STORAGE],
          useFactory: (verifier: ApiKeyVerifier, storage: ThrottlerStorage) => ({
            throttlers: [{ ttl: config.rateLimit.ttlMs, limit: config.rateLimit.limit }],
            storage,
            getTracker: rateLimitTracker(verifier),
            // One budget per client across the API routes, not one per route.
            generateKey: (_context, tracker) => `kubectl-agent:rate:${tracker}`,
          }),
        }),
        LlmModule.forRoot({
          apiKey: config.llm.apiKey,
          baseUrl: config.llm.baseUrl,
          model: config.llm.model,
          timeoutMs: config.llm.timeoutMs,
        }),
        SafetyModule.forRoot({
          allowWrites: config.safety.allowWrites,
          allowedNamespaces: config.safety.allowedNamespaces,
          protectedNamespaces: config.safety.protectedNamespaces,
        }),
        ExecutorModule.forRoot(config.execution),
      ],
      controllers: [HealthController, KubectlController],
      providers: [
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_FILTER, useClass: ApiErrorFilter },
        AuditLog,
        ReadinessIndicators,
        GenerationCache,
        CommandGenerationService,
        CommandExecutionService,
        KubectlCommandService,
      ],
    };
  }
}
