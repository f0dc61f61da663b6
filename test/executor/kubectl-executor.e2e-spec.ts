import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import { ExecutorErrorCode, KubectlExecutor } from '@app/executor';
import { CommandPolicy } from '@app/safety';
import { FakeKubeApiServer, startFakeKubeApiServer } from '../support/fake-kube-api-server';
import { removeKubeconfig, writeKubeconfig } from '../support/kubeconfig';
import { approved, approvedPrinting, eventually, processesWithArg, RunningExecutor, startExecutor } from './executor-harness';

/** The real kubectl binary against the loopback API server. */
describe('KubectlExecutor with the real kubectl (e2e)', () => {
  let server: FakeKubeApiServer;
  let kubeconfig: string;
  let baseEnv: Record<string, string | undefined>;
  let main: RunningExecutor;
  let sut: KubectlExecutor;
  const extra: RunningExecutor[] = [];
  const executorWith = async (options: { timeoutMs?: number; maxOutputBytes?: number; concurrency?: number; queueLimit?: number; kubectlPath?: string }) => {
    const running = await startExecutor({ baseEnv, ...options });
    extra.push(running);
    return running.executor;
  };

  beforeAll(async () => {
    server = await startFakeKubeApiServer({ bulk: { namespace: 'bulk', podCount: 20_000 } });
    kubeconfig = await writeKubeconfig(server.url);
    baseEnv = { PATH: process.env.PATH, HOME: dirname(kubeconfig), KUBECONFIG: kubeconfig, OPENAI_API_KEY: 'sk-not-for-kubectl' };
    main = await startExecutor({ baseEnv, timeoutMs: 20_000 });
    sut = main.executor;
  });

  afterEach(() => server.reset());

  afterAll(async () => {
    await Promise.all([main, ...extra].map((running) => running?.close()));
    await server?.close();
    if (kubeconfig) await removeKubeconfig(kubeconfig);
  });

  it('lists pods as a table', async () => {
    const outcome = await sut.run(approvedPrinting('table', 'get', 'pods'));
    expect(outcome).toMatchObject({ success: true, exitCode: 0, error: null, truncated: false });
    expect(outcome.result).toMatchObject({ type: 'table', columns: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'] });
    expect(outcome.result?.type === 'table' && outcome.result.rows).toEqual([
      { NAME: 'nginx-7c5ddbdf54-2xkqz', READY: '1/1', STATUS: 'Running', RESTARTS: '0', AGE: '3h' },
      { NAME: 'web-0', READY: '1/1', STATUS: 'Running', RESTARTS: '2', AGE: '3h' },
    ]);
    expect(server.requests.some((r) => r.path === '/api/v1/namespaces/default/pods' && r.accept.includes('as=Table'))).toBe(true);
  });

  it('reads wide and all-namespaces tables', async () => {
    const wide = await sut.run(approvedPrinting('table', 'get', 'pods', '-A', '-o', 'wide'));
    expect(wide.result).toMatchObject({ type: 'table', columns: ['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'] });
    expect(wide.result?.type === 'table' && wide.result.rows.map((r) => `${r.NAMESPACE}/${r.NAME}`)).toEqual([
      'default/nginx-7c5ddbdf54-2xkqz', 'default/web-0', 'x/api-5d8f7b9c4-k2m9p', 'x/api-5d8f7b9c4-q7w3e',
    ]);
  });

  it('keeps event columns with spaces intact', async () => {
    const outcome = await sut.run(approvedPrinting('table', 'get', 'events'));
    expect(outcome.result?.type === 'table' && outcome.result.rows[0]).toMatchObject({
      'LAST SEEN': '5m (x2 over 3h)', TYPE: 'Normal', REASON: 'Pulled', OBJECT: 'pod/nginx-7c5ddbdf54-2xkqz',
      MESSAGE: 'Container image "nginx:1.27" already present on machine',
    });
  });

  it('returns several tables for `get all`', async () => {
    const outcome = await sut.run(approvedPrinting('table', 'get', 'all'));
    expect(outcome.result?.type).toBe('tables');
    expect(outcome.result?.type === 'tables' && outcome.result.tables.map((t) => t.rows[0].NAME)).toEqual([
      'pod/nginx-7c5ddbdf54-2xkqz', 'service/kubernetes', 'deployment.apps/nginx', 'replicaset.apps/nginx-7c5ddbdf54',
    ]);
  });

  it('parses -o json and -o yaml', async () => {
    const json = await sut.run(approvedPrinting('json', 'get', 'deploy', '-n', 'x', '-o', 'json'));
    expect(json.result).toMatchObject({ type: 'json', data: { kind: 'List', items: [{ kind: 'Deployment', metadata: { name: 'api', namespace: 'x' } }] } });
    const yaml = await sut.run(approvedPrinting('yaml', 'get', 'pod', 'web-0', '-o', 'yaml'));
    expect(yaml.result).toMatchObject({ type: 'yaml', data: { kind: 'Pod', metadata: { name: 'web-0' }, status: { phase: 'Running' } } });
  });

  it('describes a pod and reads its logs as text', async () => {
    const described = await sut.run(approved('describe', 'pod', 'nginx-7c5ddbdf54-2xkqz'));
    expect(described).toMatchObject({ success: true, result: { type: 'text' } });
    expect(described.stdout).toMatch(/^Name:\s+nginx-7c5ddbdf54-2xkqz$/m);
    expect(described.stdout).toContain('Container image "nginx:1.27" already present on machine');

    const logs = await sut.run(approved('logs', 'web-0', '--tail=2'));
    expect(logs.result).toEqual({ type: 'text', data: logs.stdout, raw: logs.stdout });
    expect(logs.stdout.trim().split('\n')).toEqual([
      '2025-01-01T00:00:18Z INFO web-0 handled request 19',
      '2025-01-01T00:00:19Z INFO web-0 handled request 20',
    ]);
  });

  it("reports kubectl's own failure with its stderr", async () => {
    const outcome = await sut.run(approved('get', 'pod', 'missing-pod'));
    expect(outcome).toMatchObject({
      success: false, exitCode: 1, timedOut: false,
      error: { type: 'exit', code: 'KUBECTL_EXIT_1', message: 'Error from server (NotFound): pods "missing-pod" not found' },
    });
  });

  it('sends writes that a server-side dry run leaves without effect', async () => {
    const outcome = await sut.run(approved('delete', 'pod', 'web-0', '--dry-run=server'));
    expect(outcome.stdout.trim()).toBe('pod "web-0" deleted (server dry run)');
    expect(server.writesSeen().map((r) => `${r.method} ${r.path}`)).toEqual(['DELETE /api/v1/namespaces/default/pods/web-0']);
    expect(server.getObject('pods', 'default', 'web-0')).toBeDefined();

    await sut.run(approved('scale', 'deployment', 'nginx', '--replicas=3'));
    expect(server.getObject('deployments', 'default', 'nginx')).toMatchObject({ spec: { replicas: 3 } });
  });

  it("keeps the policy's dry run a dry run when a container command follows `--`", async () => {
    const policy = new CommandPolicy({ allowWrites: false });
    const verdict = policy.evaluate('kubectl create deployment web -n x --image=busybox -- sh -c date', { dryRun: true });
    if (!verdict.approved) throw new Error(`not approved: ${verdict.message}`);

    const outcome = await sut.run(verdict.approved);

    expect(outcome.stdout.trim()).toBe('deployment.apps/web created (server dry run)');
    expect(server.writesSeen().map((r) => [r.method, r.path, r.query.dryRun])).toEqual([['POST', '/apis/apps/v1/namespaces/x/deployments', 'All']]);
    expect(server.getObject('deployments', 'x', 'web')).toBeUndefined();
  });

  it('kills kubectl when the API never answers and settles within timeout + 1 s', async () => {
    const timeoutMs = 1_500;
    const marker = `--selector=marker-${randomUUID()}`;
    const quick = await executorWith({ timeoutMs });
    const begin = Date.now();
    const running = quick.run(approved('get', 'pods', '-n', 'hang', marker));
    expect(await eventually(() => processesWithArg(marker).length === 1, timeoutMs)).toBe(true);
    const outcome = await running;
    const elapsed = Date.now() - begin;

    expect(outcome).toMatchObject({ success: false, timedOut: true, exitCode: null, error: { type: 'timeout', code: 'EXECUTION_TIMEOUT' } });
    expect(server.requests.some((r) => r.path === '/api/v1/namespaces/hang/pods')).toBe(true);
    // The design bound is timeout + 1 s; the slack is for a loaded CI machine.
    expect(elapsed).toBeLessThan(timeoutMs + 1_000 + 1_000);
    expect(await eventually(() => processesWithArg(marker).length === 0, 2_000)).toBe(true);
    // kubectl held the hanging request open: the socket closed with the process.
    expect(await eventually(() => server.openHangingRequests() === 0, 2_000)).toBe(true);
  });

  it('stops a listing of tens of thousands of pods at the output cap, killing kubectl', async () => {
    const maxOutputBytes = 256 * 1024;
    const marker = `--field-selector=metadata.name!=marker-${randomUUID()}`;
    const capped = await executorWith({ maxOutputBytes, timeoutMs: 25_000 });
    const heapBefore = process.memoryUsage().heapUsed;

    const outcome = await capped.run(approved('get', 'pods', '-n', 'bulk', '--chunk-size=0', marker));

    expect(outcome).toMatchObject({ success: false, truncated: true, timedOut: false, error: { type: 'truncated', code: 'OUTPUT_TRUNCATED' } });
    expect(Buffer.byteLength(outcome.stdout) + Buffer.byteLength(outcome.stderr)).toBe(maxOutputBytes);
    expect(outcome.stdout.startsWith('NAME          READY   STATUS    RESTARTS   AGE\nbulk-000000 ')).toBe(true);
    expect(outcome.result?.type).toBe('text');
    expect(await eventually(() => processesWithArg(marker).length === 0, 2_000)).toBe(true);
    // Loose: the kept output is 256 KiB; the listing itself is several MB.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
  });

  it('runs at most N kubectl processes for N + 10 simultaneous calls, losing none', async () => {
    const concurrency = 3;
    const pooled = await executorWith({ concurrency, queueLimit: 32 });
    server.setLatencyMs(300);
    let peakRunning = 0;
    const sampler = setInterval(() => (peakRunning = Math.max(peakRunning, pooled.load.running)), 5);

    // Several callers: one caller alone may hold only half of the slots.
    const outcomes = await Promise.all(
      Array.from({ length: concurrency + 10 }, (_, i) => pooled.run(approvedPrinting('table', 'get', 'pods', '-n', 'x'), { caller: `caller-${i % 4}` })),
    );

    clearInterval(sampler);
    server.setLatencyMs(0);
    expect(outcomes.every((o) => o.success && o.result?.type === 'table' && o.result.rows.length === 2)).toBe(true);
    expect(server.requests.filter((r) => r.path === '/api/v1/namespaces/x/pods')).toHaveLength(concurrency + 10);
    expect(server.maxInFlight()).toBeLessThanOrEqual(concurrency);
    // At least two overlapped, so the limit (not chance) is what kept it at N.
    expect(server.maxInFlight()).toBeGreaterThanOrEqual(2);
    expect(peakRunning).toBeLessThanOrEqual(concurrency);
    expect(pooled.load).toMatchObject({ running: 0, queued: 0 });
  });

  it('refuses calls beyond the queue with EXECUTOR_BUSY', async () => {
    const single = await executorWith({ concurrency: 1, queueLimit: 1 });
    server.setLatencyMs(1_000);
    const first = single.run(approved('get', 'pods'));
    const second = single.run(approved('get', 'nodes'));

    await expect(single.run(approved('get', 'ns'))).rejects.toMatchObject({ code: ExecutorErrorCode.EXECUTOR_BUSY, retryAfterSeconds: expect.any(Number) });
    expect(single.load).toMatchObject({ running: 1, queued: 1 });
    server.setLatencyMs(0);
    await expect(Promise.all([first, second])).resolves.toMatchObject([{ success: true }, { success: true }]);
  });

  it('reports a missing kubectl as KUBECTL_UNAVAILABLE without crashing', async () => {
    const missing = await executorWith({ kubectlPath: '/nonexistent/bin/kubectl' });
    expect(missing.available).toBe(false);
    await expect(missing.run(approved('get', 'pods'))).rejects.toMatchObject({ code: ExecutorErrorCode.KUBECTL_UNAVAILABLE });
    expect((await sut.run(approved('get', 'ns'))).success).toBe(true);
  });
});
