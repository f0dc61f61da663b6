import { Injectable, OnModuleInit } from '@nestjs/common';
import { AppConfig, InjectAppConfig } from '@app/config';
import { ExecutionOutcome, KubectlExecutor } from '@app/executor';
import { ExecutionMetricOutcome, MetricsService } from '@app/metrics';
import { ApprovedCommand } from '@app/safety';
import { CallerScope } from '../auth/caller';
import { CallerIdentity } from '../context/request-context';
import { ApiErrorCode, ApiException } from '../errors/api-error-code';
import { API_ERROR_MESSAGES } from '../errors/error-messages';
import { ExecutionErrorDto, ExecutionResultDto } from './dto/kubectl-command-response.dto';

export interface ExecutionReport {
  readonly execution_result: ExecutionResultDto | null;
  readonly execution_error: ExecutionErrorDto | null;
  readonly outcome: ExecutionOutcome;
}

/** Runs approved commands, behind the one gate that decides whether this deployment runs anything. */
@Injectable()
export class CommandExecutionService implements OnModuleInit {
  private readonly enabled: boolean;

  constructor(
    @InjectAppConfig() config: AppConfig,
    private readonly executor: KubectlExecutor,
    private readonly metrics: MetricsService,
  ) {
    // Execution needs authenticated callers unless the operator opted out explicitly.
    this.enabled = config.auth.apiKeys.length > 0 || config.auth.keysFile !== null || config.auth.allowUnauthenticatedExecution;
  }

  onModuleInit(): void {
    this.metrics.observeExecutorLoad(() => this.executor.load);
  }

  /**
   * Fails fast, before any work, when this deployment runs nothing or this caller may only
   * generate; `run` checks it again whatever its caller did.
   */
  assertEnabled(scope: CallerScope | null): void {
    if (!this.enabled) throw new ApiException(ApiErrorCode.EXECUTION_DISABLED, API_ERROR_MESSAGES.EXECUTION_DISABLED);
    if (scope && !scope.execute) {
      throw new ApiException(ApiErrorCode.SCOPE_DENIED, `caller ${scope.id} may not run commands (execute is false): it may only generate them`);
    }
  }

  /** Slots are shared fairly between callers' buckets (their key, else their address). */
  async run(command: ApprovedCommand, caller: CallerIdentity): Promise<ExecutionReport> {
    this.assertEnabled(caller.scope);
    const outcome = await this.executor.run(command, { caller: caller.bucket, impersonate: caller.scope?.impersonate ?? null });
    this.metrics.recordExecution(metricOutcome(outcome), caller.id, outcome.durationMs / 1000);
    return {
      execution_result: outcome.result ? { ...outcome.result, ...(outcome.truncated ? { truncated: true } : {}) } : null,
      execution_error: outcome.error
        ? { type: outcome.error.type, code: outcome.error.code, message: outcome.error.message, exit_code: outcome.error.exitCode }
        : null,
      outcome,
    };
  }
}

function metricOutcome(outcome: ExecutionOutcome): ExecutionMetricOutcome {
  if (outcome.timedOut) return 'timeout';
  if (outcome.truncated) return 'truncated';
  return outcome.success ? 'success' : 'error';
}
