export { CacheLookupResult, ExecutionMetricOutcome, METRIC, METRIC_PREFIX } from './metric-names';
export { MetricsModule, MetricsModuleOptions } from './metrics.module';
export { MetricsService, TokenUsage } from './metrics.service';
export { PrometheusController } from '@willsoto/nestjs-prometheus';
