import { DynamicModule, Global, Module, Type } from '@nestjs/common';
import { PrometheusController, PrometheusModule } from '@willsoto/nestjs-prometheus';
import { register } from 'prom-client';
import { METRIC_PREFIX } from './metric-names';
import { METRIC_PROVIDERS } from './metrics.providers';
import { MetricsService } from './metrics.service';

export interface MetricsModuleOptions {
  /** Serves `/metrics`; the app supplies a subclass of PrometheusController to decorate it. */
  readonly controller: Type<PrometheusController>;
}

@Global()
@Module({})
export class MetricsModule {
  static forRoot(options: MetricsModuleOptions): DynamicModule {
    return {
      module: MetricsModule,
      imports: [
        PrometheusModule.register({
          controller: options.controller,
          customMetricPrefix: METRIC_PREFIX,
          // The default registry is process-wide; a second app in the same process reuses it.
          defaultMetrics: { enabled: register.getSingleMetric('process_cpu_seconds_total') === undefined },
        }),
      ],
      providers: [...METRIC_PROVIDERS, MetricsService],
      exports: [MetricsService],
    };
  }
}
