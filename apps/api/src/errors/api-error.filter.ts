import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { writeErrorResponse } from './write-error-response';

/** Answers every error with the same JSON shape; unknown errors become a generic 500. */
@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    writeErrorResponse(exception, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>());
  }
}
