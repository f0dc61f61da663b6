import { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiErrorCode, ApiException } from '../errors/api-error-code';
import { exceedsDepth, MAX_JSON_DEPTH } from './json-depth';

/** Large enough that an over-long query is reported by validation, naming the field. */
export const JSON_BODY_LIMIT_BYTES = 2 * 1024 * 1024;

type Done = (error: Error | null, body?: unknown) => void;

/**
 * Bodies are read only as UTF-8 JSON (`application/json`), up to JSON_BODY_LIMIT_BYTES and
 * MAX_JSON_DEPTH levels. A body of any other type is read (within the same limit) and ignored, so
 * the request fails validation with a message naming the missing fields rather than a bare 415.
 */
export function registerBodyParsers(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: JSON_BODY_LIMIT_BYTES }, parseJsonBody);
  fastify.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: JSON_BODY_LIMIT_BYTES }, (_request, _body, done: Done) => done(null));
}

function parseJsonBody(request: FastifyRequest, text: string | Buffer, done: Done): void {
  const refusal = encodingRefusal(request);
  if (refusal) return done(refusal);
  if (text.length === 0) return done(null);
  let body: unknown;
  try {
    body = JSON.parse(text.toString());
  } catch {
    return done(new ApiException(400, ApiErrorCode.INVALID_JSON, 'The request body is not valid JSON.'));
  }
  if (typeof body !== 'object' || body === null) {
    return done(new ApiException(400, ApiErrorCode.INVALID_JSON, 'The request body must be a JSON object.'));
  }
  if (exceedsDepth(body, MAX_JSON_DEPTH)) {
    return done(new ApiException(400, ApiErrorCode.VALIDATION_FAILED, `The request body is nested more than ${MAX_JSON_DEPTH} levels deep.`));
  }
  done(null, body);
}

/** Compressed or non-UTF-8 JSON is refused with 415 rather than read as garbage. */
function encodingRefusal(request: FastifyRequest): ApiException | undefined {
  const encoding = request.headers['content-encoding'];
  if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
    return new ApiException(415, ApiErrorCode.UNSUPPORTED_MEDIA_TYPE, 'The request body must be uncompressed UTF-8 JSON (no Content-Encoding).');
  }
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(request.headers['content-type'] ?? '')?.[1];
  if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
    return new ApiException(415, ApiErrorCode.UNSUPPORTED_MEDIA_TYPE, 'The request body must be UTF-8 JSON.');
  }
  return undefined;
}
