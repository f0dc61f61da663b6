import { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ApiErrorCode, ApiException } from '../errors/api-error-code';
import { writeErrorResponse } from '../errors/write-error-response';

/**
 * Fastify's `frameworkErrors`: a path that cannot be decoded (`/%zz`) fails before routing and
 * before any hook. No route can match it, so it is answered as an unknown route would be.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  writeErrorResponse(new ApiException(404, ApiErrorCode.NOT_FOUND, `No route matches this path (${error.code}).`), request, reply);
}
