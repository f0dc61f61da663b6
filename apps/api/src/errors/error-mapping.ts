import { HttpException, HttpStatus } from '@nestjs/common';
import { ExecutorError, ExecutorErrorCode } from '@app/executor';
import { LlmError, LlmErrorCode } from '@app/llm';
import { MALFORMED_CODES } from '@app/safety';
import { ApiErrorCode, ApiException } from './api-error-code';
import { CommandDeniedException, DeniedAt } from './command-denied.exception';
import { API_ERROR_MESSAGES } from './error-messages';

export interface MappedError {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly details?: readonly string[];
  readonly safety?: Record<string, unknown>;
  readonly retryAfterSeconds?: number;
  readonly extra?: Readonly<Record<string, unknown>>;
  /** Whether the error is the server's fault and worth a stack trace in the log. */
  readonly unexpected: boolean;
}

export function assertUnreachable(value: never): never {
  throw new Error(`Unhandled case: ${String(value)}`);
}

/** The one place that picks a status for each of the API's own codes. */
export function apiErrorStatus(code: ApiErrorCode): number {
  switch (code) {
    case ApiErrorCode.VALIDATION_FAILED:
    case ApiErrorCode.INVALID_JSON:
    case ApiErrorCode.BAD_REQUEST:
      return HttpStatus.BAD_REQUEST;
    case ApiErrorCode.API_KEY_MISSING:
    case ApiErrorCode.API_KEY_INVALID:
      return HttpStatus.UNAUTHORIZED;
    case ApiErrorCode.EXECUTION_DISABLED:
    case ApiErrorCode.SCOPE_DENIED:
    case ApiErrorCode.ORIGIN_NOT_ALLOWED:
      return HttpStatus.FORBIDDEN;
    case ApiErrorCode.NOT_FOUND:
      return HttpStatus.NOT_FOUND;
    case ApiErrorCode.METHOD_NOT_ALLOWED:
      return HttpStatus.METHOD_NOT_ALLOWED;
    case ApiErrorCode.PAYLOAD_TOO_LARGE:
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case ApiErrorCode.UNSUPPORTED_MEDIA_TYPE:
      return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
    case ApiErrorCode.RATE_LIMITED:
      return HttpStatus.TOO_MANY_REQUESTS;
    case ApiErrorCode.HEADERS_TOO_LARGE:
      return 431; // Request Header Fields Too Large: not in Nest's HttpStatus
    case ApiErrorCode.UNKNOWN_RESOURCE:
    case ApiErrorCode.UNKNOWN_NAMESPACE:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case ApiErrorCode.NOT_READY:
      return HttpStatus.SERVICE_UNAVAILABLE;
    case ApiErrorCode.HTTP_ERROR:
      return HttpStatus.BAD_REQUEST;
    case ApiErrorCode.INTERNAL_ERROR:
      return HttpStatus.INTERNAL_SERVER_ERROR;
    default:
      return assertUnreachable(code);
  }
}

export function llmStatus(code: LlmErrorCode): number {
  switch (code) {
    case LlmErrorCode.LLM_NOT_CONFIGURED:
      return HttpStatus.SERVICE_UNAVAILABLE;
    case LlmErrorCode.LLM_TIMEOUT:
      return HttpStatus.GATEWAY_TIMEOUT;
    case LlmErrorCode.LLM_UNREACHABLE:
    case LlmErrorCode.LLM_UPSTREAM_AUTH:
    case LlmErrorCode.LLM_UPSTREAM_RATE_LIMITED:
    case LlmErrorCode.LLM_UPSTREAM_ERROR:
    case LlmErrorCode.LLM_BAD_RESPONSE:
      return HttpStatus.BAD_GATEWAY;
    case LlmErrorCode.LLM_OUTPUT_INVALID:
      return HttpStatus.UNPROCESSABLE_ENTITY;
    default:
      return assertUnreachable(code);
  }
}

export function executorStatus(code: ExecutorErrorCode): number {
  switch (code) {
    case ExecutorErrorCode.KUBECTL_UNAVAILABLE:
    case ExecutorErrorCode.EXECUTOR_BUSY:
      return HttpStatus.SERVICE_UNAVAILABLE;
    case ExecutorErrorCode.NOT_APPROVED:
    case ExecutorErrorCode.IMPERSONATION_INVALID:
      return HttpStatus.INTERNAL_SERVER_ERROR;
    default:
      return assertUnreachable(code);
  }
}

/** A refused proposal is the model's fault (422); a refused command is the client's (400 if unreadable, else 403). */
export function denialStatus(deniedAt: DeniedAt, verdict: CommandDeniedException['verdict']): number {
  switch (deniedAt) {
    case 'generation':
      return HttpStatus.UNPROCESSABLE_ENTITY;
    case 'execution':
      return MALFORMED_CODES.has(verdict.code) ? HttpStatus.BAD_REQUEST : HttpStatus.FORBIDDEN;
    default:
      return assertUnreachable(deniedAt);
  }
}

/** Turns anything thrown while handling a request into the one error shape. */
export function mapError(error: unknown): MappedError {
  if (error instanceof ApiException) {
    const status = apiErrorStatus(error.code);
    return { status, code: error.code, message: error.message, details: error.details, extra: error.extra, unexpected: status === 500 };
  }
  if (error instanceof CommandDeniedException) {
    const { decision, code, message, argv } = error.verdict;
    return { status: denialStatus(error.deniedAt, error.verdict), code, message, safety: { decision, code, message, argv }, unexpected: false };
  }
  if (error instanceof LlmError) {
    return { status: llmStatus(error.code), code: error.code, message: error.message, unexpected: false };
  }
  if (error instanceof ExecutorError) {
    const status = executorStatus(error.code);
    const internal = status === HttpStatus.INTERNAL_SERVER_ERROR;
    return {
      status,
      code: internal ? ApiErrorCode.INTERNAL_ERROR : error.code,
      message: internal ? API_ERROR_MESSAGES.INTERNAL_ERROR : error.message,
      retryAfterSeconds: error.retryAfterSeconds,
      unexpected: internal,
    };
  }
  if (error instanceof HttpException) return mapHttpException(error);
  return internalError();
}

function internalError(): MappedError {
  return { status: 500, code: ApiErrorCode.INTERNAL_ERROR, message: API_ERROR_MESSAGES.INTERNAL_ERROR, unexpected: true };
}

/** Nest's own exceptions: unknown routes, the throttler's 429, and anything a framework part raises. */
function mapHttpException(error: HttpException): MappedError {
  const status = error.getStatus();
  const code = HTTP_CODES.get(status);
  if (code !== undefined) return mapped(code, code === ApiErrorCode.RATE_LIMITED ? API_ERROR_MESSAGES.RATE_LIMITED : error.message);
  // A framework part's own 4xx keeps its status; anything else it raises is our fault.
  if (status >= 400 && status < 500) return { status, code: ApiErrorCode.HTTP_ERROR, message: error.message, unexpected: false };
  return internalError();
}

function mapped(code: ApiErrorCode, message: string): MappedError {
  return { status: apiErrorStatus(code), code, message, unexpected: false };
}

const HTTP_CODES: ReadonlyMap<number, ApiErrorCode> = new Map([
  [HttpStatus.BAD_REQUEST, ApiErrorCode.VALIDATION_FAILED],
  [HttpStatus.NOT_FOUND, ApiErrorCode.NOT_FOUND],
  [HttpStatus.METHOD_NOT_ALLOWED, ApiErrorCode.METHOD_NOT_ALLOWED],
  [HttpStatus.PAYLOAD_TOO_LARGE, ApiErrorCode.PAYLOAD_TOO_LARGE],
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE, ApiErrorCode.UNSUPPORTED_MEDIA_TYPE],
  [HttpStatus.TOO_MANY_REQUESTS, ApiErrorCode.RATE_LIMITED],
]);
