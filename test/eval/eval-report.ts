/** Scores per category and overall, the JSON report, and the difference between two reports. */
import { readFileSync } from 'node:fs';
import type { TaskResult } from './eval-runner';

export interface CategoryScore {
  readonly category: string;
  readonly tasks: number;
  /** Share of runs that passed (the mean of pass@1 over runs). */
  readonly passAt1: number;
  /** Share of tasks whose every run passed. */
  readonly passHatK: number;
  readonly refusals: number;
  readonly unparseable: number;
  readonly policyDenials: number;
  readonly modelErrors: number;
  readonly medianLatencyMs: number;
  readonly tokens: number;
}

export interface EvalReport {
  readonly date: string;
  readonly model: string;
  readonly runs: number;
  readonly summary: CategoryScore[];
  readonly tasks: TaskResult[];
}

export const OVERALL = 'overall';

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : Math.round((sorted[middle - 1] + sorted[middle]) / 2);
}

function score(category: string, tasks: readonly TaskResult[]): CategoryScore {
  const runs = tasks.flatMap((task) => task.runs);
  const count = (outcome: string): number => runs.filter((run) => run.outcome === outcome).length;
  return {
    category,
    tasks: tasks.length,
    passAt1: runs.length ? runs.filter((run) => run.passed).length / runs.length : 0,
    passHatK: tasks.length ? tasks.filter((task) => task.passed).length / tasks.length : 0,
    refusals: count('refused'),
    unparseable: count('unparseable'),
    policyDenials: count('denied'),
    modelErrors: count('error'),
    medianLatencyMs: median(runs.map((run) => run.latency_ms)),
    tokens: runs.reduce((sum, run) => sum + run.tokens, 0),
  };
}

export function summarize(tasks: readonly TaskResult[]): CategoryScore[] {
  const categories = [...new Set(tasks.map((task) => task.category))].sort();
  return [...categories.map((category) => score(category, tasks.filter((task) => task.category === category))), score(OVERALL, tasks)];
}

const percent = (value: number): string => `${(100 * value).toFixed(1)}%`;

function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i].length)));
  const line = (row: string[]): string => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

export function renderSummary(report: EvalReport): string {
  const k = report.runs;
  const header = ['category', 'tasks', 'pass@1', `pass^${k}`, 'refusals', 'unparseable', 'denied', 'errors', 'median ms', 'tokens'];
  const rows = report.summary.map((s) => [
    s.category, String(s.tasks), percent(s.passAt1), percent(s.passHatK), String(s.refusals), String(s.unparseable),
    String(s.policyDenials), String(s.modelErrors), String(s.medianLatencyMs), String(s.tokens),
  ]);
  return `model ${report.model}, ${k} run(s) per task\n${table(header, rows)}`;
}

/** Reads a report written by --out; throws with a one-line message when it is not one. */
export function readReport(path: string): EvalReport {
  const report = JSON.parse(readFileSync(path, 'utf8')) as EvalReport;
  if (!Array.isArray(report?.tasks)) throw new Error(`${path} is not an eval report (no "tasks" list)`);
  return { ...report, summary: summarize(report.tasks) };
}

/** Per-category pass@1 and pass^k of two reports, and b minus a in points. */
export function renderComparison(a: EvalReport, b: EvalReport, names: [string, string]): string {
  const categories = [...new Set([...a.summary, ...b.summary].map((s) => s.category))].filter((c) => c !== OVERALL).sort();
  const find = (report: EvalReport, category: string): CategoryScore | undefined => report.summary.find((s) => s.category === category);
  const cell = (s: CategoryScore | undefined, field: 'passAt1' | 'passHatK'): string => (s ? percent(s[field]) : '-');
  const delta = (x: CategoryScore | undefined, y: CategoryScore | undefined): string => {
    if (!x || !y) return '-';
    const points = 100 * (y.passAt1 - x.passAt1);
    return `${points >= 0 ? '+' : ''}${points.toFixed(1)}`;
  };
  const rows = [...categories, OVERALL].map((category) => {
    const x = find(a, category);
    const y = find(b, category);
    return [category, cell(x, 'passAt1'), cell(y, 'passAt1'), delta(x, y), cell(x, 'passHatK'), cell(y, 'passHatK')];
  });
  return `a: ${names[0]} (${a.model})\nb: ${names[1]} (${b.model})\n${table(['category', 'pass@1 a', 'pass@1 b', 'Δ points', 'pass^k a', 'pass^k b'], rows)}`;
}
