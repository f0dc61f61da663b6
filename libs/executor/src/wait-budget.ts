/**
 * How long kubectl may wait on its own (`--timeout` of `wait` and `rollout status`) so that it gives
 * up and reports before the executor kills it at `timeoutMs`: 10 % less, at least 1 s less (time to
 * start, discover and answer), but never less than half of it.
 */
export function kubectlWaitBudgetMs(timeoutMs: number): number {
  const margin = Math.min(Math.max(1_000, timeoutMs / 10), timeoutMs / 2);
  return Math.max(1, Math.floor(timeoutMs - margin));
}
