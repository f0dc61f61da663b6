import { Injectable } from '@nestjs/common';
import { KubectlCommandGenerator, LlmError } from '@app/llm';
import { MetricsService } from '@app/metrics';
import { GenerationCache } from './generation-cache';

export interface Generation {
  readonly command: string;
  readonly model: string;
  readonly fromCache: boolean;
  /** True when this request shared another identical request's LLM call. */
  readonly coalesced: boolean;
}

/** Query -> command through the cache, with identical concurrent misses sharing one LLM call. */
@Injectable()
export class CommandGenerationService {
  private readonly inFlight = new Map<string, Promise<Generation>>();

  constructor(
    private readonly generator: KubectlCommandGenerator,
    private readonly cache: GenerationCache,
    private readonly metrics: MetricsService,
  ) {}

  /**
   * `cacheable` decides whether a generated command may be stored (the caller stores only
   * commands it can answer with success).
   */
  async generate(query: string, cacheable: (command: string) => boolean): Promise<Generation> {
    const key = GenerationCache.keyFor(query, this.generator.model);
    const cached = await this.cache.get(key);
    if (cached) return { ...cached, fromCache: true, coalesced: false };

    const pending = this.inFlight.get(key);
    if (pending) return { ...(await pending), coalesced: true };

    const call = this.callLlm(query, key, cacheable).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, call);
    return call;
  }

  private async callLlm(query: string, key: string, cacheable: (command: string) => boolean): Promise<Generation> {
    const started = performance.now();
    try {
      const generated = await this.generator.generate(query);
      this.metrics.recordLlmCall('success', seconds(started), generated.usage);
      const result = { command: generated.command, model: generated.model };
      // Stored before the in-flight entry goes, so a request arriving in between finds one or the other.
      if (cacheable(result.command)) await this.cache.set(key, result);
      return { ...result, fromCache: false, coalesced: false };
    } catch (error) {
      this.metrics.recordLlmCall(error instanceof LlmError ? error.code : 'error', seconds(started));
      throw error;
    }
  }
}

function seconds(startedAt: number): number {
  return (performance.now() - startedAt) / 1000;
}
