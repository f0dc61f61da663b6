import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import request from 'supertest';
import { RunningApp, startApp } from '../support/app-harness';
import { FakeKubeApiServer, startFakeKubeApiServer } from '../support/fake-kube-api-server';
import { KeysFileEntry, rewriteKeysFile, writeKeysFile } from '../support/keys-file';
import { removeKubeconfig, writeKubeconfig } from '../support/kubeconfig';
import { ScriptedLlmServer, startScriptedLlmServer } from '../support/scripted-llm-server';

const KEYS = {
  chatbot: 'chatbot-key-0123456789abcdef',
  teamA: 'team-a-key-0123456789abcdef',
  oncall: 'oncall-key-0123456789abcdef',
  writer: 'writer-key-0123456789abcdef',
  later: 'later-key-0123456789abcdef',
};
const sha256 = (key: string) => createHash('sha256').update(key).digest('hex');

const CALLERS: KeysFileEntry[] = [
  { id: 'chatbot', key: KEYS.chatbot, tier: 'read' },
  { id: 'team-a', key_sha256: sha256(KEYS.teamA), tier: 'read', execute: true, namespaces: ['team-a', 'team-z'], rate_limit: '500/minute' },
  { id: 'oncall', key_sha256: sha256(KEYS.oncall), tier: 'dry-run', execute: true, impersonate: { user: 'oncall@example.com', groups: ['sre', 'viewers'] } },
  { id: 'writer', key_sha256: sha256(KEYS.writer), tier: 'write', execute: true },
];

describe('caller identities (API_KEYS_FILE)', () => {
  let cluster: FakeKubeApiServer;
  let llm: ScriptedLlmServer;
  let kubeconfig: string;
  let keysFile: string;
  let auditFile: string;
  let sut: RunningApp;
  let writesOn: RunningApp;

  const as = (app: RunningApp, key: string) => ({
    generate: (query: string, extra: Record<string, unknown> = {}) => request(app.url).post('/kubectl-command').set('X-API-Key', key).send({ query, ...extra }),
    execute: (execute: string, extra: Record<string, unknown> = {}) => request(app.url).post('/execute').set('X-API-Key', key).send({ execute, ...extra }),
    whoami: () => request(app.url).get('/whoami').set('X-API-Key', key),
  });

  beforeAll(async () => {
    cluster = await startFakeKubeApiServer();
    llm = await startScriptedLlmServer({ respond: () => 'kubectl get pods -n team-a' });
    kubeconfig = await writeKubeconfig(cluster.url);
    keysFile = writeKeysFile(CALLERS);
    auditFile = join(tmpdir(), `callers-audit-${process.pid}.log`);
    const env = { KUBECONFIG: kubeconfig, HOME: dirname(kubeconfig), OPENAI_BASE_URL: llm.baseUrl, API_KEYS_FILE: keysFile, API_AUTH_KEY: 'default-key-0123456789abcdef' };
    sut = await startApp({ ...env, KUBECTL_ALLOWED_NAMESPACES: 'team-a,team-b,default', AUDIT_LOG: auditFile });
    writesOn = await startApp({ ...env, KUBECTL_ALLOW_WRITES: 'true' });
  });
  afterAll(async () => {
    await sut.close();
    await writesOn.close();
    await llm.close();
    await cluster.close();
    await removeKubeconfig(kubeconfig);
  });
  beforeEach(() => {
    llm.reset();
    cluster.reset();
  });

  describe('GET /whoami', () => {
    it('answers each caller with its scope, capped by the service', async () => {
      expect((await as(sut, KEYS.teamA).whoami().expect(200)).body).toEqual({
        id: 'team-a',
        tier: 'read',
        execute: true,
        namespaces: ['team-a'],
        rate_limit: '500/minute',
        impersonate: null,
      });
      expect((await as(sut, KEYS.writer).whoami().expect(200)).body).toMatchObject({ id: 'writer', tier: 'dry-run', namespaces: ['team-a', 'team-b', 'default'] });
      expect((await as(writesOn, KEYS.writer).whoami().expect(200)).body).toMatchObject({ tier: 'write', namespaces: null });
      expect((await as(sut, KEYS.oncall).whoami().expect(200)).body).toMatchObject({ impersonate: { user: 'oncall@example.com', groups: ['sre', 'viewers'] } });
      expect((await as(sut, 'default-key-0123456789abcdef').whoami().expect(200)).body).toMatchObject({ id: 'default', execute: true, rate_limit: '1000/minute' });
    });

    it('needs a key', async () => {
      await request(sut.url).get('/whoami').expect(401);
      await as(sut, 'not-a-key').whoami().expect(401);
    });

    it('never shows a key or its hash', async () => {
      const text = JSON.stringify((await as(sut, KEYS.teamA).whoami()).body);
      expect(text).not.toContain(KEYS.teamA);
      expect(text).not.toContain(sha256(KEYS.teamA));
    });
  });

  describe('execute: false (generate only)', () => {
    it('generates, but refuses to run on both endpoints with SCOPE_DENIED naming execution', async () => {
      await as(sut, KEYS.chatbot).generate('list the pods of team a').expect(200);
      const viaQuery = await as(sut, KEYS.chatbot).generate('list the pods of team a', { execute: true }).expect(403);
      const viaExecute = await as(sut, KEYS.chatbot).execute('kubectl get pods -n team-a').expect(403);

      for (const response of [viaQuery, viaExecute]) expect(response.body).toMatchObject({ error: 'SCOPE_DENIED', message: expect.stringMatching(/execute/) });
      expect(cluster.requests).toHaveLength(0);
    });
  });

  describe('namespaces (intersected with KUBECTL_ALLOWED_NAMESPACES)', () => {
    it('runs in its own namespace', async () => {
      const response = await as(sut, KEYS.teamA).execute('kubectl get pods -n team-a').expect(200);
      expect(response.body.safety).toMatchObject({ decision: 'read' });
    });

    it.each([
      ['another namespace the service allows', 'kubectl get pods -n team-b', false],
      ['every namespace, on a service without a namespace list', 'kubectl get pods -A', true],
      ['no namespace, where the default one is not its own', 'kubectl get pods', true],
    ])('refuses %s with SCOPE_DENIED naming its namespaces', async (_case, command, unscopedService) => {
      const response = await as(unscopedService ? writesOn : sut, KEYS.teamA).execute(command).expect(403);
      expect(response.body).toMatchObject({ error: 'SCOPE_DENIED', message: expect.stringMatching(/namespaces team-a/) });
      expect(cluster.requests).toHaveLength(0);
    });

    it('leaves a namespace the service itself refuses to the policy (NAMESPACE_DENIED)', async () => {
      const response = await as(sut, KEYS.teamA).execute('kubectl get pods -n team-z').expect(403);
      expect(response.body.error).toBe('NAMESPACE_DENIED');
    });

    it('shows a generated command outside its namespaces with SCOPE_DENIED, even from the cache', async () => {
      llm.enqueue('kubectl get pods -n team-b');
      const first = await as(sut, 'default-key-0123456789abcdef').generate('pods of team b please').expect(200);
      const second = await as(sut, KEYS.teamA).generate('pods of team b please').expect(200);

      expect(first.body.safety.code).toBe('READ_ALLOWED');
      expect(second.body).toMatchObject({ from_cache: true, safety: { decision: 'deny', code: 'SCOPE_DENIED' } });
      await as(sut, KEYS.teamA).generate('pods of team b please', { execute: true }).expect(403);
    });
  });

  describe('tiers', () => {
    it('shows a write to a read-tier caller with SCOPE_DENIED, and refuses it even as a dry run', async () => {
      llm.enqueue('kubectl scale deployment web -n team-a --replicas=2');
      const shown = await as(sut, KEYS.teamA).generate('scale web in team a to 2').expect(200);
      const dryRun = await as(sut, KEYS.teamA).execute('kubectl scale deployment web -n team-a --replicas=2', { dry_run: true }).expect(403);

      expect(shown.body.safety).toMatchObject({ decision: 'deny', code: 'SCOPE_DENIED', message: expect.stringMatching(/read tier/) });
      expect(dryRun.body.error).toBe('SCOPE_DENIED');
    });

    it('lets a dry-run-tier caller write only as a server-side dry run, writes on or off', async () => {
      await as(writesOn, KEYS.oncall).execute('kubectl scale deployment web -n default --replicas=2', { dry_run: true }).expect(200);
      const real = await as(writesOn, KEYS.oncall).execute('kubectl scale deployment web -n default --replicas=2').expect(403);

      expect(real.body).toMatchObject({ error: 'SCOPE_DENIED', message: expect.stringMatching(/dry-run tier/) });
    });

    it('lets a write-tier caller write only while KUBECTL_ALLOW_WRITES is on', async () => {
      await as(writesOn, KEYS.writer).execute('kubectl scale deployment web -n default --replicas=2').expect(200);
      const off = await as(sut, KEYS.writer).execute('kubectl scale deployment web -n default --replicas=2').expect(403);
      expect(off.body.error).toBe('WRITES_DISABLED');
    });
  });

  describe('impersonation', () => {
    it("runs a caller's commands as its Kubernetes identity, and others' as the service itself", async () => {
      await as(sut, KEYS.oncall).execute('kubectl get pods -n default').expect(200);
      const impersonated = cluster.requests.map((recorded) => recorded.impersonation);
      cluster.reset();
      await as(sut, KEYS.teamA).execute('kubectl get pods -n team-a').expect(200);

      expect(impersonated.length).toBeGreaterThan(0);
      for (const headers of impersonated) {
        expect(headers).toEqual({ 'impersonate-user': ['oncall@example.com'], 'impersonate-group': ['sre', 'viewers'] });
      }
      for (const recorded of cluster.requests) expect(recorded.impersonation).toEqual({});
    });

    it('still refuses a caller-supplied --as', async () => {
      const response = await as(sut, KEYS.oncall).execute('kubectl get pods -n default --as=system:admin').expect(403);
      expect(response.body.error).toBe('FLAG_DENIED');
    });
  });

  describe('the audit trail', () => {
    it('names each caller by its id, never by its key or hash', async () => {
      await as(sut, KEYS.teamA).execute('kubectl get pods -n team-a').expect(200);
      await as(sut, KEYS.chatbot).generate('list the pods of team a').expect(200);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const audit = readFileSync(auditFile, 'utf8');
      const callers = new Set(audit.trim().split('\n').map((line) => (JSON.parse(line) as { caller: string }).caller));

      expect(callers).toEqual(expect.objectContaining(new Set(['team-a', 'chatbot'])));
      for (const key of Object.values(KEYS)) {
        expect(audit).not.toContain(key);
        expect(audit).not.toContain(sha256(key));
      }
    });
  });

  describe('reloading API_KEYS_FILE', () => {
    afterAll(() => rewriteKeysFile(keysFile, CALLERS));

    it('revokes a removed key on SIGHUP, and adds a new one', async () => {
      rewriteKeysFile(keysFile, [...CALLERS.filter((caller) => caller.id !== 'chatbot'), { id: 'later', key: KEYS.later, tier: 'read' }]);
      process.emit('SIGHUP');

      await as(sut, KEYS.chatbot).whoami().expect(401);
      expect((await as(sut, KEYS.later).whoami().expect(200)).body.id).toBe('later');
    });

    it('keeps the callers it has when the new file is bad', async () => {
      rewriteKeysFile(keysFile, 'keys:\n  - {id: broken, tier: superuser}\n');
      process.emit('SIGHUP');

      expect((await as(sut, KEYS.teamA).whoami().expect(200)).body.id).toBe('team-a');
    });

    it('reloads by itself when the file changes', async () => {
      rewriteKeysFile(keysFile, CALLERS);
      const deadline = Date.now() + 5_000;
      let status = 0;
      while (Date.now() < deadline && status !== 200) {
        status = (await as(sut, KEYS.chatbot).whoami()).status;
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(status).toBe(200);
    });
  });
});
