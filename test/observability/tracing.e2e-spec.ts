import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FakeKubeApiServer, startFakeKubeApiServer } from '../support/fake-kube-api-server';
import { removeKubeconfig, writeKubeconfig } from '../support/kubeconfig';
import { OtlpReceiver, ReceivedSpan, startOtlpReceiver } from '../support/otlp/otlp-receiver';
import { ScriptedLlmServer, startScriptedLlmServer } from '../support/scripted-llm-server';
import { jsonLines, launchServiceProcess, ServiceProcess } from '../support/service-process';

const API_KEY = 'tracing-api-key-5f0c2a9e7d41';
const LLM_KEY = 'sk-tracing-llm-key-91b3c7d2e8';
const KUBE_TOKEN = 'kube-bearer-token-4e6a8c0b2d';
/** Words that appear only in queries, so their absence from telemetry means something. */
const QUERY = 'show me the pods of my zebrafish project';
const DENIED_QUERY = 'read the credentials of my okapi project';
/** Only kubectl's output names this pod. */
const OUTPUT_ONLY = 'nginx-7c5ddbdf54-2xkqz';

const TRACE = {
  generation: { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', parentId: '00f067aa0ba902b7' },
  denied: { traceId: '5cf92f3577b34da6a3ce929d0e0e4737', parentId: '11f067aa0ba902b8' },
  deniedProposal: { traceId: '6df92f3577b34da6a3ce929d0e0e4738', parentId: '22f067aa0ba902b9' },
  mcp: { traceId: '7ef92f3577b34da6a3ce929d0e0e4739', parentId: '33f067aa0ba902ba' },
  failedRun: { traceId: '8ff92f3577b34da6a3ce929d0e0e473a', parentId: '44f067aa0ba902bb' },
  llmFailure: { traceId: '9af92f3577b34da6a3ce929d0e0e473b', parentId: '55f067aa0ba902bc' },
};
const traceparent = ({ traceId, parentId }: { traceId: string; parentId: string }) => `00-${traceId}-${parentId}-01`;

const SPAN_KIND_SERVER = 2;
const SPAN_KIND_CLIENT = 3;
const STATUS_ERROR = 2;

describe('tracing to an OTLP/HTTP JSON receiver (the built service)', () => {
  let receiver: OtlpReceiver;
  let llm: ScriptedLlmServer;
  let cluster: FakeKubeApiServer;
  let kubeconfig: string;
  let cwd: string;
  let sut: ServiceProcess;
  let exitCode: number | null;
  const answers: Record<string, { status: number; body: Record<string, unknown> }> = {};

  const post = async (path: string, body: unknown, headers: Record<string, string>) => {
    const response = await fetch(`${sut.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const inTrace = (traceId: string) => receiver.spans.filter((span) => span.traceId === traceId);
  const serverSpanOf = (traceId: string) => inTrace(traceId).find((span) => span.kind === SPAN_KIND_SERVER) as ReceivedSpan;
  const named = (traceId: string, name: string) => inTrace(traceId).filter((span) => span.name === name);

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    llm = await startScriptedLlmServer({
      apiKey: LLM_KEY,
      usage: { promptTokens: 321, completionTokens: 12 },
      respond: (call) => (call.userMessage?.includes('okapi') ? 'kubectl get secrets -n default' : 'kubectl get pods -n default'),
    });
    cluster = await startFakeKubeApiServer();
    kubeconfig = await writeKubeconfig(cluster.url);
    cwd = mkdtempSync(join(tmpdir(), 'kubectl-agent-tracing-'));
    sut = await launchServiceProcess(
      {
        HOME: dirname(kubeconfig),
        KUBECONFIG: kubeconfig,
        OPENAI_BASE_URL: llm.baseUrl,
        OPENAI_API_KEY: LLM_KEY,
        API_AUTH_KEY: API_KEY,
        AUDIT_LOG: 'stdout',
        LOG_LEVEL: 'INFO',
        DISCOVERY_TTL: '300',
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
        OTEL_BSP_SCHEDULE_DELAY: '50',
      },
      cwd,
    );
    await sut.waitUntilLive();

    answers.generation = await post('/kubectl-command', { query: QUERY, execute: true }, { 'x-api-key': API_KEY, traceparent: traceparent(TRACE.generation) });
    answers.cached = await post('/kubectl-command', { query: QUERY }, { 'x-api-key': API_KEY });
    answers.denied = await post(
      '/execute',
      { execute: `kubectl get pods -n default --token=${KUBE_TOKEN}` },
      { authorization: `Bearer ${API_KEY}`, traceparent: traceparent(TRACE.denied) },
    );
    answers.deniedProposal = await post('/kubectl-command', { query: DENIED_QUERY }, { 'x-api-key': API_KEY, traceparent: traceparent(TRACE.deniedProposal) });
    answers.mcp = await post(
      '/mcp',
      { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'run_kubectl_command', arguments: { command: 'kubectl get pods -n default' } } },
      { authorization: `Bearer ${API_KEY}`, traceparent: traceparent(TRACE.mcp) },
    );
    answers.failedRun = await post('/execute', { execute: 'kubectl get pod no-such-pod -n default' }, { 'x-api-key': API_KEY, traceparent: traceparent(TRACE.failedRun) });
    llm.enqueue({ kind: 'status', status: 401, body: { error: { message: `Incorrect API key provided: ${LLM_KEY}`, code: 'invalid_api_key' } } });
    answers.llmFailure = await post('/kubectl-command', { query: 'list the nodes of the ibis cluster' }, { 'x-api-key': API_KEY, traceparent: traceparent(TRACE.llmFailure) });
    await receiver.waitFor(() => Object.values(TRACE).every(({ traceId }) => serverSpanOf(traceId) !== undefined));
    exitCode = await sut.stop();
  }, 60_000);

  afterAll(async () => {
    await sut?.stop();
    await receiver.close();
    await llm.close();
    await cluster.close();
    await removeKubeconfig(kubeconfig);
    rmSync(cwd, { recursive: true, force: true });
  });

  it('answered every request as without tracing, and exited 0 on SIGTERM', () => {
    expect(answers.generation.status).toBe(200);
    expect(answers.cached.body.from_cache).toBe(true);
    expect(answers.denied.status).toBe(403);
    expect(answers.deniedProposal.status).toBe(422);
    expect(answers.mcp.status).toBe(200);
    expect(answers.failedRun.body.execution_error).toMatchObject({ code: 'KUBECTL_EXIT_1' });
    expect(answers.llmFailure).toMatchObject({ status: 502, body: { error: 'LLM_UPSTREAM_AUTH' } });
    expect(exitCode).toBe(0);
  });

  it('sends OTLP/JSON to <endpoint>/v1/traces, as service kubectl-agent', () => {
    expect(receiver.exports.length).toBeGreaterThan(0);
    expect(receiver.exports.every((received) => received.path === '/v1/traces' && received.contentType.startsWith('application/json'))).toBe(true);
    expect(receiver.spans.every((span) => span.resource['service.name'] === 'kubectl-agent')).toBe(true);
  });

  describe('a generation with execution', () => {
    it('is one trace under the incoming traceparent: the server span, then cache.lookup, llm.generate, policy.evaluate and kubectl.execute', () => {
      const server = serverSpanOf(TRACE.generation.traceId);
      const children = inTrace(TRACE.generation.traceId).filter((span) => span !== server);

      expect(server.parentSpanId).toBe(TRACE.generation.parentId);
      expect(children.map((span) => span.name).sort()).toEqual(['cache.lookup', 'kubectl.execute', 'llm.generate', 'policy.evaluate']);
      expect(children.every((span) => span.parentSpanId === server.spanId)).toBe(true);
    });

    it('names the server span by its route template and records method, route, status and caller', () => {
      const server = serverSpanOf(TRACE.generation.traceId);

      expect(server.name).toBe('POST /kubectl-command');
      expect(server.attributes).toMatchObject({
        'http.request.method': 'POST',
        'http.route': '/kubectl-command',
        'http.response.status_code': 200,
        'kubectl_agent.caller': 'default',
      });
    });

    it('records a cache miss, then the model call after the GenAI conventions: model, attempts, input and output tokens', () => {
      const [lookup] = named(TRACE.generation.traceId, 'cache.lookup');
      const [generate] = named(TRACE.generation.traceId, 'llm.generate');

      expect(lookup.attributes).toMatchObject({ 'cache.hit': false, 'cache.result': 'miss', 'cache.coalesced': false });
      expect(generate.kind).toBe(SPAN_KIND_CLIENT);
      expect(generate.attributes).toMatchObject({
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': 'gpt-3.5-turbo',
        'gen_ai.usage.input_tokens': 321,
        'gen_ai.usage.output_tokens': 12,
        'llm.attempts': 1,
        'server.address': '127.0.0.1',
      });
    });

    it("records the policy's decision and code, and kubectl's verb, argv, exit code, duration, truncation and timeout", () => {
      const [policy] = named(TRACE.generation.traceId, 'policy.evaluate');
      const [kubectl] = named(TRACE.generation.traceId, 'kubectl.execute');

      expect(policy.attributes).toMatchObject({ 'policy.decision': 'read', 'policy.code': 'READ_ALLOWED' });
      expect(kubectl.attributes).toMatchObject({
        'kubectl.verb': 'get',
        'kubectl.argv': ['get', 'pods', '-n', 'default'],
        'kubectl.exit_code': 0,
        'kubectl.truncated': false,
        'kubectl.timed_out': false,
      });
      expect(kubectl.attributes['kubectl.duration_ms']).toEqual(expect.any(Number));
    });

    it('answers the repeated query from the cache, recorded as a hit in a new trace', () => {
      const server = receiver.spans.find((span) => span.kind === SPAN_KIND_SERVER && span.attributes['kubectl_agent.request_id'] === answers.cached.body.request_id);
      const lookup = inTrace(server?.traceId ?? '').find((span) => span.name === 'cache.lookup');

      expect(server?.parentSpanId).toBe('');
      expect(lookup?.attributes).toMatchObject({ 'cache.hit': true, 'cache.result': 'hit' });
      expect(named(server?.traceId ?? '', 'llm.generate')).toHaveLength(0);
    });
  });

  describe('a denied command', () => {
    it('sent to /execute: the policy span says deny with its code, and nothing runs', () => {
      const server = serverSpanOf(TRACE.denied.traceId);
      const [policy] = named(TRACE.denied.traceId, 'policy.evaluate');

      expect(server.parentSpanId).toBe(TRACE.denied.parentId);
      expect(server).toMatchObject({ name: 'POST /execute', attributes: expect.objectContaining({ 'http.response.status_code': 403 }) });
      expect(policy.parentSpanId).toBe(server.spanId);
      expect(policy.attributes).toMatchObject({ 'policy.decision': 'deny', 'policy.code': answers.denied.body.error });
      expect(named(TRACE.denied.traceId, 'kubectl.execute')).toHaveLength(0);
    });

    it('proposed by the model: generated, then denied by the policy (422)', () => {
      const names = inTrace(TRACE.deniedProposal.traceId).map((span) => span.name).sort();
      const [policy] = named(TRACE.deniedProposal.traceId, 'policy.evaluate');

      expect(names).toEqual(['POST /kubectl-command', 'cache.lookup', 'llm.generate', 'policy.evaluate']);
      expect(policy.attributes).toMatchObject({ 'policy.decision': 'deny', 'policy.code': 'RESOURCE_DENIED' });
    });
  });

  it('gives MCP tool calls the server span POST /mcp and the same child spans', () => {
    const server = serverSpanOf(TRACE.mcp.traceId);
    const children = inTrace(TRACE.mcp.traceId).filter((span) => span !== server);

    expect(server).toMatchObject({ name: 'POST /mcp', parentSpanId: TRACE.mcp.parentId });
    expect(children.map((span) => span.name).sort()).toEqual(['kubectl.execute', 'policy.evaluate']);
    expect(children.every((span) => span.parentSpanId === server.spanId)).toBe(true);
  });

  it('traces each discovery refresh on its own, as a root span over its kubectl reads', () => {
    const refresh = receiver.spans.find((span) => span.name === 'discovery.refresh') as ReceivedSpan;
    const reads = inTrace(refresh.traceId).filter((span) => span.name === 'kubectl.execute');

    expect(refresh.parentSpanId).toBe('');
    expect(refresh.attributes).toMatchObject({ 'discovery.state': 'ok', 'discovery.resource_types': expect.any(Number) });
    expect(reads.map((span) => span.attributes['kubectl.query']).sort()).toEqual(['apiResources', 'defaultNamespace', 'namespaces']);
    expect(reads.every((span) => span.parentSpanId === refresh.spanId)).toBe(true);
  });

  it('never puts the API key, the LLM key, a bearer token, a query or command output in a span, its events or its resource', () => {
    const everything = JSON.stringify(receiver.spans.map((span) => [span.raw, span.resource]));

    expect(everything).toContain('kubectl.execute'); // the check looks at real spans
    for (const secret of [API_KEY, LLM_KEY, KUBE_TOKEN, 'zebrafish', 'okapi', 'ibis', OUTPUT_ONLY, 'Bearer', 'Incorrect API key']) {
      expect(everything).not.toContain(secret);
    }
  });

  it('puts the trace id on the request log line and the audit line of each request', () => {
    const lines = jsonLines(sut.stdout(), 'stdout');
    const requestId = (answers.generation.body as { request_id: string }).request_id;
    const ofRequest = lines.filter((line) => line.request_id === requestId);

    expect(ofRequest.find((line) => line.msg === 'request')).toMatchObject({ trace_id: TRACE.generation.traceId });
    expect(ofRequest.find((line) => line.log === 'audit')).toMatchObject({ trace_id: TRACE.generation.traceId });
    expect(lines.find((line) => line.context === 'DiscoveryService')?.trace_id).toEqual(expect.stringMatching(/^[0-9a-f]{32}$/));
  });

  it('marks a failed model call as an error with its code on llm.generate, and the 502 on the server span', () => {
    const server = serverSpanOf(TRACE.llmFailure.traceId);
    const [generate] = named(TRACE.llmFailure.traceId, 'llm.generate');

    expect(generate.parentSpanId).toBe(server.spanId);
    expect(generate.status).toMatchObject({ code: STATUS_ERROR, message: 'LLM_UPSTREAM_AUTH' });
    expect(generate.attributes).toMatchObject({ 'error.type': 'LLM_UPSTREAM_AUTH', 'llm.attempts': 1 });
    expect(server.status.code).toBe(STATUS_ERROR);
    expect(server.attributes).toMatchObject({ 'http.response.status_code': 502, 'error.type': '502' });
  });

  it('marks a failed kubectl run as an error span with its code, never its stderr', () => {
    const [kubectl] = named(TRACE.failedRun.traceId, 'kubectl.execute');
    const stderr = String((answers.failedRun.body.execution_error as { message: string }).message);

    expect(kubectl.status).toMatchObject({ code: STATUS_ERROR, message: 'KUBECTL_EXIT_1' });
    expect(kubectl.attributes).toMatchObject({ 'error.type': 'KUBECTL_EXIT_1', 'kubectl.exit_code': 1 });
    expect(stderr).toContain('NotFound');
    expect(JSON.stringify(receiver.spans.map((span) => span.raw))).not.toContain('NotFound');
  });
});
