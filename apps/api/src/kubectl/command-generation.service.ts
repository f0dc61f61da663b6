import { Injectable } from '@nestjs/common';
import { KubectlCommandGenerator, LlmError } from '@app/llm';
import { MetricsService } from '@app/metrics';
import { activeSpanContext, ATTRIBUTES, SPAN_NAMES, SpanContext, startSpan } from '@app/tracing';
import { ApprovedCommand, CommandPolicy, Verdict, VerdictCode } from '@app/safety';
import { CallerScope } from '../auth/caller';
import { ClusterPromptContext, PromptContext } from '../discovery/cluster-prompt-context';
import { CachedGeneration, GenerationCache } from './generation-cache';

/** A generated command with the policy's verdict on it. */
export interface Generation extends CachedGeneration {
  readonly fromCache: boolean;
  /** True when this request shared another identical request's LLM call. */
  readonly coalesced: boolean;
}

/** Commands that may not run here (writes off, no dry run for the verb, beyond the caller's scope) are still shown. */
const SHOWABLE_DENIALS: ReadonlySet<VerdictCode> = new Set([VerdictCode.WRITES_DISABLED, VerdictCode.DRY_RUN_UNSUPPORTED, VerdictCode.SCOPE_DENIED]);

/** Whether a proposal is answered (200) rather than refused (422). */
export function isShowable(verdict: Verdict): boolean {
  return verdict.decision !== 'deny' || SHOWABLE_DENIALS.has(verdict.code);
}

/**
 * Query -> judged command. The policy judges each generated command once, and the cache keeps the
 * verdict with it; identical concurrent misses share one LLM call.
 */
@Injectable()
export class CommandGenerationService {
  private readonly inFlight = new Map<string, InFlightCall>();

  constructor(
    private readonly generator: KubectlCommandGenerator,
    private readonly policy: CommandPolicy,
    private readonly cache: GenerationCache,
    private readonly metrics: MetricsService,
    private readonly cluster: ClusterPromptContext,
  ) {}

  /** `scope` decides which part of the cluster the model is shown (a caller's namespaces only). */
  async generate(query: string, dryRun: boolean, scope: CallerScope | null = null): Promise<Generation> {
    const context = await this.cluster.forCaller(scope);
    const key = GenerationCache.keyFor(query, this.generator.model, dryRun, context?.fingerprint);
    // Not an active span: the LLM call a miss starts is its sibling, not its child.
    const lookup = startSpan(SPAN_NAMES.CACHE_LOOKUP);
    const cached = await this.cache.get(key);
    // From here on synchronous, so two identical misses cannot both start a call.
    const pending = cached ? undefined : this.inFlight.get(key);
    lookup.setAttributes({
      [ATTRIBUTES.CACHE_HIT]: Boolean(cached),
      [ATTRIBUTES.CACHE_RESULT]: cached ? 'hit' : 'miss',
      [ATTRIBUTES.CACHE_COALESCED]: Boolean(pending),
    });
    // A request that shares another's call points at that request's trace, where the LLM call is.
    if (pending?.origin) lookup.addLink({ context: pending.origin });
    lookup.end();
    if (cached) return { ...this.trusted(cached, dryRun), fromCache: true, coalesced: false };
    if (pending) return { ...(await pending.call), coalesced: true };

    const call = this.callLlm(query, context, key, dryRun).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, { call, origin: activeSpanContext() });
    return call;
  }

  /**
   * A verdict read back from a shared store (Redis) lost its ApprovedCommand on the way and was out
   * of this process's hands: it is judged again before anything can run it.
   */
  private trusted(cached: CachedGeneration, dryRun: boolean): CachedGeneration {
    const { verdict } = cached;
    if (verdict.decision === 'deny' || ApprovedCommand.isGenuine(verdict.approved)) return cached;
    return { ...cached, verdict: this.policy.evaluate(cached.command, { dryRun }) };
  }

  private async callLlm(query: string, context: PromptContext | null, key: string, dryRun: boolean): Promise<Generation> {
    const started = performance.now();
    let command: string;
    let explanation: string | null;
    try {
      const generated = await this.generator.generate(query, { context: context?.text });
      this.metrics.recordLlmCall('success', seconds(started), generated.usage);
      ({ command, explanation } = generated);
    } catch (error) {
      this.metrics.recordLlmCall(error instanceof LlmError ? error.code : 'error', seconds(started));
      throw error;
    }
    const generation = { command, explanation, model: this.generator.model, verdict: this.policy.evaluate(command, { dryRun }) };
    // Stored before the in-flight entry goes, so a request arriving in between finds one or the other.
    if (isShowable(generation.verdict)) await this.cache.set(key, generation);
    return { ...generation, fromCache: false, coalesced: false };
  }
}

/** An LLM call identical requests share, and the span of the request that started it. */
interface InFlightCall {
  readonly call: Promise<Generation>;
  readonly origin: SpanContext | undefined;
}

function seconds(startedAt: number): number {
  return (performance.now() - startedAt) / 1000;
}
