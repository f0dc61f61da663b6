import { AppConfig } from '@app/config';
import { ClusterQuery, ExecutionOutcome, KubectlExecutor } from '@app/executor';
import { DiscoveryService } from './discovery.service';

const API_RESOURCES = [
  'NAME      SHORTNAMES   APIVERSION       NAMESPACED   KIND     VERBS      CATEGORIES',
  'pods      po           v1               true         Pod      get,list   all',
  'widgets   wdg          example.com/v1   true         Widget   get,list   ',
].join('\n');

function outcome(stdout: string, success = true): ExecutionOutcome {
  return { success, stdout, error: success ? null : { type: 'exit', code: 'KUBECTL_EXIT_1', message: 'connection refused', exitCode: 1 } } as unknown as ExecutionOutcome;
}

describe(DiscoveryService.name, () => {
  let answers: Record<ClusterQuery, () => Promise<ExecutionOutcome>>;
  let queryCluster: jest.Mock;
  const config = (ttlSeconds: number) => ({ discovery: { ttlMs: ttlSeconds * 1000, promptTokens: 1_500 } }) as unknown as AppConfig;
  const sut = (ttlSeconds = 300) => new DiscoveryService(config(ttlSeconds), { queryCluster } as unknown as KubectlExecutor);

  beforeEach(() => {
    answers = {
      apiResources: async () => outcome(API_RESOURCES),
      namespaces: async () => outcome('namespace/default\nnamespace/x\n'),
      defaultNamespace: async () => outcome('x'),
    };
    queryCluster = jest.fn((query: ClusterQuery) => answers[query]());
  });

  it('reads resource types, namespaces and the default namespace into a picture', async () => {
    const discovery = sut();

    const picture = await discovery.refresh();

    expect(picture).toMatchObject({ namespaces: ['default', 'x'], defaultNamespace: 'x' });
    expect(picture?.resources.map((resource) => resource.name)).toEqual(['pods', 'widgets']);
    expect(discovery.status).toMatchObject({ state: 'ok', ageSeconds: 0, fingerprint: picture?.fingerprint, lastError: null });
  });

  it('shares one read among concurrent refreshes (single flight)', async () => {
    const discovery = sut();

    await Promise.all([discovery.refresh(), discovery.refresh(), discovery.refresh()]);

    expect(queryCluster).toHaveBeenCalledTimes(3); // one read: three fixed queries
  });

  it('falls back to the namespace default when the kubeconfig names none', async () => {
    answers.defaultNamespace = async () => outcome('');

    expect(await sut().refresh()).toMatchObject({ defaultNamespace: 'default' });
  });

  it('keeps the last good picture when a read fails, and says it is stale', async () => {
    const discovery = sut();
    const good = await discovery.refresh();
    answers.apiResources = async () => outcome('', false);

    expect(await discovery.refresh()).toBe(good);
    expect(discovery.status).toMatchObject({ state: 'stale', fingerprint: good?.fingerprint, lastError: expect.stringContaining('connection refused') });
  });

  it('reports failed while no read ever worked', async () => {
    answers.namespaces = () => Promise.reject(new Error('kubectl is not available on this server'));
    const discovery = sut();

    expect(await discovery.refresh()).toBeNull();
    expect(discovery.status).toMatchObject({ state: 'failed', ageSeconds: null, fingerprint: null });
  });

  it('lets the first requests wait for the first read, and later ones not at all', async () => {
    const discovery = sut();
    let finish!: () => void;
    answers.namespaces = () => new Promise((resolve) => (finish = () => resolve(outcome('namespace/default\n'))));

    const first = discovery.settled();
    await new Promise(setImmediate);
    expect(discovery.status.state).toBe('pending');
    finish();
    await first;

    expect(discovery.status.state).toBe('ok');
    await discovery.settled();
    expect(queryCluster).toHaveBeenCalledTimes(3);
  });

  it('reads nothing with DISCOVERY_TTL=0', async () => {
    const discovery = sut(0);
    discovery.onApplicationBootstrap();

    expect(await discovery.refresh()).toBeNull();
    expect(discovery.status.state).toBe('off');
    expect(queryCluster).not.toHaveBeenCalled();
  });

  it('starts reading shortly after start-up and again every DISCOVERY_TTL', async () => {
    jest.useFakeTimers();
    try {
      const discovery = sut(60);
      discovery.onApplicationBootstrap();
      expect(queryCluster).not.toHaveBeenCalled();
      await jest.advanceTimersByTimeAsync(1_000);
      expect(queryCluster).toHaveBeenCalledTimes(3);
      await jest.advanceTimersByTimeAsync(60_000);
      expect(queryCluster).toHaveBeenCalledTimes(6);
      discovery.onModuleDestroy();
      await jest.advanceTimersByTimeAsync(120_000);
      expect(queryCluster).toHaveBeenCalledTimes(6);
    } finally {
      jest.useRealTimers();
    }
  });
});
