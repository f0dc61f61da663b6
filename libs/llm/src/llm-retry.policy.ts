import { LlmError, LlmErrorCode } from './llm.errors';

export const RETRY_BASE_DELAY_MS = 250;
export const RETRY_MAX_DELAY_MS = 2_000;

/** Faults worth another attempt: the same request may well succeed a moment later. */
export function isTransient(error: LlmError): boolean {
  switch (error.code) {
    case LlmErrorCode.LLM_UPSTREAM_RATE_LIMITED:
    case LlmErrorCode.LLM_UNREACHABLE:
      return true;
    case LlmErrorCode.LLM_UPSTREAM_ERROR:
      return error.upstreamStatus !== undefined && (error.upstreamStatus >= 500 || error.upstreamStatus === 408);
    default:
      return false;
  }
}

/** Exponential backoff with jitter, or the upstream's Retry-After when it gave one. */
export function backoffDelayMs(error: LlmError, failedAttempt: number, random: () => number = Math.random): number {
  if (error.retryAfterMs !== undefined) return error.retryAfterMs;
  const exponential = Math.min(RETRY_BASE_DELAY_MS * 2 ** (failedAttempt - 1), RETRY_MAX_DELAY_MS);
  return Math.round(exponential * (0.5 + random() / 2));
}

export interface RetryBudget {
  readonly maxRetries: number;
  /** Milliseconds left before the overall deadline. */
  readonly remainingMs: number;
}

/**
 * How long to wait before attempt `failedAttempt + 1`, or null to give up now. Waiting past the
 * deadline is pointless, so a Retry-After longer than the remaining budget ends the call at once.
 */
export function planRetry(
  error: LlmError,
  failedAttempt: number,
  budget: RetryBudget,
  random: () => number = Math.random,
): number | null {
  if (!isTransient(error) || failedAttempt > budget.maxRetries) return null;
  const delay = backoffDelayMs(error, failedAttempt, random);
  return delay < budget.remainingMs ? delay : null;
}
