import { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Server } from 'node:http';
import { AppConfig } from '@app/config';
import { MetricsService } from '@app/metrics';
import { AppModule } from '../app.module';
import { jsonBodyMiddleware } from '../http/body-parsing';
import { answerClientErrorsInErrorShape } from '../http/client-error';
import { requestContextMiddleware } from '../http/request-context.middleware';
import { HttpServerSpans } from '../tracing/http-server-span';
import { setupSwagger } from './swagger';
import { createValidationPipe } from './validation';

export interface CreateAppOptions {
  readonly logger?: LoggerService | false;
}

/** Longer than the 60 s idle timeout of common load balancers, so they close idle connections first. */
const KEEP_ALIVE_TIMEOUT_MS = 72_000;
/** Node's own limit on receiving a whole request. */
const REQUEST_TIMEOUT_MS = 300_000;

/** Builds the fully configured application; main.ts and the e2e tests share it. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    logger: options.logger,
  });
  app.disable('x-powered-by');
  // Answers are never revalidated (POSTs, health, metrics): hashing every body for an ETag is waste.
  app.set('etag', false);
  // Paths match in any letter case and with or without a trailing slash (Express's defaults, stated).
  app.set('case sensitive routing', false);
  app.set('strict routing', false);
  app.use(requestContextMiddleware(app.get(MetricsService), config.tracing.enabled ? new HttpServerSpans() : null));
  app.use(jsonBodyMiddleware());
  app.useGlobalPipes(createValidationPipe());
  setupSwagger(app);
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  answerClientErrorsInErrorShape(server);
  return app;
}
