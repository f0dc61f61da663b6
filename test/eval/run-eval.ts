/**
 * `npm run eval -- [--tasks FILE] [--runs N] [--concurrency N] [--out FILE] [--filter CATEGORY]`:
 * asks the configured model (OPENAI_BASE_URL, OPENAI_MODEL, OPENAI_API_KEY, LLM_TIMEOUT, as the
 * service reads them) for each task's command, judges it with the service's policy, runs it and
 * the task's reference with the real kubectl against recording fake clusters, and scores a task by
 * whether both made the same API requests. `--compare a.json b.json` diffs two reports.
 * Exit code 0 whenever the run completed; 2 for usage errors, unusable task files or a failed setup.
 */
import { writeFileSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { ConfigError, loadAppConfig, readEnvironment } from '@app/config';
import { CommandPolicy } from '@app/safety';
import { KubectlCommandGenerator } from '@app/llm';
import { EvalWorker } from './eval-cluster';
import { EvalPolicy } from './eval-policy';
import { parseEvalArgs, USAGE, UsageError } from './eval-options';
import { EvalReport, readReport, renderComparison, renderSummary, summarize } from './eval-report';
import { runTasks } from './eval-runner';
import { EvalScorer } from './eval-scorer';
import { readTasks, TaskFileError } from './eval-task';

/** Longest a kubectl run may take; `rollout status` and `wait` are lowered to the policy's wait limit below it. */
const KUBECTL_TIMEOUT_MS = 20_000;
const MAX_WAIT_MS = 5_000;

class SetupError extends Error {}

function progressReporter(): (done: number, total: number) => void {
  if (process.stderr.isTTY) {
    return (done, total) => {
      const width = 30;
      const filled = Math.round((width * done) / total);
      process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${done === total ? '\n' : ''}`);
    };
  }
  return (done, total) => process.stderr.write(`eval: ${done}/${total} runs done\n`);
}

async function startWorkers(count: number, kubectlPath: string): Promise<EvalWorker[]> {
  const started = await Promise.allSettled(Array.from({ length: count }, () => EvalWorker.start(kubectlPath, KUBECTL_TIMEOUT_MS)));
  const workers = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failure = started.find((result) => result.status === 'rejected');
  if (failure) {
    await Promise.all(workers.map((worker) => worker.stop()));
    throw new SetupError(`cannot start the fixture cluster: ${String(failure.reason instanceof Error ? failure.reason.message : failure.reason)}`);
  }
  return workers;
}

async function main(argv: readonly string[]): Promise<number> {
  const command = parseEvalArgs(argv);
  if (command.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (command.kind === 'compare') {
    process.stdout.write(`${renderComparison(readReport(command.a), readReport(command.b), [command.a, command.b])}\n`);
    return 0;
  }
  const tasks = readTasks(command.tasks).filter((task) => command.filter === null || task.category === command.filter);
  if (tasks.length === 0) throw new UsageError(`no task has category ${JSON.stringify(command.filter)}`);
  const config = loadAppConfig(readEnvironment(process.env));
  Logger.overrideLogger(false);
  const generator = new KubectlCommandGenerator({ ...config.llm });
  if (!generator.configured) throw new SetupError('no LLM endpoint is configured: set OPENAI_BASE_URL (Ollama, vLLM...) or OPENAI_API_KEY (OpenAI)');
  const workers = await startWorkers(Math.min(command.concurrency, tasks.length * command.runs), config.execution.kubectlPath);
  // The model sees the fixture cluster as the service shows a cluster: the same discovery context.
  const denied = new CommandPolicy({ allowWrites: false, deniedResources: config.safety.deniedResources });
  const context = await workers[0].promptContext(denied, config.discovery.promptTokens);
  const scorer = new EvalScorer(new EvalPolicy(MAX_WAIT_MS), (prompt) => generator.generate(prompt, { context }));
  const stop = (): void => void Promise.all(workers.map((worker) => worker.stop())).finally(() => process.exit(130));
  process.once('SIGINT', stop);
  let report: EvalReport;
  try {
    process.stderr.write(`eval: ${tasks.length} tasks x ${command.runs} run(s) with ${generator.model}\n`);
    const results = await runTasks({ tasks, runs: command.runs, workers, scorer, onRun: progressReporter() });
    report = { date: new Date().toISOString(), model: generator.model, runs: command.runs, summary: summarize(results), tasks: results };
  } finally {
    process.removeListener('SIGINT', stop);
    await Promise.all(workers.map((worker) => worker.stop()));
  }
  if (command.out) writeFileSync(command.out, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${renderSummary(report)}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof UsageError || error instanceof TaskFileError || error instanceof SetupError || error instanceof ConfigError;
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    process.stderr.write(`eval: ${known ? '' : 'setup failed: '}${message}\n${error instanceof UsageError ? `${USAGE}\n` : ''}`);
    process.exit(2);
  },
);
