import { Test } from '@nestjs/testing';
import { PrometheusController } from '@willsoto/nestjs-prometheus';
import { register } from 'prom-client';
import { MetricsModule } from './metrics.module';
import { MetricsService } from './metrics.service';

describe(MetricsService.name, () => {
  let sut: MetricsService;

  beforeAll(async () => {
    register.clear();
    const module = await Test.createTestingModule({ imports: [MetricsModule.forRoot({ controller: PrometheusController })] }).compile();
    sut = module.get(MetricsService);
  });
  afterAll(() => register.clear());

  /** One sample of a metric; `series` picks a histogram's `_bucket` or `_count`. */
  const value = async (name: string, labels: Record<string, string>, series = ''): Promise<number | undefined> => {
    const metric = register.getSingleMetric(`kubectl_agent_${name}`);
    const { values } = (await metric?.get()) ?? { values: [] };
    return values.find(
      (sample) =>
        (series === '' || (sample as { metricName?: string }).metricName === `kubectl_agent_${name}${series}`) &&
        Object.entries(labels).every(([key, label]) => String(sample.labels[key]) === label),
    )?.value;
  };

  it('counts HTTP requests by method, route template and status, and observes their duration', async () => {
    sut.recordHttpRequest('POST', '/kubectl-command', 200, 0.02, 'chatbot');
    sut.recordHttpRequest('POST', '/kubectl-command', 200, 0.03, 'chatbot');

    expect(await value('http_requests_total', { method: 'POST', route: '/kubectl-command', status_code: '200', caller: 'chatbot' })).toBe(2);
    expect(await value('http_request_duration_seconds', { route: '/kubectl-command', le: '0.025' }, '_bucket')).toBe(1);
  });

  it('records LLM calls with their tokens, and failures without', async () => {
    sut.recordLlmCall('success', 0.4, { promptTokens: 120, completionTokens: 9 });
    sut.recordLlmCall('LLM_TIMEOUT', 60);

    expect(await value('llm_requests_total', { outcome: 'success' })).toBe(1);
    expect(await value('llm_requests_total', { outcome: 'LLM_TIMEOUT' })).toBe(1);
    expect(await value('llm_tokens_total', { kind: 'prompt' })).toBe(120);
    expect(await value('llm_tokens_total', { kind: 'completion' })).toBe(9);
  });

  it.each([
    ['cache lookups', () => sut.recordCacheLookup('hit'), 'cache_lookups_total', { result: 'hit' }],
    ['bypassed cache failures', () => sut.recordCacheError('get'), 'cache_errors_total', { operation: 'get' }],
    ['verdicts', () => sut.recordVerdict('deny', 'VERB_DENIED'), 'safety_verdicts_total', { decision: 'deny', code: 'VERB_DENIED' }],
    ['executions', () => sut.recordExecution('denied', 'chatbot'), 'kubectl_executions_total', { outcome: 'denied', caller: 'chatbot' }],
  ])('counts %s', async (_case, record, name, labels) => {
    record();
    expect(await value(name, labels)).toBe(1);
  });

  it('observes the duration of executions that ran, not of refused ones', async () => {
    sut.recordExecution('success', 'chatbot', 0.2);
    expect(await value('kubectl_execution_duration_seconds', { outcome: 'success' }, '_count')).toBe(1);
    expect(await value('kubectl_execution_duration_seconds', { outcome: 'denied' }, '_count')).toBeUndefined();
  });
});
