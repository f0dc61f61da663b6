import { dirname, join } from 'node:path';
import { Environment } from '@app/config';
import { eventually } from '../executor/executor-harness';
import { RunningApp, startApp } from '../support/app-harness';
import { FakeKubeApiServer, startFakeKubeApiServer } from '../support/fake-kube-api-server';
import { removeKubeconfig, writeKubeconfig } from '../support/kubeconfig';
import { ScriptedLlmServer, startScriptedLlmServer } from '../support/scripted-llm-server';
import { liveProcessesWithKubeconfig, settleProcesses } from './support/kubectl-processes';
import { LoopbackResponse, postJson } from './support/loopback-client';
import { errorShapeProblems, leakedInternals } from './support/response-contract';

/**
 * Builds on test/api/execution.e2e-spec.ts: each kubectl fault gets its documented answer within
 * a bound, leaves no process behind and no execution slot taken (one slot, no queue: a leaked
 * slot would turn the next execution into 503 EXECUTOR_BUSY), and the next request works.
 */
const KEY = 'test-key';
const FAKE_KUBECTL = join(__dirname, '..', 'support', 'fake-kubectl');
const EXECUTION_TIMEOUT_MS = 1_000;
/** EXECUTION_TIMEOUT + the executor's kill grace (500 ms) and pipe drain (250 ms), plus slack for a noisy machine. */
const STOP_BOUND_MS = EXECUTION_TIMEOUT_MS + 750 + 2_500;
const QUICK_BOUND_MS = 3_000;
const PROCESS_SETTLE_MS = 3_000;

interface ExecutionBody {
  execution_result: { type: string; raw: string; truncated?: boolean } | null;
  execution_error: { type: string; code: string; exit_code: number | null } | null;
  metadata: { success: boolean; executed: boolean };
}

describe('kubectl faults: bounded answers, no leftovers, then the next request works', () => {
  let cluster: FakeKubeApiServer;
  let llm: ScriptedLlmServer;
  let kubeconfig: string;
  let sut: RunningApp | undefined;

  beforeAll(async () => {
    cluster = await startFakeKubeApiServer({ hangingNamespaces: ['hang'] });
    llm = await startScriptedLlmServer({ respond: () => 'kubectl get pods -n default' });
    kubeconfig = await writeKubeconfig(cluster.url);
  });
  afterEach(async () => {
    await sut?.close();
    sut = undefined;
  });
  afterAll(async () => {
    await llm?.close();
    await cluster?.close();
    if (kubeconfig) await removeKubeconfig(kubeconfig);
  });

  async function boot(env: Environment): Promise<RunningApp> {
    sut = await startApp({
      KUBECONFIG: kubeconfig,
      HOME: dirname(kubeconfig),
      OPENAI_BASE_URL: llm.baseUrl,
      EXECUTION_TIMEOUT: String(EXECUTION_TIMEOUT_MS / 1000),
      EXECUTION_CONCURRENCY: '1',
      EXECUTION_QUEUE_LIMIT: '0',
      ...env,
    });
    return sut;
  }

  const execute = (app: RunningApp, command: string) => postJson(app.url, '/execute', { execute: command }, KEY);
  const generate = (app: RunningApp, query: string, run = false) =>
    postJson(app.url, '/kubectl-command', { query, execute: run }, KEY);

  function expectExecutionError(response: LoopbackResponse, error: Partial<NonNullable<ExecutionBody['execution_error']>>): ExecutionBody {
    expect(response.status).toBe(200);
    const body = response.json as ExecutionBody;
    expect(body.execution_error).toMatchObject(error);
    expect(body.metadata).toMatchObject({ success: false, executed: true });
    expect(leakedInternals(response)).toEqual([]);
    return body;
  }

  async function expectNothingLeftRunning(): Promise<void> {
    expect(await settleProcesses(kubeconfig, PROCESS_SETTLE_MS)).toEqual([]);
  }

  it('stops a kubectl whose API server never answers, frees the slot, and the next read works', async () => {
    const app = await boot({});

    const stuck = await execute(app, 'kubectl get pods -n hang');

    expectExecutionError(stuck, { type: 'timeout', code: 'EXECUTION_TIMEOUT' });
    expect(stuck.elapsedMs).toBeLessThan(STOP_BOUND_MS);
    await expectNothingLeftRunning();
    await expect(eventually(() => cluster.openHangingRequests() === 0, PROCESS_SETTLE_MS)).resolves.toBe(true);

    const next = await execute(app, 'kubectl get pods -n default');
    expect(next.status).toBe(200);
    expect(next.json).toMatchObject({ execution_error: null, metadata: { success: true } });
    await expectNothingLeftRunning();
  });

  it('kills a kubectl that ignores SIGTERM, with the grandchild holding its pipes, every time', async () => {
    const app = await boot({ KUBECTL_PATH: join(FAKE_KUBECTL, 'ignore-sigterm') });

    for (let attempt = 1; attempt <= 2; attempt++) {
      const pending = execute(app, 'kubectl get pods');
      // The accounting sees the script and its sleep while they run, so "none left" below means something.
      await expect(eventually(() => liveProcessesWithKubeconfig(kubeconfig).length === 2, STOP_BOUND_MS)).resolves.toBe(true);
      const stuck = await pending;

      const body = expectExecutionError(stuck, { type: 'timeout', code: 'EXECUTION_TIMEOUT' });
      expect(stuck.elapsedMs).toBeLessThan(STOP_BOUND_MS);
      // The script printed "<its pid> <the sleep's pid>" before hanging.
      expect(body.execution_result?.raw).toMatch(/^\d+ \d+/);
      await expectNothingLeftRunning();
    }
    expect((await generate(app, 'list the pods')).status).toBe(200);
  });

  it('cuts a kubectl that prints without end at MAX_OUTPUT_BYTES, in time, every time', async () => {
    const app = await boot({ KUBECTL_PATH: join(FAKE_KUBECTL, 'print-forever'), MAX_OUTPUT_BYTES: '4096' });

    for (const send of [() => execute(app, 'kubectl get pods'), () => generate(app, 'list the pods forever', true)]) {
      const flood = await send();

      const body = expectExecutionError(flood, { type: 'truncated', code: 'OUTPUT_TRUNCATED' });
      expect(flood.elapsedMs).toBeLessThan(QUICK_BOUND_MS + 1_000);
      expect(body.execution_result?.truncated).toBe(true);
      expect(Buffer.byteLength(body.execution_result?.raw ?? '')).toBeLessThanOrEqual(4096);
      await expectNothingLeftRunning();
    }
    expect((await generate(app, 'list the pods')).status).toBe(200);
  });

  it('reports a kubectl exiting 3 as a 200 carrying execution_error, every time', async () => {
    const app = await boot({ KUBECTL_PATH: join(FAKE_KUBECTL, 'exit-3') });

    for (const send of [() => execute(app, 'kubectl get pods'), () => generate(app, 'list the pods, failing', true)]) {
      const failed = await send();

      expectExecutionError(failed, { type: 'exit', code: 'KUBECTL_EXIT_3', exit_code: 3 });
      expect(failed.elapsedMs).toBeLessThan(QUICK_BOUND_MS);
      await expectNothingLeftRunning();
    }
    expect((await generate(app, 'list the pods')).status).toBe(200);
  });

  it('answers 503 KUBECTL_UNAVAILABLE at once when kubectl is missing, and keeps generating', async () => {
    const app = await boot({ KUBECTL_PATH: '/nonexistent' });

    for (const send of [() => execute(app, 'kubectl get pods'), () => generate(app, 'list the pods, no kubectl', true)]) {
      const missing = await send();

      expect(missing.status).toBe(503);
      expect((missing.json as { error: string }).error).toBe('KUBECTL_UNAVAILABLE');
      expect(errorShapeProblems(missing)).toEqual([]);
      expect(missing.elapsedMs).toBeLessThan(QUICK_BOUND_MS);
    }
    const next = await generate(app, 'list the pods');
    expect(next.status).toBe(200);
    expect(next.json).toMatchObject({ kubectl_command: 'kubectl get pods -n default', metadata: { executed: false } });
  });
});
