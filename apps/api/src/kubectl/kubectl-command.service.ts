import { Injectable } from '@nestjs/common';
import { MetricsService } from '@app/metrics';
import { CommandPolicy, Verdict } from '@app/safety';
import { AuditedCommand, AuditEndpoint, AuditLog } from '../audit/audit-log';
import { CallerScope } from '../auth/caller';
import { CallerIdentity, RequestContext } from '../context/request-context';
import { ClusterTargetsGate } from '../discovery/cluster-targets.gate';
import { ApiException } from '../errors/api-error-code';
import { CommandDeniedException, DeniedAt } from '../errors/command-denied.exception';
import { CallerScopeGate } from './caller-scope.gate';
import { CommandExecutionService, ExecutionReport } from './command-execution.service';
import { CommandGenerationService, Generation, isShowable } from './command-generation.service';
import { ExecuteRequestDto } from './dto/execute-request.dto';
import { KubectlCommandRequestDto } from './dto/kubectl-command-request.dto';
import { KubectlCommandResponseDto } from './dto/kubectl-command-response.dto';
import { toResponse } from './kubectl-command.response';

/** One command on its way through the request: what was asked, what the policy said (as the audit trail records it). */
export type Judged = AuditedCommand;
type Asked = Omit<Judged, 'verdict' | 'refusal'>;

/** The request path: generation (cache or LLM, judged once) -> optionally kubectl, with an audit line per command. */
@Injectable()
export class KubectlCommandService {
  constructor(
    private readonly generation: CommandGenerationService,
    private readonly policy: CommandPolicy,
    private readonly execution: CommandExecutionService,
    private readonly metrics: MetricsService,
    private readonly audit: AuditLog,
    private readonly scope: CallerScopeGate,
    private readonly cluster: ClusterTargetsGate,
  ) {}

  async fromQuery(request: KubectlCommandRequestDto, context: RequestContext, endpoint: AuditEndpoint = '/kubectl-command'): Promise<KubectlCommandResponseDto> {
    const startedAt = new Date();
    const dryRun = request.dry_run ?? false;
    // No LLM tokens are spent on a request that could not run anyway.
    if (request.execute) this.execution.assertEnabled(scopeOf(context));
    const generation = await this.generation.generate(request.query, dryRun, scopeOf(context));
    const asked: Asked = { endpoint, command: generation.command, query: request.query, dryRun, startedAt };
    const judged = this.judged({ ...asked, verdict: await this.judgeForCaller(generation.verdict, asked, context) });
    if (!isShowable(judged.verdict)) this.deny(judged, context, 'generation');
    if (!request.execute) {
      this.audit.record(judged, context, null);
      return toResponse({ ...judged, generation, report: null, requestId: context.requestId });
    }
    return this.run(judged, generation, context);
  }

  async execute(request: ExecuteRequestDto, context: RequestContext, endpoint: AuditEndpoint = '/execute'): Promise<KubectlCommandResponseDto> {
    const startedAt = new Date();
    const dryRun = request.dry_run ?? false;
    this.execution.assertEnabled(scopeOf(context));
    const command = request.execute.trim();
    const asked: Asked = { endpoint, command, query: null, dryRun, startedAt };
    const verdict = await this.judgeForCaller(this.policy.evaluate(command, { dryRun }), asked, context);
    return this.run(this.judged({ ...asked, verdict }), null, context);
  }

  private async run(judged: Judged, generation: Generation | null, context: RequestContext): Promise<KubectlCommandResponseDto> {
    const approved = judged.verdict.approved;
    if (!approved) {
      this.metrics.recordExecution('denied', context.caller?.id ?? 'anonymous');
      this.deny(judged, context, 'execution');
    }
    const report: ExecutionReport = await this.execution.run(approved, context.caller ?? anonymousAt(context));
    this.audit.record(judged, context, report.outcome);
    return toResponse({ ...judged, generation, report, requestId: context.requestId });
  }

  /**
   * The policy's verdict narrowed to the caller's scope, then checked against the discovered
   * cluster; a type or namespace the cluster does not have is refused there, and audited here.
   */
  private async judgeForCaller(verdict: Verdict, asked: Asked, context: RequestContext): Promise<Verdict> {
    const scoped = this.scope.judge(verdict, asked.command, asked.dryRun, scopeOf(context));
    const withTargets = scoped.targets || !verdict.targets ? scoped : { ...scoped, targets: verdict.targets };
    try {
      return await this.cluster.check(withTargets, scopeOf(context));
    } catch (error) {
      if (error instanceof ApiException) this.audit.record({ ...asked, verdict: withTargets, refusal: error.code }, context, null);
      throw error;
    }
  }

  private judged(judged: Judged): Judged {
    this.metrics.recordVerdict(judged.verdict.decision, judged.verdict.code);
    return judged;
  }

  private deny(judged: Judged, context: RequestContext, at: DeniedAt): never {
    this.audit.record(judged, context, null);
    throw new CommandDeniedException(judged.verdict, at);
  }
}

function scopeOf(context: RequestContext): CallerScope | null {
  return context.caller?.scope ?? null;
}

/** A request nobody identified (authentication off) runs in its address's share. */
function anonymousAt(context: RequestContext): CallerIdentity {
  return { id: 'anonymous', key: 'none', bucket: `ip:${context.clientAddress}`, scope: null };
}
