import { readFileSync, writeFileSync } from 'node:fs';

const KIB = 1024;
const MIB = 1024 * 1024;

/** A /proc/<pid>/status field in bytes (the kernel reports kB), or undefined once the process is gone. */
export function statusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * KIB : undefined;
  } catch {
    return undefined;
  }
}

export const toMiB = (bytes: number): number => Math.round((bytes / MIB) * 10) / 10;

/**
 * The peak resident set of a process during a phase. Polls VmRSS, and also resets the kernel's
 * own high-water mark (VmHWM) at the start when allowed (`echo 5 > /proc/<pid>/clear_refs`),
 * which catches peaks shorter than the polling interval.
 */
export class PeakRssSampler {
  private peak = 0;
  private readonly timer: NodeJS.Timeout;
  private readonly hwmReset: boolean;

  constructor(
    private readonly pid: number,
    private readonly intervalMs = 20,
  ) {
    this.hwmReset = resetHighWaterMark(pid);
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
  }

  /** Stops polling; the peak in bytes and how it was measured. */
  stop(): { peakBytes: number; method: string } {
    clearInterval(this.timer);
    this.sample();
    const hwm = this.hwmReset ? statusBytes(this.pid, 'VmHWM') : undefined;
    if (hwm !== undefined && hwm > this.peak) return { peakBytes: hwm, method: 'VmHWM after clear_refs' };
    return { peakBytes: this.peak, method: this.hwmReset ? 'VmRSS polling (>= VmHWM)' : `VmRSS polling every ${this.intervalMs} ms` };
  }

  private sample(): void {
    this.peak = Math.max(this.peak, statusBytes(this.pid, 'VmRSS') ?? 0);
  }
}

function resetHighWaterMark(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}
