import { Injectable, OnModuleInit } from '@nestjs/common';
import { AppConfig, InjectAppConfig } from '@app/config';
import { ExecutionOutcome, KubectlExecutor } from '@app/executor';
import { ExecutionMetricOutcome, MetricsService } from '@app/metrics';
import { ApprovedCommand } from '@app/safety';
import { ApiKeyVerifier } from '../auth/api-key.verifier';
import { ApiErrorCode, ApiException } from '../errors/api-error-code';
import { ExecutionErrorDto, ExecutionResultDto } from './dto/kubectl-command-response.dto';

export interface ExecutionReport {
  readonly execution_result: ExecutionResultDto | null;
  readonly execution_error: ExecutionErrorDto | null;
  readonly outcome: ExecutionOutcome;
}

/** Decides whether an approved command may run here, runs it and reports the outcome. */
@Injectable()
export class CommandExecutionService implements OnModuleInit {
  constructor(
    @InjectAppConfig() private readonly config: AppConfig,
    private readonly apiKeys: ApiKeyVerifier,
    private readonly executor: KubectlExecutor,
    private readonly metrics: MetricsService,
  ) {}

  onModuleInit(): void {
    this.metrics.observeExecutorLoad(() => this.executor.load);
  }

  /** Execution needs authenticated callers unless the operator opted out explicitly. */
  assertExecutionEnabled(): void {
    if (!this.apiKeys.enabled && !this.config.auth.allowUnauthenticatedExecution) {
      throw new ApiException(
        403,
        ApiErrorCode.EXECUTION_DISABLED,
        'Execution is disabled because API_AUTH_KEY is not set: set API_AUTH_KEY to require API keys, ' +
          'or set ALLOW_UNAUTHENTICATED_EXECUTION=true to let anyone run approved commands.',
      );
    }
  }

  /** `caller` is the caller's rate-limit bucket: executions are shared fairly between buckets. */
  async run(command: ApprovedCommand, caller: string): Promise<ExecutionReport> {
    const outcome = await this.executor.run(command, { caller });
    this.metrics.recordExecution(metricOutcome(outcome), outcome.durationMs / 1000);
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
