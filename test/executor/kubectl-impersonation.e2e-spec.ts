import { dirname } from 'node:path';
import { Impersonation, KubectlExecutor } from '@app/executor';
import { FakeKubeApiServer, startFakeKubeApiServer } from '../support/fake-kube-api-server';
import { removeKubeconfig, writeKubeconfig } from '../support/kubeconfig';
import { approved, approvedPrinting, RunningExecutor, startExecutor } from './executor-harness';

const CHATBOT: Impersonation = { user: 'chatbot@example.com', groups: ['viewers', 'team a'] };

/** The real kubectl against the loopback API server: what reaches the cluster when a caller is impersonated. */
describe('KubectlExecutor impersonating callers, with the real kubectl (e2e)', () => {
  let server: FakeKubeApiServer;
  const kubeconfigs: string[] = [];
  const running: RunningExecutor[] = [];

  /** An executor whose kubectl has an empty HOME, so it asks for discovery again rather than reading its cache. */
  const freshExecutor = async (): Promise<KubectlExecutor> => {
    const kubeconfig = await writeKubeconfig(server.url);
    kubeconfigs.push(kubeconfig);
    const started = await startExecutor({ baseEnv: { PATH: process.env.PATH, HOME: dirname(kubeconfig), KUBECONFIG: kubeconfig }, timeoutMs: 20_000 });
    running.push(started);
    return started.executor;
  };
  const paths = (): string[] => server.requests.map((request) => request.path);

  beforeAll(async () => {
    server = await startFakeKubeApiServer();
  });

  afterEach(() => server.reset());

  afterAll(async () => {
    await Promise.all(running.map((started) => started.close()));
    await server?.close();
    await Promise.all(kubeconfigs.map(removeKubeconfig));
  });

  it('sends no Impersonate header for a caller without impersonation', async () => {
    const sut = await freshExecutor();

    const outcome = await sut.run(approvedPrinting('table', 'get', 'deployments', '-n', 'x'), { caller: 'key:plain' });

    expect(outcome).toMatchObject({ success: true });
    expect(paths()).toEqual(expect.arrayContaining(['/api', '/apis', '/apis/apps/v1/namespaces/x/deployments']));
    expect(server.requests.map((request) => request.impersonation)).toEqual(server.requests.map(() => ({})));
  });

  it('sends the user and each group, exactly, on every request kubectl makes, discovery included', async () => {
    const sut = await freshExecutor();

    const outcome = await sut.run(approvedPrinting('table', 'get', 'deployments', '-n', 'x'), { caller: 'key:chatbot', impersonate: CHATBOT });

    expect(outcome).toMatchObject({ success: true, result: { type: 'table', rows: [{ NAME: 'api' }] } });
    expect(paths()).toEqual(expect.arrayContaining(['/api', '/apis', '/api/v1', '/apis/apps/v1', '/apis/apps/v1/namespaces/x/deployments']));
    for (const request of server.requests) {
      expect({ path: request.path, impersonation: request.impersonation }).toEqual({
        path: request.path,
        impersonation: { 'impersonate-user': ['chatbot@example.com'], 'impersonate-group': ['viewers', 'team a'] },
      });
    }
  });

  it('sends only Impersonate-User for a user without groups', async () => {
    const sut = await freshExecutor();

    await sut.run(approved('get', 'pods', 'web-0'), { impersonate: { user: 'alice', groups: [] } });

    expect(server.requests.length).toBeGreaterThan(0);
    expect(new Set(server.requests.map((request) => JSON.stringify(request.impersonation)))).toEqual(new Set([JSON.stringify({ 'impersonate-user': ['alice'] })]));
  });

  it('impersonates a write whose container command follows `--`, and leaves that command alone', async () => {
    const sut = await freshExecutor();
    const write = approved('create', 'deployment', 'web', '-n', 'x', '--image=nginx', '--dry-run=server', '--', 'echo', 'hi');
    const preview = approvedPrinting('json', 'create', 'deployment', 'web', '--image=nginx', '--dry-run=client', '-o', 'json', '--', 'echo', 'hi');

    const sent = await sut.run(write, { impersonate: CHATBOT });
    const printed = await sut.run(preview, { impersonate: CHATBOT });

    expect(sent).toMatchObject({ success: true });
    const posts = server.writesSeen();
    expect(posts.map((request) => [request.method, request.path, request.query.dryRun])).toEqual([['POST', '/apis/apps/v1/namespaces/x/deployments', 'All']]);
    expect(posts[0].impersonation).toEqual({ 'impersonate-user': ['chatbot@example.com'], 'impersonate-group': ['viewers', 'team a'] });
    expect(printed.result).toMatchObject({
      type: 'json',
      data: { kind: 'Deployment', spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx', command: ['echo', 'hi'] }] } } } },
    });
  });
});
