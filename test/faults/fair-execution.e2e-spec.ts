import { dirname } from 'node:path';
import { RunningApp, startApp } from '../support/app-harness';
import { FakeKubeApiServer, startFakeKubeApiServer } from '../support/fake-kube-api-server';
import { writeKeysFile } from '../support/keys-file';
import { removeKubeconfig, writeKubeconfig } from '../support/kubeconfig';
import { settleProcesses } from './support/kubectl-processes';
import { LoopbackResponse, postJson, sendTo } from './support/loopback-client';

/**
 * Issue 12, item 5: twelve slow `kubectl wait` from one API key held every slot until the execution
 * timeout, and another key's `get pods` waited 89 s. Real HTTP, real kubectl, the loopback API server:
 * its pod api-5d8f7b9c4-q7w3e in namespace x never becomes Ready, and its watches stay open, as a real
 * server's do, until kubectl gives up.
 */
const KEY_A = 'key-a-floods';
const KEY_B = 'key-b-reads';
const EXECUTION_TIMEOUT_S = 3;
/** kubectlWaitBudgetMs(3 s): kubectl is told to give up after 2 s, before the kill at 3 s. */
const LOWERED_TIMEOUT = '--timeout=2s';
const SLOW = 'kubectl wait --for=condition=Ready pods --all -n x --timeout=300s';
const QUICK = 'kubectl get pods -n x';
/** Generous: kubectl starts in well under a second, but the machine is small and shared. */
const PROMPT_MS = 3_000;
const FLOOD_TEST_TIMEOUT_MS = 90_000;

interface ExecutionBody {
  safety: { argv: string[] };
  execution_error: { type: string; code: string; message: string } | null;
  metadata: { success: boolean };
}

describe('fair execution: one API key flooding slow commands', () => {
  let cluster: FakeKubeApiServer;
  let kubeconfig: string;
  let sut: RunningApp | undefined;

  beforeAll(async () => {
    cluster = await startFakeKubeApiServer();
    kubeconfig = await writeKubeconfig(cluster.url);
  });
  afterEach(async () => {
    await sut?.close();
    sut = undefined;
    expect(await settleProcesses(kubeconfig, 5_000)).toEqual([]);
  });
  afterAll(async () => {
    await cluster?.close();
    if (kubeconfig) await removeKubeconfig(kubeconfig);
  });

  async function boot(concurrency: number, queueLimit = 64): Promise<RunningApp> {
    sut = await startApp({
      KUBECONFIG: kubeconfig,
      HOME: dirname(kubeconfig),
      // Two callers: the keys of one caller share its share of the slots.
      API_KEYS_FILE: writeKeysFile([
        { id: 'caller-a', key: KEY_A, tier: 'read', execute: true },
        { id: 'caller-b', key: KEY_B, tier: 'read', execute: true },
      ]),
      EXECUTION_TIMEOUT: String(EXECUTION_TIMEOUT_S),
      EXECUTION_CONCURRENCY: String(concurrency),
      EXECUTION_QUEUE_LIMIT: String(queueLimit),
    });
    return sut;
  }

  const execute = (app: RunningApp, key: string, command: string): Promise<LoopbackResponse> =>
    postJson(app.url, '/execute', { execute: command }, key, 60_000);

  async function inFlight(app: RunningApp): Promise<{ running: number; queued: number }> {
    const { text } = await sendTo(app.url, { path: '/metrics' });
    const state = (name: string): number =>
      Number(new RegExp(`^kubectl_agent_kubectl_executions_in_flight\\{state="${name}"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? NaN);
    return { running: state('running'), queued: state('queued') };
  }

  async function untilInFlight(app: RunningApp, expected: { running: number; queued: number }): Promise<void> {
    const giveUpAt = Date.now() + 10_000;
    while (JSON.stringify(await inFlight(app)) !== JSON.stringify(expected)) {
      if (Date.now() > giveUpAt) throw new Error(`in flight: ${JSON.stringify(await inFlight(app))}, expected ${JSON.stringify(expected)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Each slow command ran with the lowered timeout and was ended by kubectl itself, not killed. */
  function expectGaveUpOnItsOwn(response: LoopbackResponse): void {
    expect(response.status).toBe(200);
    const body = response.json as ExecutionBody;
    expect(body.safety.argv.at(-1)).toBe(LOWERED_TIMEOUT);
    expect(body.execution_error).toMatchObject({ type: 'exit', code: 'KUBECTL_EXIT_1', message: expect.stringContaining('timed out waiting for the condition') });
  }

  it(
    "serves another key's get pods at once while one key holds its half of the slots",
    async () => {
      const app = await boot(4);
      const flood = Array.from({ length: 12 }, () => execute(app, KEY_A, SLOW));
      await untilInFlight(app, { running: 2, queued: 10 });

      const quick = await execute(app, KEY_B, QUICK);

      expect(quick.status).toBe(200);
      expect(quick.json).toMatchObject({ execution_error: null, metadata: { success: true } });
      expect(quick.elapsedMs).toBeLessThan(PROMPT_MS);
      expect(await inFlight(app)).toMatchObject({ running: 2 });
      (await Promise.all(flood)).forEach(expectGaveUpOnItsOwn);
      expect(await inFlight(app)).toEqual({ running: 0, queued: 0 });
    },
    FLOOD_TEST_TIMEOUT_MS,
  );

  it(
    "serves another key's get pods at its turn, ahead of the flood's later commands",
    async () => {
      const app = await boot(1);
      const finished: string[] = [];
      const flood = Array.from({ length: 4 }, (_, i) =>
        execute(app, KEY_A, SLOW).then((response) => (finished.push(`a${i}`), response)),
      );
      await untilInFlight(app, { running: 1, queued: 3 });

      const quick = await execute(app, KEY_B, QUICK);
      finished.push('b');

      expect(quick.json).toMatchObject({ execution_error: null, metadata: { success: true } });
      // Round-robin: key A's running command and the one it queued first, then key B; first in, first
      // out would have made B wait for all four (about 4 x 2 s).
      expect(finished).toHaveLength(3);
      expect(quick.elapsedMs).toBeLessThan(2 * EXECUTION_TIMEOUT_S * 1000 + PROMPT_MS);
      (await Promise.all(flood)).forEach(expectGaveUpOnItsOwn);
      expect(finished.indexOf('b')).toBe(2);
    },
    FLOOD_TEST_TIMEOUT_MS,
  );

  it(
    "refuses one key's calls beyond its half of the queue, with Retry-After, while another key still queues",
    async () => {
      const app = await boot(1, 2);
      const running = execute(app, KEY_A, SLOW);
      await untilInFlight(app, { running: 1, queued: 0 });
      const queued = execute(app, KEY_A, SLOW);
      await untilInFlight(app, { running: 1, queued: 1 });

      const refused = await execute(app, KEY_A, SLOW);

      expect(refused.status).toBe(503);
      expect(refused.json).toMatchObject({ error: 'EXECUTOR_BUSY', message: expect.stringMatching(/already has 1 kubectl calls waiting/) });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      const other = await execute(app, KEY_B, QUICK);
      expect(other.json).toMatchObject({ execution_error: null, metadata: { success: true } });
      (await Promise.all([running, queued])).forEach(expectGaveUpOnItsOwn);
    },
    FLOOD_TEST_TIMEOUT_MS,
  );
});
