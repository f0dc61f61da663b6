import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { FakeKubeApiServer, startFakeKubeApiServer } from '../support/fake-kube-api-server';
import { removeKubeconfig, writeKubeconfig } from '../support/kubeconfig';
import { freePort } from '../support/ports';
import { ScriptedLlmServer, startScriptedLlmServer } from '../support/scripted-llm-server';
import { BUILT_MAIN, launchServiceProcess, spawnService } from '../support/service-process';

async function waitForHealth(url: string, deadlineMs = 20_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/health`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`no healthy answer from ${url}`);
}

describe('the service process', () => {
  let cwd: string;
  let llm: ScriptedLlmServer;
  let cluster: FakeKubeApiServer;
  let kubeconfig: string;

  beforeAll(async () => {
    cwd = mkdtempSync(join(tmpdir(), 'kubectl-agent-proc-'));
    llm = await startScriptedLlmServer({ respond: () => 'kubectl get pods' });
    cluster = await startFakeKubeApiServer();
    kubeconfig = await writeKubeconfig(cluster.url);
  });
  afterAll(async () => {
    await llm.close();
    await cluster.close();
    await removeKubeconfig(kubeconfig);
    rmSync(cwd, { recursive: true, force: true });
  });

  it('is built as one bundle holding what start-up loads, leaving first-use packages in node_modules', () => {
    const bundle = readFileSync(BUILT_MAIN, 'utf8');
    // esbuild names each folded-in file in a comment line.
    const folded = (path: string) => bundle.includes(`\n// ${path}`);

    expect(bundle.startsWith("'use strict';")).toBe(true);
    for (const path of ['node_modules/@nestjs/core/', 'node_modules/express/', 'node_modules/class-validator/', 'libs/safety/src/']) {
      expect({ path, folded: folded(path) }).toEqual({ path, folded: true });
    }
    for (const path of ['node_modules/@langchain/', 'node_modules/openai/', 'node_modules/@modelcontextprotocol/', 'node_modules/@redis/', 'node_modules/@opentelemetry/']) {
      expect({ path, folded: folded(path) }).toEqual({ path, folded: false });
    }
  });

  it('keeps class names in the bundle: log contexts and OpenAPI schemas are named as in the sources', async () => {
    const sut = await launchServiceProcess({ OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: 'sk-test', LOG_LEVEL: 'INFO', DISCOVERY_TTL: '0' }, cwd);
    try {
      await sut.waitUntilLive();
      const schemas = Object.keys(((await (await fetch(`${sut.url}/docs-json`)).json()) as { components: { schemas: object } }).components.schemas);
      const contexts = sut
        .stdout()
        .split('\n')
        .flatMap((line) => (line.startsWith('{') ? [(JSON.parse(line) as { context?: string }).context] : []));

      expect(schemas).toEqual(expect.arrayContaining(['KubectlCommandRequestDto', 'KubectlCommandResponseDto', 'ErrorResponseDto']));
      expect(contexts).toEqual(expect.arrayContaining(['InstanceLoader', 'KubectlExecutor', 'NestApplication']));
      // esbuild gives a class a numbered or underscored name where two modules use one name.
      expect([...schemas, ...contexts].filter((name) => name !== undefined && /\d$|^_/.test(name))).toEqual([]);
    } finally {
      await sut.stop();
    }
  });

  it.each([
    ['PORT', 'abc'],
    ['RATE_LIMIT', 'ten'],
    ['CACHE_TTL', '-1'],
    ['LOG_LEVEL', 'chatty'],
  ])('refuses to start with %s=%s, in one line naming the variable', async (name, value) => {
    const service = spawnService({ [name]: value }, cwd);
    const code = await service.exited;

    const stderr = service.stderr();
    expect(code).not.toBe(0);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`${name}=`);
    expect(stderr).toMatch(/expected/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    ['a missing file', () => join(cwd, 'no-such-keys.yaml'), /a readable file/],
    ['a duplicate id', () => writeKeys('keys:\n  - {id: a, key: key-one-0123456789, tier: read}\n  - {id: a, key: key-two-0123456789, tier: read}\n'), /entry 2 \(id "a"\)/],
    ['an unknown field', () => writeKeys('keys:\n  - {id: a, key: key-one-0123456789, tier: read, admin: yes}\n'), /entry 1 \(id "a"\): unknown field "admin"/],
  ])('refuses to start with API_KEYS_FILE holding %s, in one line naming the file and the entry', async (_case, file, message) => {
    const path = file();
    const service = spawnService({ API_KEYS_FILE: path }, cwd);
    const code = await service.exited;

    const stderr = service.stderr();
    expect(code).not.toBe(0);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('API_KEYS_FILE=');
    expect(stderr).toContain(path.slice(0, 30));
    expect(stderr).toMatch(message);
    expect(stderr).not.toContain('key-one');
  });

  function writeKeys(text: string): string {
    const path = join(mkdtempSync(join(tmpdir(), 'keys-')), 'k.yaml');
    writeFileSync(path, text);
    return path;
  }

  it('reads settings from a .env file in its working directory', async () => {
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'kubectl-agent-env-'));
    writeFileSync(join(dir, '.env'), `PORT=${port}\nHOST=127.0.0.1\nLOG_LEVEL=ERROR\n`);
    const { child, exited } = spawnService({}, dir);
    try {
      await waitForHealth(`http://127.0.0.1:${port}`);
    } finally {
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finishes in-flight generations and executions on SIGTERM, then exits 0', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const { child, exited } = spawnService(
      {
        PORT: String(port),
        HOST: '127.0.0.1',
        OPENAI_BASE_URL: llm.baseUrl,
        API_AUTH_KEY: 'k',
        LOG_LEVEL: 'ERROR',
        AUDIT_LOG: 'off',
        KUBECONFIG: kubeconfig,
      },
      cwd,
    );
    await waitForHealth(url);
    llm.enqueue({ kind: 'reply', content: 'kubectl get nodes', delayMs: 1500 });
    cluster.setLatencyMs(1500);

    const generation = request(url).post('/kubectl-command').set('X-API-Key', 'k').send({ query: 'list the nodes' }).then((r) => r);
    const execution = request(url).post('/execute').set('X-API-Key', 'k').send({ execute: 'kubectl get pods -n default' }).then((r) => r);
    await new Promise((done) => setTimeout(done, 600));
    child.kill('SIGTERM');

    const [generated, executed] = await Promise.all([generation, execution]);
    const code = await exited;
    cluster.setLatencyMs(0);
    expect(generated.status).toBe(200);
    expect(generated.body.kubectl_command).toBe('kubectl get nodes');
    expect(executed.status).toBe(200);
    expect(executed.body.execution_error).toBeNull();
    expect(executed.body.execution_result.type).toBe('table');
    expect(code).toBe(0);
  });
});
