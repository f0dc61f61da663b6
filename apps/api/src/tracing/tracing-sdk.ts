import { DiagLogger, DiagLogLevel, diag } from '@opentelemetry/api';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtobufTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { Logger } from '@nestjs/common';
import type { TracingConfig } from '@app/config';
import type { TracingHandle } from './start-tracing';

/** A collector that is down fails every export; one line per this long is enough to notice. */
const DIAG_REPEAT_MS = 30_000;

/**
 * Loaded only when tracing is on (see startTracing). The NodeSDK brings the context manager (async
 * local storage), the W3C propagator, the sampler and the batch span processor, configured from the
 * standard OTEL_* variables; no instrumentation patches any module: the service opens its spans itself.
 */
export function startSdk(config: TracingConfig): TracingHandle {
  diag.setLogger(new ThrottledDiagLogger(new Logger('Tracing')), DiagLogLevel.WARN);
  const sdk = new NodeSDK({
    serviceName: config.serviceName,
    traceExporter: config.protocol === 'http/json' ? new JsonTraceExporter() : new ProtobufTraceExporter(),
    instrumentations: [],
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
}

/** The SDK's own complaints (an unreachable collector, mostly), in the service log, at most one per DIAG_REPEAT_MS. */
class ThrottledDiagLogger implements DiagLogger {
  private lastAt = -Infinity;

  constructor(private readonly logger: Logger) {}

  error(message: string): void {
    this.write(message);
  }

  warn(message: string): void {
    this.write(message);
  }

  info(): void {}

  debug(): void {}

  verbose(): void {}

  private write(message: string): void {
    const now = performance.now();
    if (now - this.lastAt < DIAG_REPEAT_MS) return;
    this.lastAt = now;
    this.logger.warn(`OpenTelemetry: ${message.slice(0, 500)}`);
  }
}
