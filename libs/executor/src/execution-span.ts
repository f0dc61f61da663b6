import { ATTRIBUTES, markFailed, Span } from '@app/tracing';
import { ExecutionOutcome } from './execution-outcome';

/**
 * What a `kubectl.execute` span records of a run: exit code, duration, truncation, timeout and the
 * time spent waiting for a slot. Never stdout or stderr: command output stays out of telemetry.
 */
export function recordOutcome(span: Span, outcome: ExecutionOutcome, queuedMs: number): void {
  span.setAttributes({
    [ATTRIBUTES.KUBECTL_DURATION_MS]: outcome.durationMs,
    [ATTRIBUTES.KUBECTL_QUEUED_MS]: Math.round(queuedMs),
    [ATTRIBUTES.KUBECTL_TRUNCATED]: outcome.truncated,
    [ATTRIBUTES.KUBECTL_TIMED_OUT]: outcome.timedOut,
  });
  if (outcome.exitCode !== null) {
    span.setAttributes({ [ATTRIBUTES.KUBECTL_EXIT_CODE]: outcome.exitCode, [ATTRIBUTES.PROCESS_EXIT_CODE]: outcome.exitCode });
  }
  if (outcome.error) markFailed(span, outcome.error.code);
}
