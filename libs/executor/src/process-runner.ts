import { Injectable } from '@nestjs/common';
import { ChildProcess, spawn } from 'node:child_process';
import { Readable } from 'node:stream';

export interface ProcessSpawnOptions {
  readonly cwd: string;
  /** The complete environment of the child: nothing is inherited. */
  readonly env: Readonly<Record<string, string>>;
}

/** The part of a started process the executor relies on; unit tests implement it by hand. */
export interface ProcessHandle {
  /** Undefined when the process could not be started. */
  readonly pid: number | undefined;
  readonly stdout: Readable;
  readonly stderr: Readable;
  onExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void;
  /** Start failures (ENOENT, EACCES...) arrive here rather than as exceptions. */
  onError(listener: (error: Error) => void): void;
  /** Signals the whole process group, so grandchildren go too; a no-op once the group is gone. */
  killGroup(signal: NodeJS.Signals): void;
}

/** The only place in the project that starts processes. */
@Injectable()
export class ProcessRunner {
  /** Starts `file` with exactly `args`: no shell, stdin closed, in a new process group. */
  spawn(file: string, args: readonly string[], options: ProcessSpawnOptions): ProcessHandle {
    const child = spawn(file, [...args], {
      cwd: options.cwd,
      env: { ...options.env },
      shell: false,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Makes the child a group leader, so `kill(-pid)` reaches everything it starts.
      detached: true,
      windowsHide: true,
    });
    return new ChildProcessHandle(child);
  }
}

class ChildProcessHandle implements ProcessHandle {
  constructor(private readonly child: ChildProcess) {}

  get pid(): number | undefined {
    return this.child.pid;
  }

  get stdout(): Readable {
    return this.child.stdout as Readable;
  }

  get stderr(): Readable {
    return this.child.stderr as Readable;
  }

  onExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void {
    this.child.once('exit', listener);
  }

  onError(listener: (error: Error) => void): void {
    this.child.on('error', listener);
  }

  killGroup(signal: NodeJS.Signals): void {
    const pid = this.child.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, signal);
    } catch (error) {
      // ESRCH: the group is already gone. Anything else: at least reach the direct child.
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') this.child.kill(signal);
    }
  }
}
