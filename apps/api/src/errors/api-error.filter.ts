import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { requestContextOf } from '../context/request-context';
import { errorBody, retryAfterHeader } from './error-body';
import { mapError } from './error-mapping';

/** Answers every error with the same JSON shape; unknown errors become a generic 500, logged with their stack. */
@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = requestContextOf(host);
    const response: unknown = host.switchToHttp().getResponse();
    const { httpAdapter } = this.adapterHost;
    const mapped = mapError(exception);
    if (mapped.unexpected) {
      const stack = exception instanceof Error ? exception.stack : String(exception);
      this.logger.error(`Unhandled error in ${context.route} [${context.requestId}]`, stack);
    }
    if (httpAdapter.isHeadersSent(response)) {
      httpAdapter.end(response);
      return;
    }
    const retryAfter = retryAfterHeader(mapped);
    if (retryAfter !== undefined) httpAdapter.setHeader(response, 'Retry-After', retryAfter);
    httpAdapter.reply(response, errorBody(mapped, context.requestId), mapped.status);
  }
}
