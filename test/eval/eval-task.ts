/** The eval's task file: a YAML or JSON list of requests with the command that answers each. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export const EVAL_CATEGORIES = [
  'pods', 'deployments', 'services', 'logs', 'events', 'rollouts', 'nodes', 'namespaces', 'selectors',
  'output-formats', 'sorting', 'custom-resources', 'dry-run', 'refusals',
] as const;

export interface EvalTask {
  readonly id: string;
  readonly category: string;
  readonly prompt: string;
  /** The command a right answer is equivalent to; null for refusals. */
  readonly reference: string | null;
  readonly compareOutput: boolean;
  readonly expect: 'pass' | 'refuse';
}

/** A task file that cannot be used; the message names the task and the field. */
export class TaskFileError extends Error {
  override readonly name = 'TaskFileError';
}

type RawTask = Record<string, unknown>;

function toTask(raw: unknown, index: number): EvalTask {
  const where = `task #${index + 1}`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new TaskFileError(`${where} is not an object`);
  const task = raw as RawTask;
  const text = (field: string): string => {
    const value = task[field];
    if (typeof value !== 'string' || value.trim() === '') throw new TaskFileError(`${where}: "${field}" must be a non-empty string`);
    return value.trim();
  };
  const id = text('id');
  const expect = task.expect ?? 'pass';
  if (expect !== 'pass' && expect !== 'refuse') throw new TaskFileError(`task ${id}: "expect" must be pass or refuse`);
  const reference = task.reference === null || task.reference === undefined || task.reference === '' ? null : task.reference;
  if (reference !== null && typeof reference !== 'string') throw new TaskFileError(`task ${id}: "reference" must be a string`);
  if (expect === 'pass' && reference === null) throw new TaskFileError(`task ${id}: a task expected to pass needs a reference`);
  const compare = task.compare_output ?? false;
  if (typeof compare !== 'boolean') throw new TaskFileError(`task ${id}: "compare_output" must be true or false`);
  return { id, category: text('category'), prompt: text('prompt'), reference: reference?.trim() ?? null, compareOutput: compare, expect };
}

/** Parses a task list (YAML is a superset of JSON); throws TaskFileError on the first problem. */
export function parseTasks(source: string, name = 'task file'): EvalTask[] {
  let document: unknown;
  try {
    document = parse(source);
  } catch (error) {
    throw new TaskFileError(`${name} is neither YAML nor JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  const list = Array.isArray(document) ? document : (document as { tasks?: unknown } | null)?.tasks;
  if (!Array.isArray(list) || list.length === 0) throw new TaskFileError(`${name} must hold a non-empty list of tasks`);
  const tasks = list.map(toTask);
  const seen = new Set<string>();
  for (const task of tasks) {
    if (seen.has(task.id)) throw new TaskFileError(`${name}: task id "${task.id}" appears twice`);
    seen.add(task.id);
  }
  return tasks;
}

export function readTasks(path: string): EvalTask[] {
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (error) {
    throw new TaskFileError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return parseTasks(source, path);
}
