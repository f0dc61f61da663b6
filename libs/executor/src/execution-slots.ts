import { ExecutorError, ExecutorErrorCode } from './executor.errors';

/** Gives the slot back; calling it more than once has no effect. */
export type SlotRelease = () => void;

const DEFAULT_HOLD_MS = 1_000;
const HOLD_SMOOTHING = 0.2;
const MAX_RETRY_AFTER_SECONDS = 120;

/**
 * A counting semaphore with a bounded FIFO queue: at most `concurrency` holders, at most
 * `queueLimit` waiters, and EXECUTOR_BUSY beyond that. The Retry-After hint is the time the
 * current queue needs to drain, from a moving average of how long slots are held.
 */
export class ExecutionSlots {
  private holders = 0;
  private readonly waiters: Array<() => void> = [];
  private averageHoldMs = DEFAULT_HOLD_MS;

  constructor(
    readonly concurrency: number,
    readonly queueLimit: number,
    private readonly now: () => number = Date.now,
  ) {}

  get running(): number {
    return this.holders;
  }

  get queued(): number {
    return this.waiters.length;
  }

  /** Resolves when a slot is free (immediately if one is); throws EXECUTOR_BUSY when the queue is full. */
  acquire(): Promise<SlotRelease> {
    if (this.holders < this.concurrency) {
      this.holders++;
      return Promise.resolve(this.releaser());
    }
    if (this.waiters.length >= this.queueLimit) {
      const retryAfter = this.retryAfterSeconds();
      return Promise.reject(
        new ExecutorError(
          ExecutorErrorCode.EXECUTOR_BUSY,
          `All ${this.concurrency} kubectl slots are busy and ${this.waiters.length} calls are already waiting; retry in about ${retryAfter} s`,
          retryAfter,
        ),
      );
    }
    // The releasing holder hands its slot straight to the first waiter, so `holders` stays put.
    return new Promise((resolve) => this.waiters.push(() => resolve(this.releaser())));
  }

  private releaser(): SlotRelease {
    const grantedAt = this.now();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.averageHoldMs += HOLD_SMOOTHING * (this.now() - grantedAt - this.averageHoldMs);
      const next = this.waiters.shift();
      if (next) next();
      else this.holders--;
    };
  }

  private retryAfterSeconds(): number {
    const drainMs = this.averageHoldMs * (this.waiters.length / this.concurrency + 1);
    return Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, Math.ceil(drainMs / 1000)));
  }
}
