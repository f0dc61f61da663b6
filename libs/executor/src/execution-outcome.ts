import { ExecutionResult } from './output/execution-result';

export type ExecutionErrorType = 'exit' | 'timeout' | 'truncated' | 'spawn';

/** Why a run did not succeed. `code` is stable: KUBECTL_EXIT_<n>, KUBECTL_SIGNAL_<SIG>, EXECUTION_TIMEOUT, OUTPUT_TRUNCATED, SPAWN_FAILED. */
export interface ExecutionErrorInfo {
  readonly type: ExecutionErrorType;
  readonly code: string;
  /** kubectl's stderr (trimmed, capped), or a sentence saying what we did. */
  readonly message: string;
  readonly exitCode: number | null;
}

/**
 * The result of one kubectl run. A failing command is an outcome, not an exception.
 * - `success` is true exactly when kubectl exited 0 by itself (not stopped by us).
 * - `truncated` says output was dropped at the cap. If kubectl had already exited when the cap was
 *   passed, the run can still be a success; if it was still running it was killed, `success` is
 *   false and `error.type` is 'truncated'.
 * - `timedOut`: killed after the timeout (`error.type` 'timeout').
 * - `result` is null only when kubectl could not be started; incomplete output (timed out or
 *   truncated) is always given as text, since a fragment of JSON or of a table would mislead.
 */
export interface ExecutionOutcome {
  readonly success: boolean;
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly truncated: boolean;
  readonly timedOut: boolean;
  /** ISO 8601. */
  readonly startTime: string;
  readonly endTime: string;
  readonly durationMs: number;
  readonly result: ExecutionResult | null;
  readonly error: ExecutionErrorInfo | null;
}

/** Gauge-friendly view of the executor's load. */
export interface ExecutorLoad {
  readonly running: number;
  readonly queued: number;
  readonly concurrency: number;
  readonly queueLimit: number;
}
