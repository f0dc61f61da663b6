import { json, NextFunction, Request, RequestHandler, Response } from 'express';
import { contextOfRequest } from '../context/request-context';
import { ApiErrorCode, ApiException } from '../errors/api-error-code';
import { API_ERROR_MESSAGES, JSON_BODY_LIMIT_BYTES, MAX_JSON_DEPTH } from '../errors/error-messages';
import { answerWithError } from './express-error';
import { exceedsDepth } from './json-depth';

interface BodyParserError extends Error {
  type?: string;
  status?: number;
}

/**
 * Reads bodies only as uncompressed UTF-8 JSON (`application/json` in any letter case), up to
 * JSON_BODY_LIMIT_BYTES and MAX_JSON_DEPTH levels. A body of any other media type is left unread,
 * so the request fails validation naming the missing fields rather than with a bare 415.
 */
export function jsonBodyMiddleware(): RequestHandler {
  const parse = json({ limit: JSON_BODY_LIMIT_BYTES, inflate: false, strict: true });
  return (request: Request, response: Response, next: NextFunction) => {
    parse(request, response, (error?: unknown) => {
      const refusal = error === undefined ? depthRefusal(request.body) : translate(error as BodyParserError);
      if (refusal === undefined) return next();
      answerWithError(refusal, contextOfRequest(request).requestId, response);
    });
  };
}

function depthRefusal(body: unknown): ApiException | undefined {
  return exceedsDepth(body, MAX_JSON_DEPTH) ? new ApiException(ApiErrorCode.VALIDATION_FAILED, API_ERROR_MESSAGES.TOO_DEEP) : undefined;
}

/** body-parser's failures by type: each is the client's, so none becomes a 500. */
function translate(error: BodyParserError): ApiException {
  switch (error.type) {
    case 'entity.parse.failed':
      return new ApiException(ApiErrorCode.INVALID_JSON, API_ERROR_MESSAGES.INVALID_JSON);
    case 'entity.too.large':
      return new ApiException(ApiErrorCode.PAYLOAD_TOO_LARGE, API_ERROR_MESSAGES.PAYLOAD_TOO_LARGE);
    case 'encoding.unsupported':
      return new ApiException(ApiErrorCode.UNSUPPORTED_MEDIA_TYPE, API_ERROR_MESSAGES.COMPRESSED_BODY);
    case 'charset.unsupported':
      return new ApiException(ApiErrorCode.UNSUPPORTED_MEDIA_TYPE, API_ERROR_MESSAGES.NOT_UTF8);
    default:
      return new ApiException(ApiErrorCode.BAD_REQUEST, API_ERROR_MESSAGES.UNREADABLE_BODY);
  }
}
