import { Injectable } from '@nestjs/common';
import { MetricsService } from '@app/metrics';
import { CommandPolicy, Verdict, VerdictCode } from '@app/safety';
import { AuditLog } from '../audit/audit-log';
import { CallerContext } from '../audit/caller.decorator';
import { CommandDeniedException } from '../errors/command-denied.exception';
import { CommandExecutionService, ExecutionReport } from './command-execution.service';
import { CommandGenerationService, Generation } from './command-generation.service';
import { ExecuteRequestDto } from './dto/execute-request.dto';
import { KubectlCommandRequestDto } from './dto/kubectl-command-request.dto';
import { KubectlCommandResponseDto } from './dto/kubectl-command-response.dto';
import { toResponse } from './kubectl-command.response';

/** Writes that may not run here (writes off, or no dry run for the verb) are still shown to the user. */
const SHOWABLE_DENIALS: ReadonlySet<VerdictCode> = new Set([VerdictCode.WRITES_DISABLED, VerdictCode.DRY_RUN_UNSUPPORTED]);

/** Every other denial of a generated command is an error. */
function isShowable(verdict: Verdict): boolean {
  return verdict.decision !== 'deny' || SHOWABLE_DENIALS.has(verdict.code);
}

interface Judged {
  readonly command: string;
  readonly verdict: Verdict;
  readonly query: string | null;
  readonly dryRun: boolean;
  readonly startedAt: Date;
}

/** The request path: cache/LLM -> safety policy -> (optionally) kubectl, with an audit line for each command. */
@Injectable()
export class KubectlCommandService {
  constructor(
    private readonly generation: CommandGenerationService,
    private readonly policy: CommandPolicy,
    private readonly execution: CommandExecutionService,
    private readonly metrics: MetricsService,
    private readonly audit: AuditLog,
  ) {}

  async fromQuery(request: KubectlCommandRequestDto, caller: CallerContext): Promise<KubectlCommandResponseDto> {
    const startedAt = new Date();
    const dryRun = request.dry_run ?? false;
    if (request.execute) this.execution.assertExecutionEnabled();

    const generation = await this.generation.generate(request.query, (command) =>
      isShowable(this.policy.evaluate(command, { dryRun })),
    );
    const judged = this.judge({ command: generation.command, query: request.query, dryRun, startedAt });
    if (!isShowable(judged.verdict)) this.deny(judged, caller, '/kubectl-command', 'generation');
    if (!request.execute) {
      this.record(judged, caller, '/kubectl-command', null);
      return toResponse({ ...judged, generation, report: null, requestId: caller.requestId });
    }
    return this.run(judged, generation, caller, '/kubectl-command');
  }

  async execute(request: ExecuteRequestDto, caller: CallerContext): Promise<KubectlCommandResponseDto> {
    const startedAt = new Date();
    this.execution.assertExecutionEnabled();
    const judged = this.judge({ command: request.execute.trim(), query: null, dryRun: request.dry_run ?? false, startedAt });
    return this.run(judged, null, caller, '/execute');
  }

  private async run(
    judged: Judged,
    generation: Generation | null,
    caller: CallerContext,
    endpoint: '/kubectl-command' | '/execute',
  ): Promise<KubectlCommandResponseDto> {
    if (!judged.verdict.approved) {
      this.metrics.recordExecution('denied');
      this.deny(judged, caller, endpoint, 'execution');
    }
    const report = await this.execution.run(judged.verdict.approved, caller.bucket);
    this.record(judged, caller, endpoint, report);
    return toResponse({ ...judged, generation, report, requestId: caller.requestId });
  }

  private judge(parts: Omit<Judged, 'verdict'>): Judged {
    const verdict = this.policy.evaluate(parts.command, { dryRun: parts.dryRun });
    this.metrics.recordVerdict(verdict.decision, verdict.code);
    return { ...parts, verdict };
  }

  private deny(judged: Judged, caller: CallerContext, endpoint: '/kubectl-command' | '/execute', at: 'generation' | 'execution'): never {
    this.record(judged, caller, endpoint, null);
    throw new CommandDeniedException(judged.verdict, at);
  }

  private record(judged: Judged, caller: CallerContext, endpoint: '/kubectl-command' | '/execute', report: ExecutionReport | null): void {
    const outcome = report?.outcome;
    this.audit.record({
      request_id: caller.requestId,
      caller: caller.caller,
      endpoint,
      query: judged.query,
      command: judged.command,
      decision: judged.verdict.decision,
      code: judged.verdict.code,
      dry_run: judged.dryRun,
      executed: report !== null,
      exit_code: outcome?.exitCode ?? null,
      outcome: outcome ? (outcome.error?.code ?? 'success') : null,
      duration_ms: Date.now() - judged.startedAt.getTime(),
    });
  }
}
