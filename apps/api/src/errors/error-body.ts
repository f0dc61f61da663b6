import { MappedError } from './error-mapping';

/** The one JSON shape of every error answer. */
export interface ErrorBody {
  readonly statusCode: number;
  readonly error: string;
  readonly message: string;
  readonly request_id: string;
  readonly details?: readonly string[];
  readonly safety?: Record<string, unknown>;
  readonly [field: string]: unknown;
}

export function errorBody(mapped: MappedError, requestId: string): ErrorBody {
  return {
    statusCode: mapped.status,
    error: mapped.code,
    message: mapped.message,
    request_id: requestId,
    ...(mapped.details ? { details: mapped.details } : {}),
    ...(mapped.safety ? { safety: mapped.safety } : {}),
    ...mapped.extra,
  };
}

/** Retry-After in whole seconds, at least 1, when the error says when to come back. */
export function retryAfterHeader(mapped: MappedError): string | undefined {
  return mapped.retryAfterSeconds === undefined ? undefined : String(Math.max(1, Math.ceil(mapped.retryAfterSeconds)));
}
