import { PassThrough } from 'node:stream';
import { ProcessHandle, ProcessSpawnOptions } from '../process-runner';

export interface FakeProcessBehaviour {
  /** Like a process that traps SIGTERM: only SIGKILL ends it. */
  readonly ignoreSigterm?: boolean;
  /** Like a grandchild holding the pipes: exiting does not close stdout/stderr. */
  readonly keepPipesOpen?: boolean;
}

/** A hand-written child process: readable stdout/stderr, an exit event, recorded signals. */
export class FakeProcess implements ProcessHandle {
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  readonly signals: NodeJS.Signals[] = [];
  pid: number | undefined = 4242;
  private exited = false;
  private readonly exitListeners: Array<(code: number | null, signal: NodeJS.Signals | null) => void> = [];
  private readonly errorListeners: Array<(error: Error) => void> = [];

  constructor(private readonly behaviour: FakeProcessBehaviour = {}) {}

  get hasExited(): boolean {
    return this.exited;
  }

  onExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void {
    this.exitListeners.push(listener);
  }

  onError(listener: (error: Error) => void): void {
    this.errorListeners.push(listener);
  }

  killGroup(signal: NodeJS.Signals): void {
    this.signals.push(signal);
    if (this.exited || (signal === 'SIGTERM' && this.behaviour.ignoreSigterm)) return;
    this.exit(null, signal);
  }

  /** Prints and, like a real pipe, delivers asynchronously. */
  print(stdout: string | Buffer, stderr?: string): this {
    this.stdout.write(stdout);
    if (stderr !== undefined) this.stderr.write(stderr);
    return this;
  }

  exit(code: number | null, signal: NodeJS.Signals | null = null): void {
    if (this.exited) return;
    this.exited = true;
    if (!this.behaviour.keepPipesOpen) {
      this.stdout.end();
      this.stderr.end();
    }
    setImmediate(() => this.exitListeners.forEach((listener) => listener(code, signal)));
  }

  /** A start failure: no pid, an error event, no exit. */
  failToStart(code: string): void {
    this.pid = undefined;
    const error = Object.assign(new Error(`spawn failed: ${code}`), { code });
    setImmediate(() => this.errorListeners.forEach((listener) => listener(error)));
  }
}

export interface SpawnCall {
  readonly file: string;
  readonly args: readonly string[];
  readonly options: ProcessSpawnOptions;
  readonly process: FakeProcess;
}

/** Stands in for ProcessRunner; `script` decides how each started process behaves. */
export class FakeProcessRunner {
  readonly calls: SpawnCall[] = [];

  constructor(
    private readonly script: (process: FakeProcess, call: number) => void = (p) => p.exit(0),
    private readonly behaviour: FakeProcessBehaviour = {},
  ) {}

  spawn(file: string, args: readonly string[], options: ProcessSpawnOptions): ProcessHandle {
    const process = new FakeProcess(this.behaviour);
    this.calls.push({ file, args: [...args], options, process });
    const call = this.calls.length - 1;
    setImmediate(() => this.script(process, call));
    return process;
  }
}
