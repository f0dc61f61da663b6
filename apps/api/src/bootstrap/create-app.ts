import { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig } from '@app/config';
import { MetricsService } from '@app/metrics';
import { AppModule } from '../app.module';
import { bodyParserErrorHandler, jsonBodyParser } from '../http/body-parsing';
import { requestObserver } from '../http/request-observer.middleware';
import { requestIdMiddleware } from '../http/request-id';
import { answerClientErrorsInErrorShape } from '../http/client-error';
import { jsonDepthGuard } from '../http/json-depth';
import { setupSwagger } from './swagger';
import { createValidationPipe } from './validation';

export interface CreateAppOptions {
  readonly logger?: LoggerService | false;
}

/** Builds the fully configured application; main.ts and the e2e tests share it. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    logger: options.logger,
    forceCloseConnections: false,
  });
  app.disable('x-powered-by');
  app.use(requestIdMiddleware);
  app.use(requestObserver(app.get(MetricsService)));
  app.use(jsonBodyParser());
  app.use(bodyParserErrorHandler);
  app.use(jsonDepthGuard);
  app.useGlobalPipes(createValidationPipe());
  setupSwagger(app);
  answerClientErrorsInErrorShape(app.getHttpServer());
  return app;
}
