import { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig } from '@app/config';
import { MetricsService } from '@app/metrics';
import { AppModule } from '../app.module';
import { JSON_BODY_LIMIT_BYTES, registerBodyParsers } from '../http/body-parsing';
import { answerClientError } from '../http/client-error';
import { answerFrameworkError } from '../http/framework-errors';
import { observeRequests } from '../http/request-observer';
import { requestIdFor } from '../http/request-id';
import { setupSwagger } from './swagger';
import { createValidationPipe } from './validation';

export interface CreateAppOptions {
  readonly logger?: LoggerService | false;
}

/** Node's own limit on receiving a whole request, which Fastify would otherwise switch off. */
const REQUEST_TIMEOUT_MS = 300_000;

/** Builds the fully configured application; main.ts and the e2e tests share it. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: JSON_BODY_LIMIT_BYTES,
    genReqId: requestIdFor,
    requestIdHeader: false,
    clientErrorHandler: answerClientError,
    frameworkErrors: answerFrameworkError,
    requestTimeout: REQUEST_TIMEOUT_MS,
    // Paths match as they did on Express: a trailing slash and letter case do not matter.
    routerOptions: { ignoreTrailingSlash: true, caseSensitive: false },
    // The app registers no Express-style middleware; its hooks are Fastify's own.
    skipMiddie: true,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    bodyParser: false,
    logger: options.logger,
  });
  const fastify = app.getHttpAdapter().getInstance();
  registerBodyParsers(fastify);
  observeRequests(fastify, app.get(MetricsService));
  app.useGlobalPipes(createValidationPipe());
  setupSwagger(app);
  return app;
}
