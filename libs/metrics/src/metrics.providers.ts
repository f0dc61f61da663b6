import { Provider } from '@nestjs/common';
import { makeCounterProvider, makeGaugeProvider, makeHistogramProvider } from '@willsoto/nestjs-prometheus';
import { collectExecutorLoad } from './executor-load.gauge';
import { METRIC } from './metric-names';

const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const SLOW_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120];

export const METRIC_PROVIDERS: Provider[] = [
  makeCounterProvider({
    name: METRIC.HTTP_REQUESTS,
    help: 'HTTP requests answered, by method, route template, status code and caller.',
    labelNames: ['method', 'route', 'status_code', 'caller'],
  }),
  makeHistogramProvider({
    name: METRIC.HTTP_DURATION,
    help: 'Time to answer an HTTP request, by method, route template, status code and caller.',
    labelNames: ['method', 'route', 'status_code', 'caller'],
    buckets: HTTP_BUCKETS,
  }),
  makeCounterProvider({
    name: METRIC.LLM_REQUESTS,
    help: 'Calls to the LLM endpoint, by outcome (success or an LLM error code).',
    labelNames: ['outcome'],
  }),
  makeHistogramProvider({
    name: METRIC.LLM_DURATION,
    help: 'Duration of LLM calls including retries, by outcome.',
    labelNames: ['outcome'],
    buckets: SLOW_BUCKETS,
  }),
  makeCounterProvider({
    name: METRIC.LLM_TOKENS,
    help: 'Tokens reported by the LLM provider, by kind (prompt or completion).',
    labelNames: ['kind'],
  }),
  makeCounterProvider({
    name: METRIC.CACHE_LOOKUPS,
    help: 'Lookups in the generation cache, by result (hit or miss).',
    labelNames: ['result'],
  }),
  makeCounterProvider({
    name: METRIC.CACHE_ERRORS,
    help: 'Cache store failures that were bypassed, by operation (get or set).',
    labelNames: ['operation'],
  }),
  makeCounterProvider({
    name: METRIC.SAFETY_VERDICTS,
    help: 'Safety policy verdicts, by decision (read, write, deny) and code.',
    labelNames: ['decision', 'code'],
  }),
  makeCounterProvider({
    name: METRIC.EXECUTIONS,
    help: 'kubectl executions, by outcome (success, error, timeout, denied, truncated) and caller.',
    labelNames: ['outcome', 'caller'],
  }),
  makeHistogramProvider({
    name: METRIC.EXECUTION_DURATION,
    help: 'Wall time of kubectl processes, by outcome and caller.',
    labelNames: ['outcome', 'caller'],
    buckets: SLOW_BUCKETS,
  }),
  makeGaugeProvider({
    name: METRIC.EXECUTIONS_IN_FLIGHT,
    help: 'kubectl executions by state: running (holding a slot) or queued (waiting for one).',
    labelNames: ['state'],
    collect: collectExecutorLoad,
  }),
];
