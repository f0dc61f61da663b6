import { json, NextFunction, Request, RequestHandler, Response } from 'express';
import { ApiErrorCode, ApiException } from '../errors/api-error-code';
import { writeErrorResponse } from '../errors/write-error-response';

/** Large enough that an over-long query is reported by validation, naming the field. */
export const JSON_BODY_LIMIT = '2mb';

interface BodyParserError extends Error {
  type?: string;
  status?: number;
}

export function jsonBodyParser(): RequestHandler {
  return json({ limit: JSON_BODY_LIMIT });
}

/** Answers body-parser failures (which happen before Nest's filters apply) in the API's error shape. */
export function bodyParserErrorHandler(
  error: BodyParserError,
  request: Request,
  response: Response,
  _next: NextFunction,
): void {
  writeErrorResponse(translate(error), request, response);
}

function translate(error: BodyParserError): ApiException | Error {
  switch (error.type) {
    case 'entity.parse.failed':
      return new ApiException(400, ApiErrorCode.INVALID_JSON, 'The request body is not valid JSON.');
    case 'entity.too.large':
      return new ApiException(413, ApiErrorCode.PAYLOAD_TOO_LARGE, `The request body exceeds ${JSON_BODY_LIMIT}.`);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ApiException(415, ApiErrorCode.UNSUPPORTED_MEDIA_TYPE, 'The request body must be UTF-8 JSON.');
    default:
      return error.status && error.status < 500
        ? new ApiException(400, ApiErrorCode.VALIDATION_FAILED, 'The request body could not be read.')
        : error;
  }
}
