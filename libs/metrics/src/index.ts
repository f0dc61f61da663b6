export { ExecutionMetricOutcome } from './metric-names';
export { MetricsModule } from './metrics.module';
export { MetricsService } from './metrics.service';
export { PrometheusController } from '@willsoto/nestjs-prometheus';
