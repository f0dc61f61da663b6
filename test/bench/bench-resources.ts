/** Something the bench started and must stop, whatever happens. */
export type Disposer = () => Promise<void> | void;

/**
 * Everything the bench starts registers here; `disposeAll` stops it in reverse order. It runs
 * on success, on error, on SIGINT/SIGTERM and when the watchdog fires, so no server, process or
 * temp file outlives the bench.
 */
export class BenchResources {
  private readonly disposers: Array<{ name: string; dispose: Disposer }> = [];
  private disposing?: Promise<void>;

  /** Registers how to stop something that was just started. */
  add(name: string, dispose: Disposer): void {
    this.disposers.push({ name, dispose });
  }

  disposeAll(): Promise<void> {
    this.disposing ??= (async () => {
      while (this.disposers.length > 0) {
        const { name, dispose } = this.disposers.pop() as { name: string; dispose: Disposer };
        try {
          await dispose();
        } catch (error) {
          process.stderr.write(`bench: stopping ${name} failed: ${error instanceof Error ? error.message : String(error)}\n`);
        }
      }
    })();
    return this.disposing;
  }

  /** Stops everything and exits on a signal or once `watchdogMs` has passed, whichever comes first. */
  guard(watchdogMs: number): void {
    const abort = (reason: string, code: number) => {
      process.stderr.write(`bench: ${reason}; stopping everything it started\n`);
      void this.disposeAll().finally(() => process.exit(code));
    };
    process.once('SIGINT', () => abort('interrupted', 130));
    process.once('SIGTERM', () => abort('terminated', 143));
    setTimeout(() => abort(`still running after ${Math.round(watchdogMs / 1000)} s`, 2), watchdogMs).unref();
  }
}
