import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApprovedCommand, OutputFormat } from '@app/safety';
import { ATTRIBUTES, SPAN_NAMES, Span, traced } from '@app/tracing';
import { CLUSTER_QUERIES, ClusterQuery, DISCOVERY_CALLER } from './cluster-queries';
import { displayCommand } from './command-display';
import { ExecutionOutcome, ExecutorLoad } from './execution-outcome';
import { findExecutable } from './executable-lookup';
import { ExecutionSlots } from './execution-slots';
import { ExecutorError, ExecutorErrorCode } from './executor.errors';
import { InjectExecutorOptions } from './executor.module-definition';
import { ExecutorModuleOptions, ExecutorSettings, resolveExecutorSettings } from './executor.options';
import { Impersonation, impersonatedArgv } from './impersonation';
import { buildKubectlEnvironment } from './kubectl-environment';
import { VERSION_PROBE_ARGS, versionWarning } from './kubectl-version-check';
import { recordOutcome } from './execution-span';
import { buildOutcome } from './outcome-builder';
import { ProcessHandle, ProcessRunner } from './process-runner';
import { superviseProcess } from './process-supervisor';

/** SIGTERM first so kubectl can close connections; SIGKILL if it has not gone by then. */
const KILL_GRACE_MS = 500;
/** Time for the pipes to close once the process is gone; keeps every stop under 1 s. */
const DRAIN_MS = 250;
/** `kubectl version --client` answers in milliseconds; a binary that does not is stopped quickly. */
const VERSION_PROBE_TIMEOUT_MS = 5_000;
const VERSION_PROBE_MAX_BYTES = 64 * 1024;

export interface RunOptions {
  /**
   * Who asks (an API key's fingerprint, a client address): slots are shared fairly between callers.
   * Calls without one share a single 'anonymous' share.
   */
  readonly caller?: string;
  /**
   * The Kubernetes identity to act as: kubectl gets `--as=<user>` and one `--as-group=<group>` per
   * group, so the cluster's RBAC authorizes the caller rather than the service's own account.
   */
  readonly impersonate?: Impersonation | null;
}

/** Runs approved kubectl commands: no shell, minimal environment, bounded in time, output and load. */
@Injectable()
export class KubectlExecutor implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(KubectlExecutor.name);
  private readonly settings: ExecutorSettings;
  private readonly slots: ExecutionSlots;
  private readonly environment: Readonly<Record<string, string>>;
  private readonly live = new Set<ProcessHandle>();
  private startup?: Promise<void>;
  private versionProbe: Promise<void> = Promise.resolve();
  private binary: string | null = null;
  private workDir: string | null = null;

  constructor(
    @InjectExecutorOptions() options: ExecutorModuleOptions,
    private readonly runner: ProcessRunner,
  ) {
    this.settings = resolveExecutorSettings(options);
    this.slots = new ExecutionSlots(this.settings.concurrency, this.settings.queueLimit);
    this.environment = Object.freeze(buildKubectlEnvironment(this.settings.baseEnv));
  }

  /** False when start-up found no kubectl; `run` then fails with KUBECTL_UNAVAILABLE. */
  get available(): boolean {
    return this.binary !== null && this.workDir !== null;
  }

  /** Processes running and calls waiting, for gauges. */
  get load(): ExecutorLoad {
    const { running, queued, concurrency, queueLimit } = this.slots;
    return { running, queued, concurrency, queueLimit };
  }

  /** Settles once the start-up check of kubectl's version has run (and warned, if it had to). */
  get versionChecked(): Promise<void> {
    return this.versionProbe;
  }

  onModuleInit(): Promise<void> {
    return this.prepare();
  }

  async onModuleDestroy(): Promise<void> {
    for (const handle of this.live) handle.killGroup('SIGKILL');
    if (this.workDir) await rm(this.workDir, { recursive: true, force: true });
    this.workDir = null;
  }

  /**
   * Runs `command` once a slot is free for `caller` (see ExecutionSlots for the fairness rules), as
   * `impersonate` when given. Throws ExecutorError (NOT_APPROVED, IMPERSONATION_INVALID,
   * KUBECTL_UNAVAILABLE, EXECUTOR_BUSY) only when it cannot run; a failing kubectl is reported in
   * the outcome.
   */
  async run(command: ApprovedCommand, options: RunOptions = {}): Promise<ExecutionOutcome> {
    if (!ApprovedCommand.isGenuine(command)) {
      throw new ExecutorError(ExecutorErrorCode.NOT_APPROVED, 'Only commands approved by the command policy can run');
    }
    const argv = impersonatedArgv(command.argv, options.impersonate);
    const attributes = {
      [ATTRIBUTES.KUBECTL_VERB]: command.verb,
      [ATTRIBUTES.KUBECTL_ARGV]: [...argv],
      [ATTRIBUTES.KUBECTL_DRY_RUN]: command.dryRun,
    };
    return traced(SPAN_NAMES.KUBECTL_EXECUTE, { attributes }, (span) => this.runInSlot(span, argv, command.outputFormat, options.caller));
  }

  /**
   * Runs one of the fixed CLUSTER_QUERIES (never client input) under the same limits as `run`, in
   * the discovery caller's share of the slots. Throws like `run`; a failing kubectl is in the outcome.
   */
  queryCluster(query: ClusterQuery): Promise<ExecutionOutcome> {
    const argv = CLUSTER_QUERIES[query];
    const attributes = { [ATTRIBUTES.KUBECTL_VERB]: argv[0], [ATTRIBUTES.KUBECTL_QUERY]: query, [ATTRIBUTES.KUBECTL_ARGV]: [...argv] };
    return traced(SPAN_NAMES.KUBECTL_EXECUTE, { attributes }, (span) => this.runInSlot(span, argv, 'text', DISCOVERY_CALLER));
  }

  /** Waits for a slot in `caller`'s share, then runs kubectl with `argv`; the span gets the outcome. */
  private async runInSlot(span: Span, argv: readonly string[], format: OutputFormat, caller: string | undefined): Promise<ExecutionOutcome> {
    await this.prepare();
    const { binary, workDir } = this;
    if (!binary || !workDir) {
      throw new ExecutorError(ExecutorErrorCode.KUBECTL_UNAVAILABLE, 'kubectl is not available on this server');
    }
    const waitingSince = performance.now();
    const release = await this.slots.acquire(caller);
    const queuedMs = performance.now() - waitingSince;
    try {
      const outcome = await this.spawnSupervised(binary, workDir, argv, format);
      recordOutcome(span, outcome, queuedMs);
      return outcome;
    } finally {
      release();
    }
  }

  private prepare(): Promise<void> {
    this.startup ??= this.locateKubectl();
    return this.startup;
  }

  private async locateKubectl(): Promise<void> {
    const { kubectlPath, baseEnv } = this.settings;
    this.binary = await findExecutable(kubectlPath, baseEnv.PATH);
    if (!this.binary) {
      const where = kubectlPath.includes('/') ? '' : ' on PATH';
      this.logger.error(
        `kubectl not found: "${kubectlPath}" is not an executable file${where}. ` +
          'Execution requests will fail with KUBECTL_UNAVAILABLE; set kubectlPath (KUBECTL_PATH) and restart.',
      );
      return;
    }
    try {
      // An empty private cwd: kubectl must not pick up files (kustomization, plugins) from ours.
      this.workDir = await mkdtemp(join(tmpdir(), 'kubectl-exec-'));
    } catch (error) {
      this.logger.error(`Cannot create a working directory for kubectl: ${String(error)}`);
      return;
    }
    this.logger.log(`Running kubectl from ${this.binary}`);
    // Not awaited: start-up and the first commands need not wait for a warning.
    this.versionProbe = this.checkVersion(this.binary, this.workDir);
  }

  /** Warns when kubectl is another minor release than the one the policy's flag tables were verified against. */
  private async checkVersion(binary: string, cwd: string): Promise<void> {
    // `version --client` needs no cluster: only PATH and HOME, so the probe never looks like a command's process.
    const env = Object.fromEntries(Object.entries(this.environment).filter(([name]) => name === 'PATH' || name === 'HOME'));
    let handle: ProcessHandle | undefined;
    const run = await superviseProcess(
      () => {
        handle = this.runner.spawn(binary, VERSION_PROBE_ARGS, { cwd, env });
        this.live.add(handle);
        return handle;
      },
      { timeoutMs: VERSION_PROBE_TIMEOUT_MS, maxOutputBytes: VERSION_PROBE_MAX_BYTES, killGraceMs: KILL_GRACE_MS, drainMs: DRAIN_MS },
    );
    if (handle) this.live.delete(handle);
    const warning = versionWarning(run.stdout);
    if (warning) this.logger.warn(warning);
  }

  private async spawnSupervised(binary: string, cwd: string, argv: readonly string[], format: OutputFormat): Promise<ExecutionOutcome> {
    const { timeoutMs, maxOutputBytes } = this.settings;
    const startedAt = Date.now();
    let handle: ProcessHandle | undefined;
    const run = await superviseProcess(
      () => {
        handle = this.runner.spawn(binary, argv, { cwd, env: this.environment });
        this.live.add(handle);
        return handle;
      },
      { timeoutMs, maxOutputBytes, killGraceMs: KILL_GRACE_MS, drainMs: DRAIN_MS },
    );
    if (handle) this.live.delete(handle);
    const outcome = buildOutcome(run, { format, startedAt, endedAt: Date.now(), timeoutMs, maxOutputBytes });
    const summary = `${displayCommand(argv)} -> ${outcome.error?.code ?? 'OK'} in ${outcome.durationMs} ms`;
    if (run.timedOut || run.stoppedForOutput || run.spawnError) this.logger.warn(summary);
    else this.logger.debug(summary);
    return outcome;
  }
}
