import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OtlpReceiver, startOtlpReceiver } from '../support/otlp/otlp-receiver';
import { ScriptedLlmServer, startScriptedLlmServer } from '../support/scripted-llm-server';
import { launchServiceProcess, spawnService } from '../support/service-process';

const API_KEY = 'tracing-setup-key-0123456789';
const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const PARENT_ID = 'b7ad6b7169203331';

/** Packages that make up the SDK; `@opentelemetry/api` (the no-op facade) is allowed without tracing. */
const SDK_MODULE = /node_modules\/@opentelemetry\/(?!api\/)[^/]+\//;

/** A preload that writes, at exit, every module the process had loaded. */
function moduleProbe(dir: string): { flags: string[]; loaded: () => string[] } {
  const out = join(dir, 'loaded-modules.json');
  const script = join(dir, 'module-probe.js');
  writeFileSync(script, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(Object.keys(require.cache))));\n`);
  return { flags: ['--require', script], loaded: () => JSON.parse(readFileSync(out, 'utf8')) as string[] };
}

describe('tracing set-up of the built service', () => {
  let receiver: OtlpReceiver;
  let llm: ScriptedLlmServer;
  let cwd: string;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    llm = await startScriptedLlmServer({ respond: () => 'kubectl get pods -n default' });
    cwd = mkdtempSync(join(tmpdir(), 'kubectl-agent-tracing-setup-'));
  });
  afterAll(async () => {
    await receiver.close();
    await llm.close();
    rmSync(cwd, { recursive: true, force: true });
  });
  beforeEach(() => receiver.reset());

  /** Starts the service, sends one generation with a traceparent, stops it (flushing spans) and returns what it loaded. */
  async function generateOnce(env: Record<string, string>, query = 'list the pods'): Promise<{ status: number; loaded: string[]; stdout: string }> {
    const probe = moduleProbe(cwd);
    const sut = await launchServiceProcess(
      { OPENAI_BASE_URL: llm.baseUrl, API_AUTH_KEY: API_KEY, LOG_LEVEL: 'INFO', DISCOVERY_TTL: '0', OTEL_BSP_SCHEDULE_DELAY: '50', ...env },
      cwd,
      probe.flags,
    );
    try {
      await sut.waitUntilLive();
      const response = await fetch(`${sut.url}/kubectl-command`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': API_KEY, traceparent: `00-${TRACE_ID}-${PARENT_ID}-01` },
        body: JSON.stringify({ query }),
      });
      expect(await sut.stop()).toBe(0);
      return { status: response.status, loaded: probe.loaded(), stdout: sut.stdout() };
    } finally {
      await sut.stop();
    }
  }

  it('loads no OpenTelemetry SDK module, sends nothing and adds no trace_id without an OTLP endpoint', async () => {
    const { status, loaded, stdout } = await generateOnce({});

    expect(status).toBe(200);
    // The probe sees what loads from node_modules (the start-up packages are folded into the bundle; LangChain is not).
    expect(loaded.some((path) => path.includes('/node_modules/@langchain/'))).toBe(true);
    expect(loaded.filter((path) => SDK_MODULE.test(path))).toEqual([]);
    expect(receiver.exports).toHaveLength(0);
    expect(stdout).not.toContain('trace_id');
  });

  it('loads the SDK and sends http/protobuf to <endpoint>/v1/traces by default, the server span under the traceparent', async () => {
    const { status, loaded } = await generateOnce({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url });
    const spans = receiver.protobufSpans();
    const server = spans.find((span) => span.name === 'POST /kubectl-command');

    expect(status).toBe(200);
    expect(loaded.some((path) => path.includes('/@opentelemetry/sdk-node/'))).toBe(true);
    expect(receiver.exports.length).toBeGreaterThan(0);
    expect(receiver.exports.every((received) => received.path === '/v1/traces' && received.contentType === 'application/x-protobuf')).toBe(true);
    expect(server).toMatchObject({ traceId: TRACE_ID, parentSpanId: PARENT_ID });
    expect(spans.filter((span) => span.parentSpanId === server?.spanId).map((span) => span.name).sort()).toEqual([
      'cache.lookup',
      'llm.generate',
      'policy.evaluate',
    ]);
  });

  it('takes OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as it is, names the service after OTEL_SERVICE_NAME and records the query with OTEL_RECORD_QUERY=true', async () => {
    await generateOnce(
      {
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${receiver.url}/v1/traces`,
        OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
        OTEL_SERVICE_NAME: 'agent-under-test',
        OTEL_RECORD_QUERY: 'true',
      },
      'list the pods of the heron project',
    );
    const server = receiver.spans.find((span) => span.name === 'POST /kubectl-command');

    expect(server?.resource['service.name']).toBe('agent-under-test');
    expect(server?.attributes['kubectl_agent.query']).toBe('list the pods of the heron project');
  });

  it('drops the traces of a request when OTEL_TRACES_SAMPLER=always_off, and still answers it', async () => {
    const { status, stdout } = await generateOnce({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_TRACES_SAMPLER: 'always_off' });

    expect(status).toBe(200);
    expect(receiver.spans).toEqual([]);
    expect(stdout).toContain(`"trace_id":"${TRACE_ID}"`);
  });

  it.each([
    ['OTEL_EXPORTER_OTLP_PROTOCOL', 'grpc'],
    ['OTEL_EXPORTER_OTLP_ENDPOINT', 'collector:4318'],
    ['OTEL_TRACES_SAMPLER', 'sometimes'],
    ['OTEL_RECORD_QUERY', 'maybe'],
  ])('refuses to start with %s=%s, in one line naming the variable', async (name, value) => {
    const service = spawnService({ OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, [name]: value }, cwd);

    expect(await service.exited).not.toBe(0);
    expect(service.stderr().trim().split('\n')).toHaveLength(1);
    expect(service.stderr()).toContain(`${name}=`);
  });
});
