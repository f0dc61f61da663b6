import { Test } from '@nestjs/testing';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExecutorModule, ExecutorModuleOptions, KubectlExecutor } from '@app/executor';
import { ApprovedCommand, OutputFormat } from '../../libs/safety/src/approved-command';
import { approvedForTest } from '../../libs/safety/src/testing/approved-for-test';

export const FAKE_KUBECTL_DIR = join(__dirname, '..', 'support', 'fake-kubectl');

export interface RunningExecutor {
  readonly executor: KubectlExecutor;
  close(): Promise<void>;
}

/** Boots ExecutorModule the way the app does, with Nest's logger kept quiet. */
export async function startExecutor(options: ExecutorModuleOptions): Promise<RunningExecutor> {
  const moduleRef = await Test.createTestingModule({ imports: [ExecutorModule.forRoot(options)] }).compile();
  moduleRef.useLogger(false);
  await moduleRef.init();
  return { executor: moduleRef.get(KubectlExecutor), close: () => moduleRef.close() };
}

/** Tests stand in for the command policy, which alone issues commands in production. */
export const approved = (...argv: string[]): ApprovedCommand => approvedForTest(argv);

/** An approval that prints as the policy would have said (`-o json` is json, `get` a table). */
export const approvedPrinting = (outputFormat: OutputFormat, ...argv: string[]): ApprovedCommand =>
  approvedForTest(argv, { outputFormat });

/** Pids of live (non-zombie) processes with `word` among their arguments. */
export function processesWithArg(word: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(word) && isAlive(Number(pid));
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** False when the process is gone or a zombie (a container's pid 1 may never reap orphans). */
export function isAlive(pid: number): boolean {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] ?? '';
    return !state.startsWith('Z') && !state.startsWith('X');
  } catch {
    return false;
  }
}

export async function eventually(check: () => boolean, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return true;
}
