import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { writeFile } from 'node:fs/promises';

export type Comparison = '>=' | '<=' | '<' | '=';

export interface Target {
  readonly comparison: Comparison;
  readonly value: number;
}

/** One printed line: a measured value, its target if it has one, and whether it met it. */
export interface Figure {
  readonly id: string;
  readonly label: string;
  readonly value: number;
  readonly unit: string;
  readonly target?: Target;
  readonly status: 'PASS' | 'MISS' | 'INFO';
}

export function figure(id: string, label: string, value: number, unit: string, target?: Target): Figure {
  return { id, label, value, unit, target, status: target ? (meets(value, target) ? 'PASS' : 'MISS') : 'INFO' };
}

function meets(value: number, { comparison, value: goal }: Target): boolean {
  switch (comparison) {
    case '>=':
      return value >= goal;
    case '<=':
      return value <= goal;
    case '<':
      return value < goal;
    case '=':
      return value === goal;
  }
}

/** What one measurement contributes to the report. */
export interface Measured {
  readonly figures: Figure[];
  readonly details: Record<string, unknown>;
}

export interface Machine {
  readonly cores: number;
  readonly cpuModel: string;
  readonly node: string;
  readonly os: string;
  readonly memoryMiB: number;
  readonly loadAverageAtStart: readonly number[];
}

export function describeMachine(): Machine {
  const cores = cpus();
  return {
    cores: cores.length,
    cpuModel: cores[0]?.model.trim() ?? 'unknown',
    node: process.version,
    os: `${platform()} ${release()}`,
    memoryMiB: Math.round(totalmem() / 1024 / 1024),
    loadAverageAtStart: loadavg().map((value) => Math.round(value * 100) / 100),
  };
}

export interface BenchReport {
  readonly date: string;
  readonly machine: Machine;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly figures: readonly Figure[];
  /** Raw per-round numbers behind the figures. */
  readonly details: Readonly<Record<string, unknown>>;
}

const format = (value: number): string => (Number.isInteger(value) ? String(value) : value.toFixed(2));

/** The report as a plain-text table. */
export function renderReport(report: BenchReport): string {
  const { machine } = report;
  const rows = report.figures.map((f) => [
    f.id,
    f.label,
    `${format(f.value)} ${f.unit}`.trim(),
    f.target ? `${f.target.comparison} ${format(f.target.value)} ${f.unit}`.trim() : '-',
    f.status,
  ]);
  const header = ['id', 'figure', 'value', 'target', 'result'];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
  const passed = report.figures.filter((f) => f.status === 'PASS').length;
  const missed = report.figures.filter((f) => f.status === 'MISS').length;
  return [
    `kubectl-agent bench, ${report.date}`,
    `machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryMiB} MiB, ${machine.os}, node ${machine.node}, load average at start ${machine.loadAverageAtStart.join(' ')}`,
    '',
    line(header),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map(line),
    '',
    `${passed} PASS, ${missed} MISS`,
  ].join('\n');
}

export async function writeReport(path: string, report: BenchReport): Promise<void> {
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
}
