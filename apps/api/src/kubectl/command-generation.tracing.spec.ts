import { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { GeneratedCommand, KubectlCommandGenerator } from '@app/llm';
import { MetricsService } from '@app/metrics';
import { CommandPolicy } from '@app/safety';
import { traced } from '@app/tracing';
import { useInMemoryTracing } from '../../../../libs/tracing/src/testing/in-memory-tracing';
import { ClusterPromptContext } from '../discovery/cluster-prompt-context';
import { CommandGenerationService } from './command-generation.service';
import { CachedGeneration, GenerationCache } from './generation-cache';

class FakeCache {
  readonly entries = new Map<string, CachedGeneration>();
  get = async (key: string) => this.entries.get(key);
  set = async (key: string, value: CachedGeneration) => void this.entries.set(key, value);
}

describe(`${CommandGenerationService.name}, traced`, () => {
  const exporter = useInMemoryTracing();
  let release: (reply: GeneratedCommand) => void;
  let sut: CommandGenerationService;

  beforeEach(() => {
    const generate = () => traced('llm.generate', {}, () => new Promise<GeneratedCommand>((resolve) => (release = resolve)));
    const cluster = { forCaller: async () => null } as unknown as ClusterPromptContext;
    const metrics = { recordLlmCall: jest.fn() } as unknown as MetricsService;
    const policy = new CommandPolicy({ allowWrites: false });
    sut = new CommandGenerationService({ generate, model: 'm' } as unknown as KubectlCommandGenerator, policy, new FakeCache() as unknown as GenerationCache, metrics, cluster);
  });

  const spansOf = (request: string): ReadableSpan[] => {
    const root = exporter.getFinishedSpans().find((span) => span.name === request) as ReadableSpan;
    return exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === root.spanContext().traceId && span !== root);
  };

  it('records a miss and the LLM call as siblings under the request, and a coalesced request as linked to it', async () => {
    const leader = traced('request A', { root: true }, () => sut.generate('list pods', false));
    await new Promise(setImmediate);
    const follower = traced('request B', { root: true }, () => sut.generate('list pods', false));
    await new Promise(setImmediate);
    release({ command: 'kubectl get pods', explanation: null, model: 'm', usage: null });
    await Promise.all([leader, follower]);

    const [requestA] = exporter.getFinishedSpans().filter((span) => span.name === 'request A');
    const leaderSpans = spansOf('request A');
    const followerSpans = spansOf('request B');
    expect(leaderSpans.map((span) => span.name).sort()).toEqual(['cache.lookup', 'llm.generate']);
    expect(leaderSpans.every((span) => span.parentSpanContext?.spanId === requestA.spanContext().spanId)).toBe(true);
    expect(followerSpans.map((span) => [span.name, span.attributes])).toEqual([
      ['cache.lookup', { 'cache.hit': false, 'cache.result': 'miss', 'cache.coalesced': true }],
    ]);
    expect(followerSpans[0].links.map((link) => link.context.spanId)).toEqual([requestA.spanContext().spanId]);
  });

  it('records a hit on the next identical query', async () => {
    const first = traced('request A', { root: true }, () => sut.generate('list pods', false));
    await new Promise(setImmediate);
    release({ command: 'kubectl get pods', explanation: null, model: 'm', usage: null });
    await first;
    await traced('request C', { root: true }, () => sut.generate('list pods', false));

    expect(spansOf('request C').map((span) => [span.name, span.attributes['cache.result']])).toEqual([['cache.lookup', 'hit']]);
  });
});
