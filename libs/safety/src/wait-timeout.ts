import { durationSeconds } from './flag-values';
import { CommandLine, VerbRule } from './verb-rule';

/** What kubectl does without `--timeout`, and with `--timeout=0`, for the verbs that wait. */
interface WaitingVerb {
  readonly defaultSeconds: number;
  readonly zeroWaitsForever: boolean;
}

const WAITING_VERBS: ReadonlyMap<string, WaitingVerb> = new Map([
  // `kubectl wait`: 30 s by default; 0 checks once.
  ['wait', { defaultSeconds: 30, zeroWaitsForever: false }],
  // `kubectl rollout status`: waits for the rollout however long it takes; 0 means never give up.
  ['rollout status', { defaultSeconds: Infinity, zeroWaitsForever: true }],
]);

/** The one rewrite the policy makes besides pinning a namespace: a shorter `--timeout`. */
export interface LoweredTimeout {
  /** Appended to the argv: kubectl takes the last `--timeout` it is given. */
  readonly word: string;
  readonly reason: string;
}

/**
 * Lowers the `--timeout` of `kubectl wait` and `kubectl rollout status` to `maxWaitMs` when the
 * command would wait longer (explicitly, or by kubectl's default), so that kubectl gives up and
 * reports on its own before the executor kills it. Never raises a timeout.
 */
export function lowerWaitTimeout(rule: VerbRule, line: CommandLine, maxWaitMs: number | null): LoweredTimeout | undefined {
  const waiting = WAITING_VERBS.get(rule.verb);
  if (!waiting || maxWaitMs === null) return undefined;
  if (rule.verb === 'rollout status' && line.last('watch') === 'false') return undefined; // it answers at once
  const given = line.last('timeout');
  const seconds = given === undefined ? waiting.defaultSeconds : durationSeconds(given);
  if (seconds === undefined) return undefined; // the flag table already refused it
  const waitsMs = seconds === 0 && waiting.zeroWaitsForever ? Infinity : seconds * 1000;
  if (waitsMs <= maxWaitMs) return undefined;
  const cap = maxWaitMs % 1000 === 0 ? `${maxWaitMs / 1000}s` : `${maxWaitMs}ms`;
  return { word: `--timeout=${cap}`, reason: `its --timeout is lowered to ${cap} so that it ends before the execution timeout` };
}
