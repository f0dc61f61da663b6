/** Stable codes for every way turning a request into a kubectl command can fail. */
export enum LlmErrorCode {
  LLM_NOT_CONFIGURED = 'LLM_NOT_CONFIGURED',
  LLM_TIMEOUT = 'LLM_TIMEOUT',
  LLM_UNREACHABLE = 'LLM_UNREACHABLE',
  LLM_UPSTREAM_AUTH = 'LLM_UPSTREAM_AUTH',
  LLM_UPSTREAM_RATE_LIMITED = 'LLM_UPSTREAM_RATE_LIMITED',
  LLM_UPSTREAM_ERROR = 'LLM_UPSTREAM_ERROR',
  LLM_BAD_RESPONSE = 'LLM_BAD_RESPONSE',
  LLM_OUTPUT_INVALID = 'LLM_OUTPUT_INVALID',
}

export interface LlmErrorDetails {
  /** The low-level error, for server logs only: it may quote the upstream body. */
  readonly cause?: unknown;
  /** HTTP status the LLM endpoint answered with, when it answered at all. */
  readonly upstreamStatus?: number;
  /** How long the endpoint asked us to wait (Retry-After), in milliseconds. */
  readonly retryAfterMs?: number;
  /** The model's reply that could not be used, for server logs only. */
  readonly modelReply?: string;
}

/** A domain error of the LLM library; `message` is safe to show to API clients. */
export class LlmError extends Error {
  override readonly name = 'LlmError';
  readonly upstreamStatus?: number;
  readonly retryAfterMs?: number;
  readonly modelReply?: string;

  constructor(
    readonly code: LlmErrorCode,
    message: string,
    details: LlmErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.upstreamStatus = details.upstreamStatus;
    this.retryAfterMs = details.retryAfterMs;
    this.modelReply = details.modelReply;
  }
}
