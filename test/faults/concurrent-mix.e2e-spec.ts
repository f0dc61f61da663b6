import { dirname } from 'node:path';
import { RunningApp, startApp } from '../support/app-harness';
import { FakeKubeApiServer, startFakeKubeApiServer } from '../support/fake-kube-api-server';
import { removeKubeconfig, writeKubeconfig } from '../support/kubeconfig';
import { ScriptedLlmServer, startScriptedLlmServer } from '../support/scripted-llm-server';
import { eventually } from '../executor/executor-harness';
import { liveProcessesWithKubeconfig, settleProcesses } from './support/kubectl-processes';
import { LoopbackResponse, postJson, sendTo } from './support/loopback-client';
import { mixedLoad, MixedRequest } from './support/mixed-load';
import { contractBreaches } from './support/response-contract';

const KEY = 'test-key';
/** No request may take longer than this, queueing behind hung kubectl runs included. */
const REQUEST_DEADLINE_MS = 25_000;

describe('200 concurrent mixed requests', () => {
  let cluster: FakeKubeApiServer;
  let llm: ScriptedLlmServer;
  let kubeconfig: string;
  let sut: RunningApp;

  beforeAll(async () => {
    cluster = await startFakeKubeApiServer({ hangingNamespaces: ['hang'] });
    llm = await startScriptedLlmServer({ respond: () => ({ kind: 'reply', content: 'kubectl get pods -n default', delayMs: 100 }) });
    kubeconfig = await writeKubeconfig(cluster.url);
    sut = await startApp({
      KUBECONFIG: kubeconfig,
      HOME: dirname(kubeconfig),
      OPENAI_BASE_URL: llm.baseUrl,
      EXECUTION_TIMEOUT: '2',
      EXECUTION_CONCURRENCY: '4',
      // The whole mix comes from one key, which may hold half of the slots and half of the queue.
      EXECUTION_QUEUE_LIMIT: '8',
      RATE_LIMIT: '100000/minute',
    });
  });
  afterAll(async () => {
    await sut?.close();
    await llm?.close();
    await cluster?.close();
    if (kubeconfig) await removeKubeconfig(kubeconfig);
  });

  it('answers every one within the deadline, only as documented, and leaves no kubectl running', async () => {
    const load = mixedLoad(KEY);
    const settled = await Promise.allSettled(load.map((spec) => sendTo(sut.url, { ...spec, deadlineMs: REQUEST_DEADLINE_MS })));

    const unanswered = settled.flatMap((result, i) => (result.status === 'rejected' ? [`${load[i].kind}: ${String(result.reason)}`] : []));
    expect(unanswered).toEqual([]);
    const answers = settled.map((result) => (result as PromiseFulfilledResult<LoopbackResponse>).value);
    expect(answers.flatMap((response, i) => unexpected(load[i], response))).toEqual([]);
    // Enough of the load really ran for the test to mean something.
    expect(answers.filter((response, i) => load[i].kind === 'execute' && response.status === 200).length).toBeGreaterThan(5);
    expect(answers.filter((response, i) => load[i].kind === 'generate' && response.status === 200)).toHaveLength(50);

    expect(await settleProcesses(kubeconfig, 5_000)).toEqual([]);
    await expect(eventually(() => cluster.openHangingRequests() === 0, 3_000)).resolves.toBe(true);

    const read = await postJson(sut.url, '/execute', { execute: 'kubectl get pods -n default' }, KEY);
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({ execution_error: null });
    const generated = await postJson(sut.url, '/kubectl-command', { query: 'one more after the storm' }, KEY);
    expect(generated.status).toBe(200);
    expect(liveProcessesWithKubeconfig(kubeconfig)).toEqual([]);
  }, 60_000);
});

/** What is wrong with one answer of the mix, as readable lines (empty when it is fine). */
function unexpected(spec: MixedRequest, response: LoopbackResponse): string[] {
  const where = `${spec.kind} ${spec.method} ${spec.path}`;
  const problems = contractBreaches(response, typeof spec.body === 'string' ? spec.body : '', spec.method).map((p) => `${where}: ${p}`);
  if (!spec.allowed.includes(response.status)) problems.push(`${where}: status ${response.status} ${response.text.slice(0, 160)}`);
  if (response.status === 503 && !(Number(response.headers['retry-after']) >= 1)) problems.push(`${where}: 503 without Retry-After`);
  return problems;
}
