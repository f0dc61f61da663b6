import { LlmError, LlmErrorCode } from './llm.errors';
import { backoffDelayMs, isTransient, planRetry, RETRY_BASE_DELAY_MS, RETRY_MAX_DELAY_MS } from './llm-retry.policy';

const failure = (code: LlmErrorCode, upstreamStatus?: number, retryAfterMs?: number): LlmError =>
  new LlmError(code, 'failed', { upstreamStatus, retryAfterMs });

describe('LLM retry policy', () => {
  it.each<[string, LlmError, boolean]>([
    ['429', failure(LlmErrorCode.LLM_UPSTREAM_RATE_LIMITED, 429), true],
    ['500', failure(LlmErrorCode.LLM_UPSTREAM_ERROR, 500), true],
    ['503', failure(LlmErrorCode.LLM_UPSTREAM_ERROR, 503), true],
    ['408', failure(LlmErrorCode.LLM_UPSTREAM_ERROR, 408), true],
    ['a connection error', failure(LlmErrorCode.LLM_UNREACHABLE), true],
    ['400', failure(LlmErrorCode.LLM_UPSTREAM_ERROR, 400), false],
    ['404', failure(LlmErrorCode.LLM_UPSTREAM_ERROR, 404), false],
    ['401', failure(LlmErrorCode.LLM_UPSTREAM_AUTH, 401), false],
    ['a timeout', failure(LlmErrorCode.LLM_TIMEOUT), false],
    ['a malformed body', failure(LlmErrorCode.LLM_BAD_RESPONSE), false],
    ['an unusable reply', failure(LlmErrorCode.LLM_OUTPUT_INVALID), false],
  ])('treats %s as transient: %s', (_case, error, expected) => {
    expect(isTransient(error)).toBe(expected);
  });

  it('backs off exponentially with jitter, capped', () => {
    const unreachable = failure(LlmErrorCode.LLM_UNREACHABLE);
    expect(backoffDelayMs(unreachable, 1, () => 1)).toBe(RETRY_BASE_DELAY_MS);
    expect(backoffDelayMs(unreachable, 2, () => 1)).toBe(RETRY_BASE_DELAY_MS * 2);
    expect(backoffDelayMs(unreachable, 2, () => 0)).toBe(RETRY_BASE_DELAY_MS);
    expect(backoffDelayMs(unreachable, 20, () => 1)).toBe(RETRY_MAX_DELAY_MS);
  });

  it('honours Retry-After', () => {
    expect(backoffDelayMs(failure(LlmErrorCode.LLM_UPSTREAM_RATE_LIMITED, 429, 1_500), 1)).toBe(1_500);
  });

  it('gives up after maxRetries extra attempts', () => {
    const error = failure(LlmErrorCode.LLM_UPSTREAM_ERROR, 503);
    const budget = { maxRetries: 2, remainingMs: 60_000 };
    expect(planRetry(error, 1, budget)).not.toBeNull();
    expect(planRetry(error, 2, budget)).not.toBeNull();
    expect(planRetry(error, 3, budget)).toBeNull();
    expect(planRetry(error, 1, { ...budget, maxRetries: 0 })).toBeNull();
  });

  it('gives up when the wait would outlast the deadline', () => {
    const slowDown = failure(LlmErrorCode.LLM_UPSTREAM_RATE_LIMITED, 429, 30_000);
    expect(planRetry(slowDown, 1, { maxRetries: 2, remainingMs: 5_000 })).toBeNull();
  });

  it('never retries a permanent fault', () => {
    expect(planRetry(failure(LlmErrorCode.LLM_UPSTREAM_AUTH, 401), 1, { maxRetries: 5, remainingMs: 60_000 })).toBeNull();
  });
});
