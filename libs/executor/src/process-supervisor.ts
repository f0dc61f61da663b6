import { Readable } from 'node:stream';
import { BoundedOutput, OutputStream } from './bounded-output';
import { ProcessHandle } from './process-runner';

export interface SupervisionLimits {
  readonly timeoutMs: number;
  readonly maxOutputBytes: number;
  /** Between SIGTERM and SIGKILL to the group. */
  readonly killGraceMs: number;
  /** How long to wait for the pipes to close once the process has exited (or after SIGKILL). */
  readonly drainMs: number;
}

/** What happened to one process, before any interpretation. */
export interface SupervisedRun {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Some output was dropped because of the cap. */
  readonly truncated: boolean;
  /** Stopped by us because `timeoutMs` passed. */
  readonly timedOut: boolean;
  /** Stopped by us because the output passed the cap while the process was still running. */
  readonly stoppedForOutput: boolean;
  /** The process could not be started. */
  readonly spawnError: Error | null;
}

/**
 * Watches one process until it is over, enforcing the time and output limits by killing its whole
 * group (SIGTERM, then SIGKILL after `killGraceMs`). Always settles: at most
 * `killGraceMs + drainMs` after a stop, even if the process ignores signals or a grandchild
 * keeps the pipes open (the pipes are then destroyed and the group killed).
 */
export function superviseProcess(start: () => ProcessHandle, limits: SupervisionLimits): Promise<SupervisedRun> {
  return new Promise((resolve) => {
    let handle: ProcessHandle;
    try {
      handle = start();
    } catch (error) {
      resolve(notStarted(error));
      return;
    }
    const output = new BoundedOutput(limits.maxOutputBytes);
    const openStreams = new Set<Readable>([handle.stdout, handle.stderr]);
    const timers: NodeJS.Timeout[] = [];
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let stopReason: 'timeout' | 'output' | undefined;
    let settled = false;

    const finish = (spawnError: Error | null = null): void => {
      if (settled) return;
      settled = true;
      timers.forEach(clearTimeout);
      // Pipes still open mean something in the group outlived the leader (or the leader never exited).
      if (openStreams.size > 0 || !exit) handle.killGroup('SIGKILL');
      handle.stdout.destroy();
      handle.stderr.destroy();
      resolve({
        exitCode: exit?.code ?? null,
        signal: exit?.signal ?? null,
        stdout: output.text('stdout'),
        stderr: output.text('stderr'),
        truncated: output.truncated,
        timedOut: stopReason === 'timeout',
        stoppedForOutput: stopReason === 'output',
        spawnError,
      });
    };

    const stop = (reason: 'timeout' | 'output'): void => {
      if (stopReason || exit || settled) return;
      stopReason = reason;
      handle.killGroup('SIGTERM');
      timers.push(setTimeout(() => handle.killGroup('SIGKILL'), limits.killGraceMs));
      timers.push(setTimeout(() => finish(), limits.killGraceMs + limits.drainMs));
    };

    const watch = (name: OutputStream, stream: Readable): void => {
      stream.on('data', (chunk: Buffer) => {
        if (!output.append(name, chunk)) stop('output');
      });
      const closed = (): void => {
        openStreams.delete(stream);
        if (exit && openStreams.size === 0) finish();
      };
      stream.once('close', closed);
      // A pipe error only ends our reading; the exit event still decides the outcome.
      stream.on('error', closed);
    };
    watch('stdout', handle.stdout);
    watch('stderr', handle.stderr);

    handle.onExit((code, signal) => {
      exit = { code, signal };
      if (openStreams.size === 0) finish();
      else timers.push(setTimeout(() => finish(), limits.drainMs));
    });
    handle.onError((error) => {
      if (handle.pid === undefined && !exit) finish(error);
    });
    timers.push(setTimeout(() => stop('timeout'), limits.timeoutMs));
  });
}

function notStarted(error: unknown): SupervisedRun {
  return {
    exitCode: null,
    signal: null,
    stdout: '',
    stderr: '',
    truncated: false,
    timedOut: false,
    stoppedForOutput: false,
    spawnError: error instanceof Error ? error : new Error(String(error)),
  };
}
