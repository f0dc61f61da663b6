/** Every metric the service exports, without the `kubectl_agent_` prefix. */
export const METRIC = {
  HTTP_REQUESTS: 'http_requests_total',
  HTTP_DURATION: 'http_request_duration_seconds',
  LLM_REQUESTS: 'llm_requests_total',
  LLM_DURATION: 'llm_request_duration_seconds',
  LLM_TOKENS: 'llm_tokens_total',
  CACHE_LOOKUPS: 'cache_lookups_total',
  CACHE_ERRORS: 'cache_errors_total',
  SAFETY_VERDICTS: 'safety_verdicts_total',
  EXECUTIONS: 'kubectl_executions_total',
  EXECUTION_DURATION: 'kubectl_execution_duration_seconds',
  EXECUTIONS_IN_FLIGHT: 'kubectl_executions_in_flight',
} as const;

export const METRIC_PREFIX = 'kubectl_agent';

export type ExecutionMetricOutcome = 'success' | 'error' | 'timeout' | 'denied' | 'truncated';
export type CacheLookupResult = 'hit' | 'miss';
