/** Runs every task `runs` times on a pool of workers, one fake cluster each. */
import { EvalWorker } from './eval-cluster';
import { EvalScorer, RunResult } from './eval-scorer';
import type { EvalTask } from './eval-task';

export interface TaskResult {
  readonly id: string;
  readonly category: string;
  readonly prompt: string;
  readonly expect: 'pass' | 'refuse';
  readonly runs: RunResult[];
  /** Every run passed. */
  readonly passed: boolean;
}

export interface RunPlan {
  readonly tasks: readonly EvalTask[];
  readonly runs: number;
  readonly workers: readonly EvalWorker[];
  readonly scorer: EvalScorer;
  readonly context?: string;
  /** Called after each run, for progress. */
  readonly onRun?: (done: number, total: number) => void;
}

export async function runTasks(plan: RunPlan): Promise<TaskResult[]> {
  const jobs = plan.tasks.flatMap((task, index) => Array.from({ length: plan.runs }, (_, run) => ({ task, index, run })));
  const results: RunResult[][] = plan.tasks.map(() => []);
  let next = 0;
  let done = 0;
  const work = async (worker: EvalWorker): Promise<void> => {
    while (next < jobs.length) {
      const { task, index, run } = jobs[next++];
      results[index][run] = await safely(() => plan.scorer.runOnce(task, worker, plan.context));
      plan.onRun?.(++done, jobs.length);
    }
  };
  await Promise.all(plan.workers.map(work));
  return plan.tasks.map((task, index) => ({
    id: task.id,
    category: task.category,
    prompt: task.prompt,
    expect: task.expect,
    runs: results[index],
    passed: results[index].every((run) => run.passed),
  }));
}

/** A failure of the eval itself (kubectl missing, a denied reference) fails the run with its reason; it never stops the others. */
async function safely(run: () => Promise<RunResult>): Promise<RunResult> {
  try {
    return await run();
  } catch (error) {
    return { command: null, passed: false, reason: `eval error: ${error instanceof Error ? error.message : String(error)}`, latency_ms: 0, outcome: 'error', tokens: 0 };
  }
}
