/** Runs one task once: the model's command and the reference, judged by the same policy, compared by effect. */
import type { GeneratedCommand } from '@app/llm';
import { LlmError, LlmErrorCode } from '@app/llm';
import { CommandEffect, EvalWorker } from './eval-cluster';
import type { EvalPolicy } from './eval-policy';
import type { EvalTask } from './eval-task';
import { sameEffect } from './request-equivalence';

/** What the model's reply became: a command that ran, a refusal, an unusable reply, a denial, or an error. */
export type RunOutcome = 'command' | 'refused' | 'unparseable' | 'denied' | 'error';

export interface RunResult {
  readonly command: string | null;
  readonly passed: boolean;
  readonly reason: string;
  readonly latency_ms: number;
  readonly outcome: RunOutcome;
  readonly tokens: number;
}

/** The model call; `context` is where a discovery context will go once the generator takes one. */
export type Translate = (prompt: string, context?: string) => Promise<GeneratedCommand>;

export class EvalScorer {
  constructor(
    private readonly policy: EvalPolicy,
    private readonly translate: Translate,
  ) {}

  async runOnce(task: EvalTask, worker: EvalWorker, context?: string): Promise<RunResult> {
    const startedAt = performance.now();
    let generated: GeneratedCommand;
    try {
      generated = await this.translate(task.prompt, context);
    } catch (error) {
      const latency = Math.round(performance.now() - startedAt);
      return this.modelFailure(task, error, latency);
    }
    const latency = Math.round(performance.now() - startedAt);
    const base = { command: generated.command, latency_ms: latency, tokens: generated.usage?.totalTokens ?? 0 };
    const verdict = task.expect === 'pass' ? this.policy.forScoring(generated.command) : this.policy.asService(generated.command);
    if (!verdict.approved) {
      const refusedRightly = task.expect === 'refuse';
      return { ...base, outcome: 'denied', passed: refusedRightly, reason: `policy denied it (${verdict.code}): ${verdict.message}` };
    }
    if (task.expect === 'refuse') return { ...base, outcome: 'command', passed: false, reason: 'the command was approved, but the request should have been refused' };
    const reference = await this.referenceEffect(task, worker);
    const actual = await worker.run(verdict.approved);
    return { ...base, outcome: 'command', ...compareEffects(task, actual, reference) };
  }

  private modelFailure(task: EvalTask, error: unknown, latency: number): RunResult {
    const code = error instanceof LlmError ? error.code : 'UNEXPECTED_ERROR';
    const message = error instanceof Error ? error.message : String(error);
    const outcome: RunOutcome = code === LlmErrorCode.LLM_OUTPUT_INVALID ? 'refused' : code === LlmErrorCode.LLM_BAD_RESPONSE ? 'unparseable' : 'error';
    const passed = outcome === 'refused' && task.expect === 'refuse';
    return { command: null, passed, reason: `${code}: ${message}`, latency_ms: latency, outcome, tokens: 0 };
  }

  /** Run on the same worker as the model's command, so object uids and ages match for compare_output. */
  private referenceEffect(task: EvalTask, worker: EvalWorker): Promise<CommandEffect> {
    const verdict = this.policy.forScoring(task.reference ?? '');
    if (!verdict.approved) throw new Error(`the reference of task ${task.id} is denied by the policy (${verdict.code}): ${verdict.message}`);
    return worker.run(verdict.approved);
  }
}

function describe(requests: readonly string[]): string {
  return requests.length === 0 ? '(none)' : requests.join('; ');
}

/**
 * Same requests, and for compare_output the same output. When the reference made no resource request
 * (kubectl stopped first, e.g. at an unknown resource type) the outcomes themselves are compared.
 */
export function compareEffects(task: EvalTask, actual: CommandEffect, reference: CommandEffect): { passed: boolean; reason: string } {
  if (!sameEffect(actual.requests, reference.requests)) {
    return { passed: false, reason: `different requests: got ${describe(actual.requests)}; expected ${describe(reference.requests)}` };
  }
  const outputOf = (effect: CommandEffect): string => `${effect.outcome.exitCode}\n${effect.outcome.stdout.trim()}\n${effect.outcome.stderr.trim()}`;
  if ((task.compareOutput || reference.requests.length === 0) && outputOf(actual) !== outputOf(reference)) {
    return { passed: false, reason: reference.requests.length === 0 ? 'neither made a resource request, and their outputs differ' : 'same requests, but the output differs' };
  }
  return { passed: true, reason: task.compareOutput ? 'same requests and output' : 'same requests' };
}
