import { Verdict } from '@app/safety';
import { ExecutionReport } from './command-execution.service';
import { Generation } from './command-generation.service';
import { CommandRisk, KubectlCommandResponseDto } from './dto/kubectl-command-response.dto';

export interface ResponseParts {
  readonly command: string;
  readonly verdict: Verdict;
  readonly generation: Generation | null;
  readonly report: ExecutionReport | null;
  readonly dryRun: boolean;
  readonly startedAt: Date;
  readonly requestId: string;
}

/** The original service's response fields, plus the verdict, the request id and timing metadata. */
export function toResponse(parts: ResponseParts): KubectlCommandResponseDto {
  const { verdict, generation, report, startedAt } = parts;
  const endedAt = new Date();
  const outcome = report?.outcome;
  return {
    kubectl_command: parts.command,
    execution_result: report?.execution_result ?? null,
    execution_error: report?.execution_error ?? null,
    from_cache: generation?.fromCache ?? false,
    safety: { decision: verdict.decision, code: verdict.code, message: verdict.message, argv: [...verdict.argv] },
    risk: riskOf(verdict),
    explanation: generation?.explanation ?? null,
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

/** What running the command would do: a client dry run is a read, a server dry run is a dry run. */
export function riskOf(verdict: Verdict): CommandRisk {
  if (verdict.decision === 'deny') return 'denied';
  if (verdict.decision === 'read') return 'read';
  return verdict.approved?.dryRun ? 'dry-run' : 'write';
}
