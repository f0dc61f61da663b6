import { Injectable } from '@nestjs/common';
import { MetricsService } from '@app/metrics';
import { CommandPolicy, Verdict, VerdictCode } from '@app/safety';
import { CommandDeniedException } from '../errors/command-denied.exception';
import { CommandExecutionService, ExecutionReport } from './command-execution.service';
import { CommandGenerationService, Generation } from './command-generation.service';
import { ExecuteRequestDto } from './dto/execute-request.dto';
import { KubectlCommandRequestDto } from './dto/kubectl-command-request.dto';
import { KubectlCommandResponseDto, SafetyVerdictDto } from './dto/kubectl-command-response.dto';

/** Writes that may not run here (writes off, or no dry run for the verb) are still shown to the user. */
const SHOWABLE_DENIALS: ReadonlySet<VerdictCode> = new Set([VerdictCode.WRITES_DISABLED, VerdictCode.DRY_RUN_UNSUPPORTED]);

/** Every other denial of a generated command is an error. */
function isShowable(verdict: Verdict): boolean {
  return verdict.decision !== 'deny' || SHOWABLE_DENIALS.has(verdict.code);
}

/** The request path: cache/LLM -> safety policy -> (optionally) kubectl. */
@Injectable()
export class KubectlCommandService {
  constructor(
    private readonly generation: CommandGenerationService,
    private readonly policy: CommandPolicy,
    private readonly execution: CommandExecutionService,
    private readonly metrics: MetricsService,
  ) {}

  async fromQuery(request: KubectlCommandRequestDto, requestId: string): Promise<KubectlCommandResponseDto> {
    const startedAt = new Date();
    const dryRun = request.dry_run ?? false;
    if (request.execute) this.execution.assertExecutionEnabled();

    const generation = await this.generation.generate(request.query, (command) =>
      isShowable(this.policy.evaluate(command, { dryRun })),
    );
    const verdict = this.judge(generation.command, dryRun);
    if (!isShowable(verdict)) throw new CommandDeniedException(verdict, 'generation');

    const report = request.execute ? await this.execution.run(this.execution.approvedOrThrow(verdict)) : null;
    return this.respond({ command: generation.command, verdict, generation, report, dryRun, startedAt, requestId });
  }

  async execute(request: ExecuteRequestDto, requestId: string): Promise<KubectlCommandResponseDto> {
    const startedAt = new Date();
    const dryRun = request.dry_run ?? false;
    this.execution.assertExecutionEnabled();
    const verdict = this.judge(request.execute, dryRun);
    const report = await this.execution.run(this.execution.approvedOrThrow(verdict));
    return this.respond({ command: request.execute.trim(), verdict, generation: null, report, dryRun, startedAt, requestId });
  }

  private judge(command: string, dryRun: boolean): Verdict {
    const verdict = this.policy.evaluate(command, { dryRun });
    this.metrics.recordVerdict(verdict.decision, verdict.code);
    return verdict;
  }

  private respond(parts: {
    command: string;
    verdict: Verdict;
    generation: Generation | null;
    report: ExecutionReport | null;
    dryRun: boolean;
    startedAt: Date;
    requestId: string;
  }): KubectlCommandResponseDto {
    const { verdict, generation, report, startedAt } = parts;
    const endedAt = new Date();
    const outcome = report?.outcome;
    return {
      kubectl_command: parts.command,
      execution_result: report?.execution_result ?? null,
      execution_error: report?.execution_error ?? null,
      from_cache: generation?.fromCache ?? false,
      safety: toSafetyDto(verdict),
      request_id: parts.requestId,
      metadata: {
        start_time: startedAt.toISOString(),
        end_time: endedAt.toISOString(),
        duration_ms: endedAt.getTime() - startedAt.getTime(),
        success: outcome ? outcome.success && !outcome.timedOut : true,
        executed: report !== null,
        dry_run: parts.dryRun,
        ...(generation ? { model: generation.model, coalesced: generation.coalesced } : {}),
        ...(outcome
          ? {
              exit_code: outcome.exitCode,
              truncated: outcome.truncated,
              ...(outcome.error ? { error_type: outcome.error.type, error_code: outcome.error.code } : {}),
            }
          : {}),
      },
    };
  }
}

function toSafetyDto(verdict: Verdict): SafetyVerdictDto {
  return { decision: verdict.decision, code: verdict.code, message: verdict.message, argv: [...verdict.argv] };
}
