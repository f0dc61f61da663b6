import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import { Counter, Histogram } from 'prom-client';
import { currentExecutorLoadSource, ExecutorLoadSource, setExecutorLoadSource } from './executor-load.gauge';
import { CacheLookupResult, ExecutionMetricOutcome, METRIC } from './metric-names';

export interface TokenUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
}

/** The one facade the rest of the service uses to record metrics. Label values must be bounded. */
@Injectable()
export class MetricsService implements OnModuleDestroy {
  private executorLoad?: ExecutorLoadSource;

  constructor(
    @InjectMetric(METRIC.HTTP_REQUESTS) private readonly httpRequests: Counter<string>,
    @InjectMetric(METRIC.HTTP_DURATION) private readonly httpDuration: Histogram<string>,
    @InjectMetric(METRIC.LLM_REQUESTS) private readonly llmRequests: Counter<string>,
    @InjectMetric(METRIC.LLM_DURATION) private readonly llmDuration: Histogram<string>,
    @InjectMetric(METRIC.LLM_TOKENS) private readonly llmTokens: Counter<string>,
    @InjectMetric(METRIC.CACHE_LOOKUPS) private readonly cacheLookups: Counter<string>,
    @InjectMetric(METRIC.CACHE_ERRORS) private readonly cacheErrors: Counter<string>,
    @InjectMetric(METRIC.SAFETY_VERDICTS) private readonly verdicts: Counter<string>,
    @InjectMetric(METRIC.EXECUTIONS) private readonly executions: Counter<string>,
    @InjectMetric(METRIC.EXECUTION_DURATION) private readonly executionDuration: Histogram<string>,
  ) {}

  /** `caller` is a caller id (bounded by the callers configured) or `anonymous`, never a key. */
  recordHttpRequest(method: string, route: string, statusCode: number, seconds: number, caller: string): void {
    const labels = { method, route, status_code: String(statusCode), caller };
    this.httpRequests.inc(labels);
    this.httpDuration.observe(labels, seconds);
  }

  recordLlmCall(outcome: string, seconds: number, usage?: TokenUsage | null): void {
    this.llmRequests.inc({ outcome });
    this.llmDuration.observe({ outcome }, seconds);
    if (usage) {
      this.llmTokens.inc({ kind: 'prompt' }, usage.promptTokens);
      this.llmTokens.inc({ kind: 'completion' }, usage.completionTokens);
    }
  }

  recordCacheLookup(result: CacheLookupResult): void {
    this.cacheLookups.inc({ result });
  }

  recordCacheError(operation: 'get' | 'set'): void {
    this.cacheErrors.inc({ operation });
  }

  recordVerdict(decision: string, code: string): void {
    this.verdicts.inc({ decision, code });
  }

  recordExecution(outcome: ExecutionMetricOutcome, caller: string, seconds?: number): void {
    this.executions.inc({ outcome, caller });
    if (seconds !== undefined) this.executionDuration.observe({ outcome, caller }, seconds);
  }

  /** Reads the executor's running and queued executions on every scrape. */
  observeExecutorLoad(read: ExecutorLoadSource): void {
    this.executorLoad = read;
    setExecutorLoadSource(read);
  }

  onModuleDestroy(): void {
    if (this.executorLoad && currentExecutorLoadSource() === this.executorLoad) setExecutorLoadSource(undefined);
  }
}
