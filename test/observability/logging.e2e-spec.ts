import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { ScriptedLlmServer, startScriptedLlmServer } from '../support/scripted-llm-server';
import { jsonLines, launchServiceProcess, ServiceProcess, STARTUP_PROBE_ID_PREFIX } from '../support/service-process';

const OPENAI_KEY = 'sk-SECRET-openai-xyz';
const API_KEY = 'SECRET-auth-key-123';
const WRONG_KEY = 'SECRET-wrong-key-456';
const BEARER = 'SECRET-bearer-999';
const URL_TOKEN = 'SECRET-url-token-777';
const SECRETS = [OPENAI_KEY, API_KEY, WRONG_KEY, BEARER, URL_TOKEN];
/** Prints its argv as JSON and exits 0: a kubectl that always succeeds. */
const SUCCEEDING_KUBECTL = resolve(__dirname, '../support/fake-kubectl/env-dump');
const GENERATED = 'kubectl get pods -n default';
const DENIED_BY_POLICY = 'kubectl get secrets -n kube-system -o yaml';
/** Starting the built service takes seconds on a loaded 2-core machine. */
const SETUP_TIMEOUT_MS = 60_000;

/** Environment of the service in every scenario: real-looking secrets, the most talkative log level. */
function serviceEnv(llm: ScriptedLlmServer, extra: Record<string, string>): Record<string, string> {
  return {
    OPENAI_API_KEY: OPENAI_KEY,
    OPENAI_BASE_URL: llm.baseUrl,
    API_AUTH_KEY: API_KEY,
    LOG_LEVEL: 'DEBUG',
    KUBECTL_PATH: SUCCEEDING_KUBECTL,
    RATE_LIMIT: '1000/minute',
    ...extra,
  };
}

function leakedSecrets(text: string): string[] {
  return [...SECRETS.filter((secret) => text.includes(secret)), ...(text.includes('SECRET') ? ['SECRET'] : [])];
}

interface SentRequest {
  readonly id: string;
  readonly method: string;
  readonly route: string | null;
  readonly status: number;
}

type LogLine = Record<string, unknown>;

// Booting the app and its loopback servers takes a few seconds on the slow CI machine; Jest's default is 5 s.
jest.setTimeout(30_000);

describe('logs and audit trail of the built service', () => {
  let cwd: string;
  let auditPath: string;
  let llm: ScriptedLlmServer;
  let service: ServiceProcess | undefined;
  let exitCode: number | null;
  let stdout: string;
  let stderr: string;
  let auditText: string;
  const sent: SentRequest[] = [];

  /** Sends one request with its own X-Request-Id and notes what its request log line must say. */
  async function send(
    expected: SentRequest,
    path: string,
    headers: Record<string, string>,
    body?: object,
  ): Promise<request.Response> {
    const url = service?.url ?? '';
    const call = expected.method === 'GET' ? request(url).get(path) : request(url).post(path).send(body);
    const response = await call.set({ 'X-Request-Id': expected.id, ...headers });
    expect(response.status).toBe(expected.status);
    sent.push(expected);
    return response;
  }

  beforeAll(async () => {
    cwd = mkdtempSync(join(tmpdir(), 'kubectl-agent-logs-'));
    auditPath = join(cwd, 'audit', 'audit.log');
    llm = await startScriptedLlmServer({ apiKey: OPENAI_KEY, respond: () => GENERATED });
    service = await launchServiceProcess(serviceEnv(llm, { AUDIT_LOG: auditPath }), cwd);
    await service.waitUntilLive();
    const key = { 'X-API-Key': API_KEY };

    const traced = await send({ id: 'trace-abc', method: 'GET', route: '/health', status: 200 }, '/health', {});
    expect(traced.headers['x-request-id']).toBe('trace-abc');
    await send({ id: 'req-health-token', method: 'GET', route: '/health', status: 200 }, `/health?token=${URL_TOKEN}`, {});
    await send({ id: 'req-generate', method: 'POST', route: '/kubectl-command', status: 200 }, '/kubectl-command', key, {
      query: 'list pods in default',
    });
    await send({ id: 'req-cached', method: 'POST', route: '/kubectl-command', status: 200 }, '/kubectl-command', key, {
      query: 'List pods in default',
    });
    await send({ id: 'req-wrong-key', method: 'POST', route: '/kubectl-command', status: 401 }, '/kubectl-command', { 'X-API-Key': WRONG_KEY }, {
      query: 'list pods in default',
    });
    await send({ id: 'req-bearer', method: 'POST', route: '/kubectl-command', status: 401 }, '/kubectl-command', { Authorization: `Bearer ${BEARER}` }, {
      query: 'list pods in default',
    });
    await send({ id: 'req-invalid', method: 'POST', route: '/kubectl-command', status: 400 }, '/kubectl-command', key, { query: 42 });
    await send({ id: 'req-execute', method: 'POST', route: '/execute', status: 200 }, '/execute', key, { execute: GENERATED });
    await send({ id: 'req-execute-denied', method: 'POST', route: '/execute', status: 403 }, '/execute', key, {
      execute: 'kubectl delete pod web-0 -n default',
    });
    llm.enqueue(DENIED_BY_POLICY);
    await send({ id: 'req-generate-denied', method: 'POST', route: '/kubectl-command', status: 422 }, '/kubectl-command', key, {
      query: 'dump the secrets of kube-system',
    });
    await send({ id: 'req-unknown-route', method: 'GET', route: null, status: 404 }, `/nowhere/${URL_TOKEN}`, key);

    exitCode = await service.stop();
    stdout = service.stdout();
    stderr = service.stderr();
    auditText = readFileSync(auditPath, 'utf8');
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await service?.stop();
    await llm?.close();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('exits 0 on SIGTERM after the requests', () => {
    expect(exitCode).toBe(0);
  });

  it('writes only JSON objects to stdout, each with a level and a time', () => {
    const lines = jsonLines(stdout, 'stdout');

    expect(lines.length).toBeGreaterThan(sent.length);
    expect(lines.filter((line) => line.level === undefined || typeof line.time !== 'string')).toEqual([]);
  });

  it('logs exactly one line per request, with its id, method, route, status and duration', () => {
    const requestLines = jsonLines(stdout, 'stdout').filter((line) => typeof line.request_id === 'string' && 'status' in line);
    const ours = requestLines.filter((line) => !String(line.request_id).startsWith(STARTUP_PROBE_ID_PREFIX));

    expect(ours.map((line) => line.request_id).sort()).toEqual(sent.map((s) => s.id).sort());
    for (const expected of sent) {
      const line = ours.find((candidate) => candidate.request_id === expected.id) as LogLine;
      expect(line).toMatchObject({ method: expected.method, status: expected.status, duration_ms: expect.any(Number) });
      expect(line.duration_ms as number).toBeGreaterThanOrEqual(0);
      if (expected.route) expect(line.route).toBe(expected.route);
      else expect(String(line.route)).not.toContain('nowhere');
    }
  });

  it('never logs a secret: not the OpenAI key, an API key, a bearer token or a token in the URL', () => {
    expect(llm.calls.length).toBeGreaterThan(0);
    expect(llm.calls.every((call) => call.headers.authorization === `Bearer ${OPENAI_KEY}`)).toBe(true);
    expect({ stdout: leakedSecrets(stdout), stderr: leakedSecrets(stderr), audit: leakedSecrets(auditText) }).toEqual({
      stdout: [],
      stderr: [],
      audit: [],
    });
  });

  describe('the audit trail (AUDIT_LOG=<file>)', () => {
    const auditOf = (id: string): LogLine[] => jsonLines(auditText, 'the audit log').filter((entry) => entry.request_id === id);

    it('has one JSON line per command generated, executed or denied, and none for rejected requests', () => {
      const ids = jsonLines(auditText, 'the audit log').map((entry) => entry.request_id);

      expect(ids.sort()).toEqual(['req-cached', 'req-execute', 'req-execute-denied', 'req-generate', 'req-generate-denied'].sort());
    });

    it('names the caller by its id (API_AUTH_KEY holds the caller `default`), never the key', () => {
      const callers = new Set(jsonLines(auditText, 'the audit log').map((entry) => entry.caller));

      expect([...callers]).toEqual(['default']);
      expect(auditText).not.toContain(API_KEY);
    });

    it.each([
      ['req-generate', { query: 'list pods in default', command: GENERATED, decision: 'read', code: 'READ_ALLOWED', executed: false, exit_code: null }],
      ['req-cached', { query: 'List pods in default', command: GENERATED, decision: 'read', executed: false, exit_code: null }],
      ['req-execute', { query: null, command: GENERATED, decision: 'read', code: 'READ_ALLOWED', executed: true, exit_code: 0 }],
      ['req-execute-denied', { query: null, command: 'kubectl delete pod web-0 -n default', decision: 'deny', executed: false, exit_code: null }],
      ['req-generate-denied', { query: 'dump the secrets of kube-system', command: DENIED_BY_POLICY, decision: 'deny', executed: false, exit_code: null }],
    ])('records %s with what was asked, decided and run', (id, expected) => {
      const entries = auditOf(id);

      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        ...expected,
        request_id: id,
        code: expect.any(String),
        caller: expect.any(String),
        duration_ms: expect.any(Number),
      });
      expect(new Date(String(entries[0].time)).toISOString()).toBe(entries[0].time);
    });
  });
});

describe('the audit trail on stdout (AUDIT_LOG unset)', () => {
  let cwd: string;
  let llm: ScriptedLlmServer;
  let service: ServiceProcess | undefined;
  let stdout: string;
  let stderr: string;

  beforeAll(async () => {
    cwd = mkdtempSync(join(tmpdir(), 'kubectl-agent-logs-'));
    llm = await startScriptedLlmServer({ apiKey: OPENAI_KEY, respond: () => GENERATED });
    service = await launchServiceProcess(serviceEnv(llm, {}), cwd);
    await service.waitUntilLive();
    const key = { 'X-API-Key': API_KEY };

    await request(service.url).post('/kubectl-command').set({ ...key, 'X-Request-Id': 'stdout-generate' }).send({ query: 'list pods in default' }).expect(200);
    await request(service.url).post('/execute').set({ ...key, 'X-Request-Id': 'stdout-denied' }).send({ execute: 'kubectl delete pod web-0' }).expect(403);

    await service.stop();
    stdout = service.stdout();
    stderr = service.stderr();
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await service?.stop();
    await llm?.close();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('keeps every stdout line JSON, audit lines included', () => {
    const lines = jsonLines(stdout, 'stdout');
    const audit = lines.filter((line) => typeof line.command === 'string');

    expect(audit.map((line) => line.request_id).sort()).toEqual(['stdout-denied', 'stdout-generate']);
    expect(audit.find((line) => line.request_id === 'stdout-denied')).toMatchObject({ decision: 'deny', executed: false });
  });

  it('leaks no secret there either', () => {
    expect({ stdout: leakedSecrets(stdout), stderr: leakedSecrets(stderr) }).toEqual({ stdout: [], stderr: [] });
  });
});
