import { readdirSync, readFileSync } from 'node:fs';
import { isAlive } from '../../executor/executor-harness';

export interface LiveProcess {
  readonly pid: number;
  readonly cmdline: string;
}

function readNulSeparated(path: string): string[] | undefined {
  try {
    return readFileSync(path, 'utf8').split('\0').filter((part) => part !== '');
  } catch {
    return undefined;
  }
}

/**
 * Live (non-zombie) processes started for one app: the executor hands kubectl a minimal
 * environment that includes KUBECONFIG, and every descendant inherits it (the `yes` that
 * print-forever execs into, the `sleep` that ignore-sigterm leaves behind). A KUBECONFIG path
 * unique to the test file therefore tells its processes apart from those of tests running in
 * parallel, which the binary path alone (/usr/bin/kubectl, the shared fake scripts) cannot.
 */
export function liveProcessesWithKubeconfig(kubeconfig: string): LiveProcess[] {
  const marker = `KUBECONFIG=${kubeconfig}`;
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => pid !== process.pid && readNulSeparated(`/proc/${pid}/environ`)?.includes(marker) && isAlive(pid))
    .map((pid) => ({ pid, cmdline: (readNulSeparated(`/proc/${pid}/cmdline`) ?? []).join(' ') }));
}

/** Polls until no process of the app is left; resolves with the survivors when `withinMs` runs out. */
export async function settleProcesses(kubeconfig: string, withinMs: number): Promise<LiveProcess[]> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const live = liveProcessesWithKubeconfig(kubeconfig);
    if (live.length === 0 || Date.now() > deadline) return live;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
