import { Injectable } from '@nestjs/common';
import { AppConfig, InjectAppConfig } from '@app/config';
import { MetricsService } from '@app/metrics';
import { CommandPolicy, Verdict } from '@app/safety';
import { ATTRIBUTES, SPAN_NAMES, traced } from '@app/tracing';
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
import { withinRequestTrace } from '../tracing/request-trace';

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
    @InjectAppConfig() private readonly config: AppConfig,
  ) {}

  /** The query is in the request's trace only when the operator opted in (OTEL_RECORD_QUERY). */
  fromQuery(request: KubectlCommandRequestDto, context: RequestContext, endpoint: AuditEndpoint = '/kubectl-command'): Promise<KubectlCommandResponseDto> {
    if (this.config.tracing.recordQuery) context.trace?.span.setAttribute(ATTRIBUTES.QUERY, request.query);
    return withinRequestTrace(context, () => this.generateFor(request, context, endpoint));
  }

  execute(request: ExecuteRequestDto, context: RequestContext, endpoint: AuditEndpoint = '/execute'): Promise<KubectlCommandResponseDto> {
    return withinRequestTrace(context, () => this.executeFor(request, context, endpoint));
  }

  private async generateFor(request: KubectlCommandRequestDto, context: RequestContext, endpoint: AuditEndpoint): Promise<KubectlCommandResponseDto> {
    const startedAt = new Date();
    const dryRun = request.dry_run ?? false;
    // No LLM tokens are spent on a request that could not run anyway.
    if (request.execute) this.execution.assertEnabled(scopeOf(context));
    const generation = await this.generation.generate(request.query, dryRun, scopeOf(context));
    const asked: Asked = { endpoint, command: generation.command, query: request.query, dryRun, startedAt };
    const verdict = await this.judgeTraced({ dryRun, fromCache: generation.fromCache }, () => this.judgeForCaller(generation.verdict, asked, context));
    const judged = this.judged({ ...asked, verdict });
    if (!isShowable(judged.verdict)) this.deny(judged, context, 'generation');
    if (!request.execute) {
      this.audit.record(judged, context, null);
      return toResponse({ ...judged, generation, report: null, requestId: context.requestId });
    }
    return this.run(judged, generation, context);
  }

  private async executeFor(request: ExecuteRequestDto, context: RequestContext, endpoint: AuditEndpoint): Promise<KubectlCommandResponseDto> {
    const startedAt = new Date();
    const dryRun = request.dry_run ?? false;
    this.execution.assertEnabled(scopeOf(context));
    const command = request.execute.trim();
    const asked: Asked = { endpoint, command, query: null, dryRun, startedAt };
    const verdict = await this.judgeTraced({ dryRun, fromCache: false }, () =>
      this.judgeForCaller(this.policy.evaluate(command, { dryRun }), asked, context),
    );
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
   * The judgement as one span: the policy's verdict (judged now, or carried with a generation),
   * the caller's scope and the cluster check. Decision and code only: a denied command may carry
   * credentials (`--token=...`), so its words stay out of the trace.
   */
  private judgeTraced(options: { dryRun: boolean; fromCache: boolean }, judge: () => Promise<Verdict>): Promise<Verdict> {
    return traced(SPAN_NAMES.POLICY_EVALUATE, {}, async (span) => {
      const verdict = await judge();
      span.setAttributes({
        [ATTRIBUTES.POLICY_DECISION]: verdict.decision,
        [ATTRIBUTES.POLICY_CODE]: verdict.code,
        [ATTRIBUTES.POLICY_DRY_RUN]: options.dryRun,
        [ATTRIBUTES.POLICY_FROM_CACHE]: options.fromCache,
      });
      return verdict;
    });
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
