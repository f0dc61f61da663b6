import type { TracingConfig } from '@app/config';

/** The running SDK: flushes what is buffered and stops. */
export interface TracingHandle {
  shutdown(): Promise<void>;
}

/** A collector that does not answer must not hold the exit for long. */
const SHUTDOWN_TIMEOUT_MS = 5_000;

/**
 * Starts the OpenTelemetry SDK when tracing is on, and loads nothing when it is off: the SDK and
 * the exporters are required here, lazily, so the service without tracing only ever loads the
 * API's no-op (`@opentelemetry/api`). The SDK reads the standard OTEL_* variables from the process
 * environment, which is given those of `.env` it lacks (variables already set win, as everywhere).
 */
export async function startTracing(config: TracingConfig): Promise<TracingHandle | null> {
  if (!config.enabled) return null;
  for (const [name, value] of Object.entries(config.sdkEnvironment)) process.env[name] ??= value;
  const { startSdk } = await import('./tracing-sdk');
  return startSdk(config);
}

/** Flushes the spans still buffered, bounded in time. */
export async function stopTracing(handle: TracingHandle | null): Promise<void> {
  if (!handle) return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, SHUTDOWN_TIMEOUT_MS);
  });
  await Promise.race([handle.shutdown().catch(() => undefined), timeout]).finally(() => clearTimeout(timer));
}
