import { Logger } from '@nestjs/common';
import { Request, Response } from 'express';
import { requestIdOf } from '../http/request-id';
import { mapError } from './error-mapping';

const logger = new Logger('Errors');

/** Writes anything thrown while handling a request as the one error shape. */
export function writeErrorResponse(exception: unknown, request: Request, response: Response): void {
  const requestId = requestIdOf(request);
  const mapped = mapError(exception);
  if (mapped.unexpected) {
    const stack = exception instanceof Error ? exception.stack : String(exception);
    logger.error(`Unhandled error in ${request.method} ${request.path} [${requestId}]`, stack);
  }
  if (response.headersSent) {
    response.end();
    return;
  }
  if (mapped.retryAfterSeconds !== undefined) {
    response.setHeader('Retry-After', String(Math.max(1, Math.ceil(mapped.retryAfterSeconds))));
  }
  response.status(mapped.status).json({
    statusCode: mapped.status,
    error: mapped.code,
    message: mapped.message,
    request_id: requestId,
    ...(mapped.details ? { details: mapped.details } : {}),
    ...(mapped.safety ? { safety: mapped.safety } : {}),
  });
}
