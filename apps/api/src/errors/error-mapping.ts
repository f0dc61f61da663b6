import { HttpException, HttpStatus } from '@nestjs/common';
import { ExecutorError, ExecutorErrorCode } from '@app/executor';
import { LlmError, LlmErrorCode } from '@app/llm';
import { ApiErrorCode, ApiException } from './api-error-code';
import { CommandDeniedException } from './command-denied.exception';

export interface MappedError {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly details?: readonly string[];
  readonly safety?: Record<string, unknown>;
  readonly retryAfterSeconds?: number;
  /** Whether the error is the server's fault and worth a stack trace in the log. */
  readonly unexpected: boolean;
}

const GENERIC_MESSAGE = 'Something went wrong on our side; quote the request id when you report it.';

export function assertUnreachable(value: never): never {
  throw new Error(`Unhandled case: ${String(value)}`);
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
      return HttpStatus.INTERNAL_SERVER_ERROR;
    default:
      return assertUnreachable(code);
  }
}

/** Turns anything thrown while handling a request into the one error shape. */
export function mapError(error: unknown): MappedError {
  if (error instanceof ApiException) {
    return { status: error.status, code: error.code, message: error.message, details: error.details, unexpected: false };
  }
  if (error instanceof CommandDeniedException) {
    const { decision, code, message, argv } = error.verdict;
    return { status: error.status, code, message, safety: { decision, code, message, argv }, unexpected: false };
  }
  if (error instanceof LlmError) {
    return { status: llmStatus(error.code), code: error.code, message: error.message, unexpected: false };
  }
  if (error instanceof ExecutorError) {
    const status = executorStatus(error.code);
    return {
      status,
      code: error.code,
      message: status >= 500 && status !== HttpStatus.SERVICE_UNAVAILABLE ? GENERIC_MESSAGE : error.message,
      retryAfterSeconds: error.retryAfterSeconds,
      unexpected: status === HttpStatus.INTERNAL_SERVER_ERROR,
    };
  }
  if (error instanceof HttpException) {
    return mapHttpException(error);
  }
  return { status: 500, code: ApiErrorCode.INTERNAL_ERROR, message: GENERIC_MESSAGE, unexpected: true };
}

function mapHttpException(error: HttpException): MappedError {
  const status = error.getStatus();
  if (status >= 500) {
    return { status, code: ApiErrorCode.INTERNAL_ERROR, message: GENERIC_MESSAGE, unexpected: true };
  }
  const code = HTTP_CODES[status] ?? ApiErrorCode.HTTP_ERROR;
  const message = status === HttpStatus.TOO_MANY_REQUESTS
    ? 'Rate limit exceeded (RATE_LIMIT); retry after the number of seconds in the Retry-After header.'
    : error.message;
  return { status, code, message, unexpected: false };
}

const HTTP_CODES: Record<number, ApiErrorCode> = {
  [HttpStatus.BAD_REQUEST]: ApiErrorCode.VALIDATION_FAILED,
  [HttpStatus.NOT_FOUND]: ApiErrorCode.NOT_FOUND,
  [HttpStatus.METHOD_NOT_ALLOWED]: ApiErrorCode.METHOD_NOT_ALLOWED,
  [HttpStatus.PAYLOAD_TOO_LARGE]: ApiErrorCode.PAYLOAD_TOO_LARGE,
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: ApiErrorCode.UNSUPPORTED_MEDIA_TYPE,
  [HttpStatus.TOO_MANY_REQUESTS]: ApiErrorCode.RATE_LIMITED,
};
