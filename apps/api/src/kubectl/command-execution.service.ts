import { Injectable, OnModuleInit } from '@nestjs/common';
import { AppConfig, InjectAppConfig } from '@app/config';
import { ExecutionOutcome, KubectlExecutor } from '@app/executor';
import { ExecutionMetricOutcome, MetricsService } from '@app/metrics';
import { ApprovedCommand } from '@app/safety';
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
    this.enabled = config.auth.apiKeys.length > 0 || config.auth.allowUnauthenticatedExecution;
  }

  onModuleInit(): void {
    this.metrics.observeExecutorLoad(() => this.executor.load);
  }

  /** Fails fast, before any work, when execution is off; `run` checks it again whatever the caller did. */
  assertEnabled(): void {
    if (!this.enabled) throw new ApiException(ApiErrorCode.EXECUTION_DISABLED, API_ERROR_MESSAGES.EXECUTION_DISABLED);
  }

  /** `caller` is the caller's bucket (its key, else its address): slots are shared fairly between buckets. */
  async run(command: ApprovedCommand, caller: string): Promise<ExecutionReport> {
    this.assertEnabled();
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
