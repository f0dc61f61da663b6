import { INestApplication, Logger } from '@nestjs/common';
import { Server } from 'node:http';
import { ConfigError, loadAppConfig, readEnvironment } from '@app/config';
import { KubectlCommandGenerator } from '@app/llm';
import { createApp } from './bootstrap/create-app';
import { PinoLoggerService } from './logging/pino-logger.service';
import { flushStdout } from './logging/stdout';
import { startTracing, stopTracing, TracingHandle } from './tracing/start-tracing';

async function main(): Promise<void> {
  let config;
  try {
    config = loadAppConfig(readEnvironment(process.env));
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Invalid configuration: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const tracing = await startTracing(config.tracing);
  const app = await createApp(config, { logger: new PinoLoggerService(config.logLevel, { traceIds: tracing !== null }) });
  await app.listen(config.server.port, config.server.host);
  const logger = new Logger('Bootstrap');
  logger.log(`Listening on http://${config.server.host}:${config.server.port} (Swagger UI at /docs)`);
  if (tracing) logger.log(`Tracing on: OTLP ${config.tracing.protocol}, service ${config.tracing.serviceName}`);
  exitGracefullyOn(['SIGTERM', 'SIGINT'], app, tracing, logger);
  warmUpLater(app.get(KubectlCommandGenerator), logger);
}

/**
 * Loading LangChain blocks the event loop for a good part of a second. Doing it right after
 * listen would hold the first health checks; a moment later, the first query usually still
 * finds it loaded (and one that comes sooner loads it itself).
 */
const WARM_UP_DELAY_MS = 1_000;

function warmUpLater(generator: KubectlCommandGenerator, logger: Logger): void {
  setTimeout(() => {
    generator.warmUp().catch((error: unknown) => {
      logger.warn(`LLM warm-up failed; the first query will retry: ${error instanceof Error ? error.message : String(error)}`);
    });
  }, WARM_UP_DELAY_MS).unref();
}

/** Kubernetes waits terminationGracePeriodSeconds (30 s by default) before it kills the pod. */
const SHUTDOWN_DEADLINE_MS = 25_000;

/** Stops accepting connections, lets in-flight requests finish, runs shutdown hooks, flushes spans, exits 0. */
function exitGracefullyOn(signals: NodeJS.Signals[], app: INestApplication, tracing: TracingHandle | null, logger: Logger): void {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal} received: finishing in-flight requests before exit.`);
    setTimeout(() => {
      logger.error(`Shutdown took longer than ${SHUTDOWN_DEADLINE_MS} ms; exiting anyway.`);
      exitWith(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    // Nest's close() runs module destroy hooks (which stop kubectl processes and cache stores)
    // before it closes the server, so in-flight requests are let finish first.
    stopAccepting(app)
      .then(() => app.close())
      .then(() => stopTracing(tracing))
      .then(
        () => exitWith(0),
        (error: unknown) => {
          logger.error(`Shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
          exitWith(1);
        },
      );
  };
  for (const signal of signals) process.on(signal, shutdown);
}

/** Log and audit lines are written asynchronously: the ones still queued go out before the exit. */
function exitWith(code: number): never {
  flushStdout();
  process.exit(code);
}

/** Stops listening and resolves once every open request has been answered. */
function stopAccepting(app: INestApplication): Promise<void> {
  const server = app.getHttpServer() as Server;
  return new Promise((resolve) => server.close(() => resolve()));
}

void main().catch((error: unknown) => {
  process.stderr.write(`Start-up failed: ${error instanceof Error ? error.message : String(error)}\n`);
  exitWith(1);
});
