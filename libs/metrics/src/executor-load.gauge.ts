import type { Gauge } from 'prom-client';

/** What the executor reports: calls holding a kubectl slot, and calls waiting for one. */
export interface ExecutorLoadSample {
  readonly running: number;
  readonly queued: number;
}

export type ExecutorLoadSource = () => ExecutorLoadSample;

// The gauge lives in prom-client's process-wide registry (a second app in the same process reuses
// it), so the source it reads is process-wide too: the latest app to register one is measured.
let source: ExecutorLoadSource | undefined;

export function setExecutorLoadSource(next: ExecutorLoadSource | undefined): void {
  source = next;
}

export function currentExecutorLoadSource(): ExecutorLoadSource | undefined {
  return source;
}

/** Runs on every scrape: both states are always exported, 0 when nothing is registered. */
export function collectExecutorLoad(this: Gauge<string>): void {
  const load = source?.() ?? { running: 0, queued: 0 };
  this.set({ state: 'running' }, load.running);
  this.set({ state: 'queued' }, load.queued);
}
