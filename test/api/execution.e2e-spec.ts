import { dirname } from 'node:path';
import request from 'supertest';
import { RunningApp, startApp } from '../support/app-harness';
import { FakeKubeApiServer, startFakeKubeApiServer } from '../support/fake-kube-api-server';
import { removeKubeconfig, writeKubeconfig } from '../support/kubeconfig';
import { ScriptedLlmServer, startScriptedLlmServer } from '../support/scripted-llm-server';

const KEY = { 'X-API-Key': 'test-key' };

describe('execution through the API, with the real kubectl', () => {
  let cluster: FakeKubeApiServer;
  let llm: ScriptedLlmServer;
  let kubeconfig: string;
  let sut: RunningApp;
  let clusterEnv: Record<string, string>;
  const run = (execute: string, extra: Record<string, unknown> = {}) =>
    request(sut.url).post('/execute').set(KEY).send({ execute, ...extra });

  beforeAll(async () => {
    cluster = await startFakeKubeApiServer();
    llm = await startScriptedLlmServer({ respond: () => 'kubectl get pods -n default' });
    kubeconfig = await writeKubeconfig(cluster.url);
    clusterEnv = { KUBECONFIG: kubeconfig, HOME: dirname(kubeconfig) };
    sut = await startApp({ ...clusterEnv, OPENAI_BASE_URL: llm.baseUrl, EXECUTION_TIMEOUT: '2' });
  });
  afterAll(async () => {
    await sut.close();
    await llm.close();
    await cluster.close();
    await removeKubeconfig(kubeconfig);
  });
  beforeEach(() => {
    cluster.reset();
    llm.reset();
  });

  it('runs a read and answers a table keyed by column', async () => {
    const response = await run('kubectl get pods -n default').expect(200);

    expect(response.body).toMatchObject({
      kubectl_command: 'kubectl get pods -n default',
      execution_error: null,
      from_cache: false,
      safety: { decision: 'read' },
      execution_result: { type: 'table', columns: expect.arrayContaining(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']) },
      metadata: { success: true, executed: true, exit_code: 0 },
    });
    expect(response.body.execution_result.rows.map((row: Record<string, string>) => row.NAME)).toEqual(
      expect.arrayContaining(['nginx-7c5ddbdf54-2xkqz', 'web-0']),
    );
    expect(response.body.execution_result.raw).toContain('web-0');
    expect(response.body.metadata).toEqual(
      expect.objectContaining({ start_time: expect.any(String), end_time: expect.any(String), duration_ms: expect.any(Number) }),
    );
  });

  it('answers JSON output as data', async () => {
    const response = await run('kubectl get deployments -n x -o json').expect(200);

    expect(response.body.execution_result.type).toBe('json');
    expect(response.body.execution_result.data.items[0].metadata.name).toBe('api');
  });

  it('generates, checks and runs with execute: true', async () => {
    const response = await request(sut.url)
      .post('/kubectl-command')
      .set(KEY)
      .send({ query: 'show me the pods in default', execute: true })
      .expect(200);

    expect(response.body.kubectl_command).toBe('kubectl get pods -n default');
    expect(response.body.execution_result.type).toBe('table');
    expect(response.body.metadata.executed).toBe(true);
  });

  it('reports a failing kubectl as a 200 carrying execution_error', async () => {
    const response = await run('kubectl get pod does-not-exist -n default').expect(200);

    expect(response.body.execution_result).not.toBeUndefined();
    expect(response.body.execution_error).toMatchObject({ type: 'exit', code: 'KUBECTL_EXIT_1', exit_code: 1 });
    expect(response.body.execution_error.message).toMatch(/not found/i);
    expect(response.body.metadata).toMatchObject({ success: false, error_type: 'exit', error_code: 'KUBECTL_EXIT_1' });
  });

  it.each([
    ['exec into a pod', 'kubectl exec -it web-0 -- sh', 403],
    ['reading secrets', 'kubectl get secrets -n default -o yaml', 403],
    ['an attacker server', 'kubectl get pods --server=http://127.0.0.1:1 --insecure-skip-tls-verify', 403],
    ['deleting kube-system', 'kubectl delete ns kube-system', 403],
    ['a write in kube-system, even as a dry run', 'kubectl delete pod coredns -n kube-system --dry-run=server', 403],
    ['a patch that mounts a Secret through an escape', `kubectl patch deploy nginx -n default -p '{"spec":{"template":{"spec":{"volumes":[{"name":"s","s\\u0065cret":{"secretName":"db"}}]}}}}'`, 403],
    ['a taint that evicts every pod', 'kubectl taint nodes node-1 k=v:NoExecute', 403],
    ['a shell chain', 'kubectl get pods; rm -rf /', 400],
    ['not kubectl', 'bash -c "kubectl get pods"', 400],
  ])('refuses %s before anything reaches the cluster', async (_case, command, status) => {
    const response = await run(command).expect(status);

    expect(response.body.statusCode).toBe(status);
    expect(response.body.safety.decision).toBe('deny');
    expect(cluster.requests).toHaveLength(0);
  });

  it('refuses a write while writes are disabled, with WRITES_DISABLED', async () => {
    const response = await run('kubectl scale deployment nginx --replicas=5 -n default').expect(403);

    expect(response.body.error).toBe('WRITES_DISABLED');
    expect(cluster.writesSeen()).toHaveLength(0);
  });

  it('runs a write as a server-side dry run, even with writes disabled, changing nothing', async () => {
    const response = await run('kubectl scale deployment nginx --replicas=5 -n default', { dry_run: true }).expect(200);

    expect(response.body.safety).toMatchObject({ decision: 'write', code: 'DRY_RUN_ALLOWED' });
    expect(response.body.safety.argv).toContain('--dry-run=server');
    expect(response.body.metadata.dry_run).toBe(true);
    const writes = cluster.writesSeen();
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.every((write) => write.query.dryRun === 'All')).toBe(true);
    const deployment = cluster.getObject('deployments', 'default', 'nginx') as { spec: { replicas: number } };
    expect(deployment.spec.replicas).not.toBe(5);
  });

  it('runs a client dry run as a read that prints the object and writes nothing', async () => {
    const response = await run('kubectl create deployment web --image=nginx -n default --dry-run=client -o yaml').expect(200);

    expect(response.body.safety).toMatchObject({ decision: 'read', code: 'READ_ALLOWED' });
    expect(response.body.execution_result).toMatchObject({ type: 'yaml', data: { kind: 'Deployment', metadata: { name: 'web' } } });
    expect(cluster.writesSeen()).toHaveLength(0);
  });

  it('refuses a patch by what it sets, with PATCH_DENIED, writes disabled or not', async () => {
    const response = await run(`kubectl patch svc web -n default -p '{"spec":{"externalIPs":["1.2.3.4"]}}'`).expect(403);

    expect(response.body).toMatchObject({ error: 'PATCH_DENIED', safety: { decision: 'deny', code: 'PATCH_DENIED' } });
  });

  it('kills a command that outlives EXECUTION_TIMEOUT and says it timed out', async () => {
    const started = Date.now();
    const response = await run('kubectl get pods -n hang').expect(200);

    expect(response.body.execution_error).toMatchObject({ type: 'timeout', code: 'EXECUTION_TIMEOUT' });
    expect(response.body.metadata).toMatchObject({ success: false, error_type: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2_000 + 1_500);
  });

  it('counts executions by outcome in /metrics', async () => {
    await run('kubectl get pods -n default').expect(200);
    await run('kubectl exec web-0 -- id').expect(403);

    const text = (await request(sut.url).get('/metrics')).text;
    expect(text).toMatch(/kubectl_agent_kubectl_executions_total\{outcome="success",caller="default"\} [1-9]/);
    expect(text).toMatch(/kubectl_agent_kubectl_executions_total\{outcome="denied",caller="default"\} [1-9]/);
    expect(text).toMatch(/kubectl_agent_kubectl_executions_total\{outcome="timeout",caller="default"\} [1-9]/);
    expect(text).toMatch(/kubectl_agent_kubectl_execution_duration_seconds_count\{outcome="success",caller="default"\} [1-9]/);
    expect(text).toMatch(/kubectl_agent_safety_verdicts_total\{decision="deny",code="VERB_DENIED"\} [1-9]/);
  });
});

describe('execution safety defaults', () => {
  let cluster: FakeKubeApiServer;
  let kubeconfig: string;

  beforeAll(async () => {
    cluster = await startFakeKubeApiServer();
    kubeconfig = await writeKubeconfig(cluster.url);
  });
  afterAll(async () => {
    await cluster.close();
    await removeKubeconfig(kubeconfig);
  });

  it('refuses execution without API_AUTH_KEY, saying how to enable it', async () => {
    const app = await startApp({ API_AUTH_KEY: undefined, KUBECONFIG: kubeconfig });
    try {
      const response = await request(app.url).post('/execute').send({ execute: 'kubectl get pods' }).expect(403);
      expect(response.body.error).toBe('EXECUTION_DISABLED');
      expect(response.body.message).toMatch(/API_AUTH_KEY/);
      expect(response.body.message).toMatch(/ALLOW_UNAUTHENTICATED_EXECUTION/);
    } finally {
      await app.close();
    }
  });

  it('runs unauthenticated only when ALLOW_UNAUTHENTICATED_EXECUTION=true', async () => {
    const app = await startApp({ API_AUTH_KEY: undefined, ALLOW_UNAUTHENTICATED_EXECUTION: 'true', KUBECONFIG: kubeconfig, HOME: dirname(kubeconfig) });
    try {
      await request(app.url).post('/execute').send({ execute: 'kubectl get ns' }).expect(200);
    } finally {
      await app.close();
    }
  });

  it('starts without kubectl and answers 503 KUBECTL_UNAVAILABLE', async () => {
    const app = await startApp({ KUBECTL_PATH: '/nonexistent/kubectl', KUBECONFIG: kubeconfig });
    try {
      await request(app.url).get('/health').expect(200);
      const response = await request(app.url).post('/execute').set(KEY).send({ execute: 'kubectl get pods' }).expect(503);
      expect(response.body.error).toBe('KUBECTL_UNAVAILABLE');
    } finally {
      await app.close();
    }
  });

  it('answers 503 with Retry-After when every slot and queue place is taken', async () => {
    const app = await startApp({
      KUBECONFIG: kubeconfig,
      HOME: dirname(kubeconfig),
      EXECUTION_CONCURRENCY: '1',
      EXECUTION_QUEUE_LIMIT: '0',
      EXECUTION_TIMEOUT: '3',
    });
    try {
      const slow = request(app.url).post('/execute').set(KEY).send({ execute: 'kubectl get pods -n hang' }).then((r) => r);
      await new Promise((done) => setTimeout(done, 700));
      const busy = await request(app.url).post('/execute').set(KEY).send({ execute: 'kubectl get pods' }).expect(503);

      expect(busy.body.error).toBe('EXECUTOR_BUSY');
      expect(Number(busy.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect((await slow).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});
