import { OutputFormat } from '@app/safety';
import { ExecutionErrorInfo, ExecutionOutcome } from './execution-outcome';
import { formatKubectlOutput } from './output/output-formatter';
import { SupervisedRun } from './process-supervisor';

/** Keeps error messages readable in a JSON response and in logs. */
const MAX_ERROR_MESSAGE_CHARS = 2_000;

export interface RunContext {
  /** How the approved command prints, as the policy decided. */
  readonly format: OutputFormat;
  readonly startedAt: number;
  readonly endedAt: number;
  readonly timeoutMs: number;
  readonly maxOutputBytes: number;
}

/** Turns what happened to the process into the outcome callers see (see ExecutionOutcome for the rules). */
export function buildOutcome(run: SupervisedRun, context: RunContext): ExecutionOutcome {
  const error = describeFailure(run, context);
  // A fragment of JSON or of a table would mislead, so incomplete output stays text.
  const incomplete = run.timedOut || run.truncated;
  return {
    success: error === null,
    exitCode: run.exitCode,
    signal: run.signal,
    stdout: run.stdout,
    stderr: run.stderr,
    truncated: run.truncated,
    timedOut: run.timedOut,
    startTime: new Date(context.startedAt).toISOString(),
    endTime: new Date(context.endedAt).toISOString(),
    durationMs: context.endedAt - context.startedAt,
    result: run.spawnError
      ? null
      : incomplete
        ? { type: 'text', data: run.stdout, raw: run.stdout }
        : formatKubectlOutput(context.format, run.stdout),
    error,
  };
}

function describeFailure(run: SupervisedRun, context: RunContext): ExecutionErrorInfo | null {
  const exitCode = run.exitCode;
  if (run.spawnError) {
    const reason = (run.spawnError as NodeJS.ErrnoException).code ?? run.spawnError.message;
    return { type: 'spawn', code: 'SPAWN_FAILED', message: `kubectl could not be started (${reason})`, exitCode };
  }
  if (run.timedOut) {
    const seconds = context.timeoutMs / 1000;
    return { type: 'timeout', code: 'EXECUTION_TIMEOUT', message: `kubectl did not finish within ${seconds} s and was stopped`, exitCode };
  }
  if (run.stoppedForOutput) {
    const message = `kubectl printed more than ${context.maxOutputBytes} bytes and was stopped; the output is cut at that size`;
    return { type: 'truncated', code: 'OUTPUT_TRUNCATED', message, exitCode };
  }
  if (exitCode === 0) return null;
  if (exitCode === null) {
    const signal = run.signal ?? 'UNKNOWN';
    return { type: 'exit', code: `KUBECTL_SIGNAL_${signal}`, message: summarize(run.stderr) ?? `kubectl was terminated by ${signal}`, exitCode };
  }
  return { type: 'exit', code: `KUBECTL_EXIT_${exitCode}`, message: summarize(run.stderr) ?? `kubectl exited with code ${exitCode}`, exitCode };
}

function summarize(stderr: string): string | undefined {
  const trimmed = stderr.trim();
  if (trimmed === '') return undefined;
  return trimmed.length <= MAX_ERROR_MESSAGE_CHARS ? trimmed : `${trimmed.slice(0, MAX_ERROR_MESSAGE_CHARS)}…`;
}
