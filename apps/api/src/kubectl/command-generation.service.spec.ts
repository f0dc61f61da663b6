import { GeneratedCommand, KubectlCommandGenerator, LlmError, LlmErrorCode } from '@app/llm';
import { MetricsService } from '@app/metrics';
import { ApprovedCommand, CommandPolicy } from '@app/safety';
import { ClusterPromptContext, PromptContext } from '../discovery/cluster-prompt-context';
import { CommandGenerationService } from './command-generation.service';
import { CachedGeneration, GenerationCache } from './generation-cache';

/** The in-memory store's behaviour, without cache-manager. */
class FakeCache {
  readonly entries = new Map<string, CachedGeneration>();
  get = jest.fn(async (key: string) => this.entries.get(key));
  set = jest.fn(async (key: string, value: CachedGeneration) => void this.entries.set(key, value));
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const reply = (command: string): GeneratedCommand => ({ command, explanation: null, model: 'm', usage: null });

describe(CommandGenerationService.name, () => {
  const policy = new CommandPolicy({ allowWrites: false });
  let generate: jest.Mock;
  let cache: FakeCache;
  let sut: CommandGenerationService;
  let clusterContext: PromptContext | null;

  beforeEach(() => {
    clusterContext = null;
    const cluster = { forCaller: async () => clusterContext } as unknown as ClusterPromptContext;
    generate = jest.fn();
    cache = new FakeCache();
    const metrics = { recordLlmCall: jest.fn() } as unknown as MetricsService;
    sut = new CommandGenerationService({ generate, model: 'm' } as unknown as KubectlCommandGenerator, policy, cache as unknown as GenerationCache, metrics, cluster);
  });

  it('sends the cluster context with the query, and asks again once the context changes', async () => {
    generate.mockResolvedValue(reply('kubectl get widgets'));
    clusterContext = { text: 'Cluster context: widgets', fingerprint: 'aaaa' };

    await sut.generate('list widgets', false);
    expect(await sut.generate('list widgets', false)).toMatchObject({ fromCache: true });
    clusterContext = { text: 'Cluster context: widgets, gadgets', fingerprint: 'bbbb' };
    expect(await sut.generate('list widgets', false)).toMatchObject({ fromCache: false });

    expect(generate).toHaveBeenNthCalledWith(1, 'list widgets', { context: 'Cluster context: widgets' });
    expect(generate).toHaveBeenNthCalledWith(2, 'list widgets', { context: 'Cluster context: widgets, gadgets' });
  });

  it('shares one LLM call among identical concurrent queries, then answers from the cache', async () => {
    const call = deferred<GeneratedCommand>();
    generate.mockReturnValue(call.promise);

    const first = sut.generate('list pods', false);
    const second = sut.generate('  LIST   pods ', false);
    await new Promise(setImmediate);
    call.resolve(reply('kubectl get pods'));

    expect(await first).toMatchObject({ command: 'kubectl get pods', fromCache: false, coalesced: false });
    expect(await second).toMatchObject({ command: 'kubectl get pods', fromCache: false, coalesced: true });
    expect(await sut.generate('list pods', false)).toMatchObject({ fromCache: true, coalesced: false });
    expect(generate).toHaveBeenCalledTimes(1);
  });

  it('judges each generated command once and carries a runnable verdict', async () => {
    generate.mockResolvedValue(reply('kubectl get pods'));
    const evaluate = jest.spyOn(policy, 'evaluate');

    const generation = await sut.generate('list pods', false);

    expect(evaluate).toHaveBeenCalledTimes(1);
    expect(ApprovedCommand.isGenuine(generation.verdict.approved)).toBe(true);
    evaluate.mockRestore();
  });

  it('keeps dry runs and real runs apart: their verdicts differ', async () => {
    generate.mockResolvedValue(reply('kubectl scale deployment web --replicas=3'));

    const real = await sut.generate('scale web to 3', false);
    const dry = await sut.generate('scale web to 3', true);

    expect(real.verdict.code).toBe('WRITES_DISABLED');
    expect(dry.verdict.code).toBe('DRY_RUN_ALLOWED');
    expect(generate).toHaveBeenCalledTimes(2);
  });

  it('never caches a proposal the policy refuses', async () => {
    generate.mockResolvedValue(reply('kubectl get secrets'));

    await sut.generate('show the secrets', false);
    await sut.generate('show the secrets', false);

    expect(cache.set).not.toHaveBeenCalled();
    expect(generate).toHaveBeenCalledTimes(2);
  });

  it('shares a failure with the coalesced callers, caches nothing, and tries again afterwards', async () => {
    const call = deferred<GeneratedCommand>();
    generate.mockReturnValueOnce(call.promise).mockResolvedValueOnce(reply('kubectl get pods'));

    const first = sut.generate('list pods', false);
    const second = sut.generate('list pods', false);
    await new Promise(setImmediate);
    call.reject(new LlmError(LlmErrorCode.LLM_TIMEOUT, 'slow'));

    await expect(first).rejects.toMatchObject({ code: 'LLM_TIMEOUT' });
    await expect(second).rejects.toMatchObject({ code: 'LLM_TIMEOUT' });
    expect(await sut.generate('list pods', false)).toMatchObject({ command: 'kubectl get pods', fromCache: false });
  });

  it('judges again a verdict read back from a shared store, which lost its ApprovedCommand', async () => {
    generate.mockResolvedValue(reply('kubectl get pods'));
    await sut.generate('list pods', false);
    for (const [key, value] of cache.entries) cache.entries.set(key, JSON.parse(JSON.stringify(value)) as CachedGeneration);

    const hit = await sut.generate('list pods', false);

    expect(hit.fromCache).toBe(true);
    expect(ApprovedCommand.isGenuine(hit.verdict.approved)).toBe(true);
  });
});
