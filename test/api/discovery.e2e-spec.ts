import { createHash } from 'node:crypto';
import { dirname } from 'node:path';
import request from 'supertest';
import { RunningApp, startApp } from '../support/app-harness';
import { FakeKubeApiServer, startFakeKubeApiServer } from '../support/fake-kube-api-server';
import { writeKeysFile } from '../support/keys-file';
import { removeKubeconfig, writeKubeconfig } from '../support/kubeconfig';
import { ScriptedLlmServer, startScriptedLlmServer } from '../support/scripted-llm-server';

const DEFAULT_KEY = 'default-key-0123456789abcdef';
const SCOPED_KEY = 'scoped-key-0123456789abcdef';
const sha256 = (key: string) => createHash('sha256').update(key).digest('hex');

/** What the scripted model answers, by request. */
const REPLIES: Record<string, string> = {
  'list the widgets': 'kubectl get widgets -n default',
  'list the widgest': 'kubectl get widgest -n default',
  'list pods in defualt': 'kubectl get pods -n defualt',
  'list pods in x': 'kubectl get pods -n x',
};

describe('cluster discovery (DISCOVERY_TTL)', () => {
  let cluster: FakeKubeApiServer;
  let llm: ScriptedLlmServer;
  let kubeconfig: string;
  let sut: RunningApp;

  const as = (key: string) => ({
    generate: (query: string) => request(sut.url).post('/kubectl-command').set('X-API-Key', key).send({ query }),
    execute: (execute: string) => request(sut.url).post('/execute').set('X-API-Key', key).send({ execute }),
  });
  const discoveryCheck = async (): Promise<Record<string, unknown>> =>
    (await request(sut.url).get('/health/ready').expect(200)).body.checks.discovery as Record<string, unknown>;

  /** Waits until discovery has read a picture other than `previous` (any picture when none is given). */
  async function discovered(previous?: unknown): Promise<Record<string, unknown>> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const check = await discoveryCheck();
      if (check.state === 'ok' && check.fingerprint !== previous) return check;
      if (Date.now() > deadline) throw new Error(`discovery did not refresh: ${JSON.stringify(check)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  beforeAll(async () => {
    cluster = await startFakeKubeApiServer();
    llm = await startScriptedLlmServer({ respond: (call) => REPLIES[call.userMessage ?? ''] ?? 'kubectl get pods' });
    kubeconfig = await writeKubeconfig(cluster.url);
    const keysFile = writeKeysFile([{ id: 'team-x', key_sha256: sha256(SCOPED_KEY), tier: 'read', execute: true, namespaces: ['x'] }]);
    sut = await startApp({
      KUBECONFIG: kubeconfig,
      HOME: dirname(kubeconfig),
      OPENAI_BASE_URL: llm.baseUrl,
      API_KEYS_FILE: keysFile,
      API_AUTH_KEY: DEFAULT_KEY,
      DISCOVERY_TTL: '1',
    });
    await discovered();
  });
  afterAll(async () => {
    await sut.close();
    await llm.close();
    await cluster.close();
    await removeKubeconfig(kubeconfig);
  });
  beforeEach(() => llm.reset());

  it('reports its state and age in readiness without failing it', async () => {
    expect(await discoveryCheck()).toEqual({ status: 'up', state: 'ok', age_seconds: expect.any(Number), fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/) });
  });

  it("gives the model the cluster's resource types (the CRD included), namespaces and default namespace, not the request", async () => {
    await as(DEFAULT_KEY).generate('list the widgets').expect(200);

    const [call] = llm.calls;
    expect(call.systemMessage).toContain('widgets.example.com (wdg)');
    expect(call.systemMessage).toContain('pods (po)');
    expect(call.systemMessage).toContain('deployments (deploy)');
    expect(call.systemMessage).toContain('Namespaces (3): default, kube-system, x');
    expect(call.systemMessage).toContain('Default namespace: default');
    expect(call.systemMessage).not.toMatch(/secrets/);
    expect(call.systemMessage).not.toContain('list the widgets');
    expect(call.userMessage).toBe('list the widgets');
  });

  it('shows a caller limited to some namespaces only those', async () => {
    await as(SCOPED_KEY).generate('list pods in x').expect(200);

    const [call] = llm.calls;
    expect(call.systemMessage).toContain('Namespaces (1): x');
    expect(call.systemMessage).not.toContain('kube-system');
    expect(call.systemMessage).not.toContain('Default namespace');
    expect(call.systemMessage).toContain('widgets.example.com (wdg)');
  });

  it('refuses a generated command naming a resource type the cluster does not serve, with suggestions', async () => {
    const answer = await as(DEFAULT_KEY).generate('list the widgest').expect(422);

    expect(answer.body).toMatchObject({ statusCode: 422, error: 'UNKNOWN_RESOURCE', suggestions: ['widgets.example.com'] });
    expect(answer.body.message).toContain('widgest');
  });

  it('refuses a generated command naming a namespace the cluster does not have, with suggestions', async () => {
    const answer = await as(DEFAULT_KEY).generate('list pods in defualt').expect(422);

    expect(answer.body).toMatchObject({ error: 'UNKNOWN_NAMESPACE', suggestions: ['default'] });
  });

  it('checks commands sent to /execute before running them', async () => {
    cluster.requests.length = 0;

    const kind = await as(DEFAULT_KEY).execute('kubectl get gizmos -n default').expect(422);
    const namespace = await as(DEFAULT_KEY).execute('kubectl get pods -n kube-sytem').expect(422);

    expect(kind.body).toMatchObject({ error: 'UNKNOWN_RESOURCE', suggestions: expect.any(Array) });
    expect(namespace.body).toMatchObject({ error: 'UNKNOWN_NAMESPACE', suggestions: ['kube-system'] });
    expect(cluster.requests.filter((seen) => seen.path.includes('/pods') || seen.path.includes('gizmos'))).toEqual([]);
  });

  it('runs reads of a custom resource by its short name and its group', async () => {
    for (const command of ['kubectl get wdg -n default', 'kubectl get widgets.example.com sprocket -n default']) {
      const answer = await as(DEFAULT_KEY).execute(command).expect(200);
      expect(answer.body.execution_result).toMatchObject({ type: 'table', rows: [expect.objectContaining({ NAME: 'sprocket' })] });
    }
  });

  it('keeps a scoped caller from learning which namespaces outside its scope exist', async () => {
    const answer = await as(SCOPED_KEY).execute('kubectl get pods -n nowhere').expect(403);

    expect(answer.body.error).toBe('SCOPE_DENIED');
  });

  it('lets a request that comes right after start-up wait for the first read rather than answer blind', async () => {
    const fresh = await startApp({ KUBECONFIG: kubeconfig, HOME: dirname(kubeconfig), OPENAI_BASE_URL: llm.baseUrl, API_AUTH_KEY: DEFAULT_KEY, DISCOVERY_TTL: '300' });
    try {
      const refused = await request(fresh.url).post('/execute').set('X-API-Key', DEFAULT_KEY).send({ execute: 'kubectl get pods -n nowhere' });
      await request(fresh.url).post('/kubectl-command').set('X-API-Key', DEFAULT_KEY).send({ query: 'list the widgets' }).expect(200);

      expect(refused.status).toBe(422);
      expect(llm.calls[0].systemMessage).toContain('widgets.example.com (wdg)');
    } finally {
      await fresh.close();
    }
  });

  it('answers again instead of from the cache once discovery sees the cluster change', async () => {
    expect((await as(DEFAULT_KEY).generate('list the widgets').expect(200)).body.from_cache).toBe(true);
    const before = await discoveryCheck();

    const created = await fetch(`${cluster.url}/api/v1/namespaces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-new' } }),
    });
    expect(created.status).toBe(201);
    await discovered(before.fingerprint);

    llm.reset();
    expect((await as(DEFAULT_KEY).generate('list the widgets').expect(200)).body.from_cache).toBe(false);
    expect(llm.calls[0].systemMessage).toContain('Namespaces (4): default, kube-system, team-new, x');
    expect((await as(DEFAULT_KEY).execute('kubectl get pods -n team-new').expect(200)).body.execution_error).toBeNull();
  });
});
