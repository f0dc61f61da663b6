import { Logger } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { REQUEST_ID_HEADER, requestIdOf } from '../http/request-id';
import { mapError } from './error-mapping';

const logger = new Logger('Errors');

/** Writes anything thrown while handling a request as the one error shape. */
export function writeErrorResponse(exception: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const requestId = requestIdOf(request);
  const mapped = mapError(exception);
  if (mapped.unexpected) {
    const stack = exception instanceof Error ? exception.stack : String(exception);
    logger.error(`Unhandled error in ${request.method} ${request.routeOptions.url ?? 'unmatched route'} [${requestId}]`, stack);
  }
  if (reply.sent || reply.raw.headersSent) {
    reply.raw.end();
    return;
  }
  // Also set here: some errors (undecodable paths) are answered before the hook that sets it runs.
  reply.header(REQUEST_ID_HEADER, requestId);
  if (mapped.retryAfterSeconds !== undefined) {
    reply.header('Retry-After', String(Math.max(1, Math.ceil(mapped.retryAfterSeconds))));
  }
  void reply
    .code(mapped.status)
    .type('application/json; charset=utf-8')
    .send({
      statusCode: mapped.status,
      error: mapped.code,
      message: mapped.message,
      request_id: requestId,
      ...(mapped.details ? { details: mapped.details } : {}),
      ...(mapped.safety ? { safety: mapped.safety } : {}),
    });
}
