/** What the app passes to `ExecutorModule.forRoot`; every field but `baseEnv` has a default. */
export interface ExecutorModuleOptions {
  /** A name looked up on `baseEnv.PATH` at start-up, or a path to the binary. */
  readonly kubectlPath?: string;
  /** Wall-clock limit per command; past it the process group is killed. */
  readonly timeoutMs?: number;
  /** Cap on stdout and stderr kept together; past it the process group is killed. */
  readonly maxOutputBytes?: number;
  /** kubectl processes allowed at once. */
  readonly concurrency?: number;
  /** Calls allowed to wait for a free slot; beyond it `run` fails with EXECUTOR_BUSY. 0 disables queueing. */
  readonly queueLimit?: number;
  /** The app's environment; kubectl inherits only KUBECTL_ENV_NAMES from it. */
  readonly baseEnv: Readonly<Record<string, string | undefined>>;
}

export type ExecutorSettings = Required<ExecutorModuleOptions>;

export const EXECUTOR_DEFAULTS = {
  kubectlPath: 'kubectl',
  timeoutMs: 30_000,
  maxOutputBytes: 1_048_576,
  concurrency: 4,
  queueLimit: 64,
} as const;

/** Applies defaults and rejects values that would make the limits meaningless. */
export function resolveExecutorSettings(options: ExecutorModuleOptions): ExecutorSettings {
  const settings: ExecutorSettings = { ...EXECUTOR_DEFAULTS, ...withoutUndefined(options) };
  requireInteger('timeoutMs', settings.timeoutMs, 1);
  requireInteger('maxOutputBytes', settings.maxOutputBytes, 1);
  requireInteger('concurrency', settings.concurrency, 1);
  requireInteger('queueLimit', settings.queueLimit, 0);
  if (settings.kubectlPath.trim() === '') throw new TypeError('Executor option kubectlPath must not be empty');
  return settings;
}

function withoutUndefined(options: ExecutorModuleOptions): ExecutorModuleOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as ExecutorModuleOptions;
}

function requireInteger(name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new TypeError(`Executor option ${name} must be an integer >= ${min}, got ${value}`);
  }
}
