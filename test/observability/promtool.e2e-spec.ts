import { resolve } from 'node:path';
import request from 'supertest';
import { RunningApp, startApp } from '../support/app-harness';
import { RedisServer, startRedisServer } from '../support/redis-server';
import { ScriptedLlmServer, startScriptedLlmServer } from '../support/scripted-llm-server';
import { MetricFamily, parseExposition } from './support/prometheus-exposition';
import { checkMetrics } from './support/promtool';
import { requireSystemTool } from './support/system-tool';

const API_KEY = 'SECRET-metrics-key-4242';
const OPENAI_KEY = 'sk-SECRET-metrics-openai-77';
const BEARER = 'SECRET-metrics-bearer-55';
const QUERY = 'list pods in the zebra-unicorn-namespace please';
const KEY = { 'X-API-Key': API_KEY };
/** Prints its argv as JSON and exits 0: a kubectl that always succeeds, for execution samples. */
const SUCCEEDING_KUBECTL = resolve(__dirname, '../support/fake-kubectl/env-dump');

/**
 * prom-client's default Node.js metrics name three gauges `*_total`; promtool flags them. The names
 * belong to prom-client, and renaming them would break every Node.js dashboard, so they are allowed.
 */
const UNAVOIDABLE_LINT = [/^nodejs_active_(handles|requests|resources)_total non-counter metrics should not have "_total" suffix$/];

// Booting the app and its loopback servers takes a few seconds on the slow CI machine; Jest's default is 5 s.
jest.setTimeout(30_000);

describe('/metrics, checked by promtool', () => {
  let redis: RedisServer;
  let llm: ScriptedLlmServer;
  let sut: RunningApp;
  let exposition: string;
  let families: Map<string, MetricFamily>;

  beforeAll(async () => {
    redis = await startRedisServer();
    llm = await startScriptedLlmServer({ respond: () => 'kubectl get pods -n default' });
    sut = await startApp({
      OPENAI_BASE_URL: llm.baseUrl,
      OPENAI_API_KEY: OPENAI_KEY,
      API_AUTH_KEY: API_KEY,
      KUBECTL_PATH: SUCCEEDING_KUBECTL,
      REDIS_URL: redis.url,
    });
    const post = (path: string, body: object, headers: Record<string, string> = KEY) =>
      request(sut.url).post(path).set(headers).send(body);

    await post('/kubectl-command', { query: QUERY }).expect(200); // LLM success, cache miss
    await post('/kubectl-command', { query: QUERY }).expect(200); // cache hit
    await post('/kubectl-command', { query: QUERY }, { Authorization: `Bearer ${BEARER}` }).expect(401);
    await post('/kubectl-command', { query: QUERY }, { 'X-API-Key': `${API_KEY}-wrong` }).expect(401);
    await post('/kubectl-command', { query: 42 }).expect(400);
    await post('/execute', { execute: 'kubectl get pods -n default' }).expect(200); // execution success
    await post('/execute', { execute: 'kubectl delete pod web-0 -n default' }).expect(403); // execution denied
    llm.enqueue('I cannot help with that.');
    await post('/kubectl-command', { query: `${QUERY} twice` }).expect(422); // LLM output invalid
    await request(sut.url).get('/nowhere').expect(404);
    await redis.stop();
    await post('/kubectl-command', { query: `${QUERY} with redis gone` }).expect(200); // cache error

    exposition = (await request(sut.url).get('/metrics').expect(200)).text;
    families = parseExposition(exposition);
  });
  afterAll(async () => {
    await sut?.close();
    await llm?.close();
    await redis?.stop();
  });

  it('passes `promtool check metrics` without errors or lint warnings', async () => {
    const promtool = requireSystemTool('promtool', 'prometheus');

    const report = await checkMetrics(promtool, exposition);

    const problems = `${report.stdout}\n${report.stderr}`
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !UNAVOIDABLE_LINT.some((allowed) => allowed.test(line)));
    expect(problems).toEqual([]);
    // Exit code 3 means "lint problems only"; anything else but 0 is an error promtool printed above.
    expect([0, 3]).toContain(report.exitCode);
  });

  it('has samples in every family of the service', () => {
    const empty = [...families.values()]
      .filter((family) => family.name.startsWith('kubectl_agent_') && family.samples.length === 0)
      .map((family) => family.name);

    expect(empty).toEqual([]);
    expect([...families.keys()].filter((name) => name.startsWith('kubectl_agent_')).sort()).toEqual(
      expect.arrayContaining([
        'kubectl_agent_cache_errors_total',
        'kubectl_agent_cache_lookups_total',
        'kubectl_agent_http_request_duration_seconds',
        'kubectl_agent_http_requests_total',
        'kubectl_agent_kubectl_execution_duration_seconds',
        'kubectl_agent_kubectl_executions_total',
        'kubectl_agent_kubectl_executions_in_flight',
        'kubectl_agent_llm_request_duration_seconds',
        'kubectl_agent_llm_requests_total',
        'kubectl_agent_llm_tokens_total',
        'kubectl_agent_safety_verdicts_total',
      ]),
    );
  });

  it('records the requests it was sent, by route template and status', () => {
    const http = families.get('kubectl_agent_http_requests_total')?.samples ?? [];
    const seen = http.map((sample) => `${sample.labels.method} ${sample.labels.route} ${sample.labels.status_code}`);

    expect(seen).toEqual(
      expect.arrayContaining([
        'POST /kubectl-command 200',
        'POST /kubectl-command 401',
        'POST /kubectl-command 400',
        'POST /kubectl-command 422',
        'POST /execute 200',
        'POST /execute 403',
      ]),
    );
    expect(http.every((sample) => !sample.labels.route?.includes('nowhere'))).toBe(true);
  });

  it('names every counter *_total', () => {
    const counters = [...families.values()].filter((family) => family.type === 'counter');

    expect(counters.length).toBeGreaterThan(0);
    expect(counters.filter((family) => !family.name.endsWith('_total')).map((family) => family.name)).toEqual([]);
  });

  it('names every duration histogram *_seconds, and every histogram of the service too', () => {
    const histograms = [...families.values()].filter((family) => family.type === 'histogram');
    const misnamed = histograms
      .filter((family) => family.name.startsWith('kubectl_agent_') || /duration|latency|time/.test(family.name))
      .filter((family) => !family.name.endsWith('_seconds'))
      .map((family) => family.name);

    expect(histograms.length).toBeGreaterThan(0);
    expect(misnamed).toEqual([]);
  });

  it('never puts the query text or a credential in a label value, or anywhere else', () => {
    const secrets = [QUERY, 'zebra-unicorn', API_KEY, OPENAI_KEY, BEARER];
    const labelValues = [...families.values()].flatMap((family) => family.samples.flatMap((sample) => Object.values(sample.labels)));

    for (const secret of secrets) {
      expect(labelValues.filter((value) => value.includes(secret))).toEqual([]);
      expect(exposition).not.toContain(secret);
    }
    expect(exposition).not.toContain('SECRET');
  });
});
