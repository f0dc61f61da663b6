import { Response } from 'express';
import { errorBody, retryAfterHeader } from '../errors/error-body';
import { mapError } from '../errors/error-mapping';

/** Answers an error raised before Nest's filters apply (in middleware) in the one error shape. */
export function answerWithError(error: unknown, requestId: string, response: Response): void {
  const mapped = mapError(error);
  if (response.headersSent) {
    response.end();
    return;
  }
  const retryAfter = retryAfterHeader(mapped);
  if (retryAfter !== undefined) response.setHeader('Retry-After', retryAfter);
  response.status(mapped.status).json(errorBody(mapped, requestId));
}
