import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import request from 'supertest';
import { RunningApp, startApp } from '../support/app-harness';
import { FakeKubeApiServer, ResourceType, startFakeKubeApiServer } from '../support/fake-kube-api-server';
import { meta } from '../support/fake-kube-api/seed-cluster';
import { removeKubeconfig, writeKubeconfig } from '../support/kubeconfig';

const KEY = 'writer-key-0123456789abcdef';

/** A cluster-scoped CRD besides the namespaced widgets.example.com the loopback server always serves. */
const CLUSTER_WIDGETS: ResourceType = {
  name: 'clusterwidgets',
  kind: 'ClusterWidget',
  groupVersion: 'example.com/v1',
  namespaced: false,
  shortNames: ['cwdg'],
  columns: [{ name: 'Name', type: 'string', cell: (o) => String((o.metadata as { name?: string }).name) }],
};

describe('writes to custom resources (KUBECTL_ALLOW_WRITES=true, discovery on)', () => {
  let cluster: FakeKubeApiServer;
  let kubeconfig: string;
  let auditDir: string;
  let sut: RunningApp;

  const execute = (command: string, dryRun = false) => request(sut.url).post('/execute').set('X-API-Key', KEY).send({ execute: command, dry_run: dryRun });
  const widget = () => cluster.getObject('widgets', 'default', 'sprocket');

  beforeAll(async () => {
    cluster = await startFakeKubeApiServer({
      extraTypes: [CLUSTER_WIDGETS],
      extraObjects: (now) => [{ apiVersion: 'example.com/v1', kind: 'ClusterWidget', metadata: meta('big', undefined, 3600, now) }],
    });
    kubeconfig = await writeKubeconfig(cluster.url);
    auditDir = mkdtempSync(join(tmpdir(), 'crd-audit-'));
    sut = await startApp({
      KUBECONFIG: kubeconfig,
      HOME: dirname(kubeconfig),
      API_AUTH_KEY: KEY,
      KUBECTL_ALLOW_WRITES: 'true',
      DISCOVERY_TTL: '300',
      AUDIT_LOG: join(auditDir, 'audit.log'),
    });
  });
  afterAll(async () => {
    await sut.close();
    await cluster.close();
    await removeKubeconfig(kubeconfig);
    rmSync(auditDir, { recursive: true, force: true });
  });
  beforeEach(() => cluster.reset());

  it('labels a custom resource by its short name with the real kubectl', async () => {
    const answer = await execute('kubectl label wdg sprocket tier=gold -n default').expect(200);

    expect(answer.body).toMatchObject({ safety: { decision: 'write', code: 'WRITE_ALLOWED' }, execution_error: null });
    expect(widget()?.metadata).toMatchObject({ labels: { tier: 'gold' } });
  });

  it('deletes a custom resource as a server dry run first, then for real', async () => {
    const tried = await execute('kubectl delete widgets.example.com sprocket -n default', true).expect(200);
    expect(tried.body).toMatchObject({ safety: { code: 'DRY_RUN_ALLOWED', argv: expect.arrayContaining(['--dry-run=server']) }, execution_error: null });
    expect(widget()).toBeDefined();

    const deleted = await execute('kubectl delete widgets.example.com sprocket -n default --wait=false').expect(200);

    expect(deleted.body).toMatchObject({ safety: { code: 'WRITE_ALLOWED' }, execution_error: null });
    expect(deleted.body.execution_result.raw).toContain('deleted');
    expect(widget()).toBeUndefined();
  });

  it('refuses a write to a cluster-scoped custom resource, sending nothing to the cluster', async () => {
    const answer = await execute('kubectl delete cwdg big').expect(403);

    expect(answer.body).toMatchObject({ error: 'RESOURCE_DENIED', message: expect.stringContaining('cluster-scoped custom resource') });
    expect(cluster.writesSeen()).toEqual([]);
    expect(cluster.getObject('clusterwidgets', undefined, 'big')).toBeDefined();
  });

  it('still refuses built-ins that no verb may change, whatever they are called', async () => {
    for (const command of ['kubectl delete ns x', 'kubectl delete Namespace x', 'kubectl delete customresourcedefinitions.apiextensions.k8s.io widgets.example.com']) {
      expect((await execute(command).expect(403)).body).toMatchObject({ error: 'RESOURCE_DENIED' });
    }
    expect(cluster.writesSeen()).toEqual([]);
  });

  it('audits a command naming a type the cluster does not serve', async () => {
    const answer = await request(sut.url).post('/execute').set({ 'X-API-Key': KEY, 'X-Request-Id': 'crd-unknown' }).send({ execute: 'kubectl delete widgest sprocket -n default' });
    expect(answer.status).toBe(422);

    const auditPath = join(auditDir, 'audit.log');
    const deadline = Date.now() + 5_000;
    while (!(existsSync(auditPath) && readFileSync(auditPath, 'utf8').includes('crd-unknown')) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const line = readFileSync(auditPath, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((text) => JSON.parse(text) as Record<string, unknown>)
      .find((entry) => entry.request_id === 'crd-unknown');
    expect(line).toMatchObject({ endpoint: '/execute', command: 'kubectl delete widgest sprocket -n default', decision: 'deny', code: 'UNKNOWN_RESOURCE', executed: false });
  });

  it('refuses custom-resource writes while discovery is off, saying why', async () => {
    const blind = await startApp({ KUBECONFIG: kubeconfig, HOME: dirname(kubeconfig), API_AUTH_KEY: KEY, KUBECTL_ALLOW_WRITES: 'true', DISCOVERY_TTL: '0' });
    try {
      const answer = await request(blind.url).post('/execute').set('X-API-Key', KEY).send({ execute: 'kubectl delete wdg sprocket -n default' }).expect(403);

      expect(answer.body).toMatchObject({ error: 'RESOURCE_DENIED', message: expect.stringContaining('discovery') });
      expect(cluster.writesSeen()).toEqual([]);
    } finally {
      await blind.close();
    }
  });
});
