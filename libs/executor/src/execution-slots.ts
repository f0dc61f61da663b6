import { CallerQueues } from './caller-queues';
import { ExecutorError, ExecutorErrorCode } from './executor.errors';

/** Gives the slot back; calling it more than once has no effect. */
export type SlotRelease = () => void;

/** The bucket of calls that name no caller: they share one fair share, they do not bypass it. */
export const ANONYMOUS_CALLER = 'anonymous';

const DEFAULT_HOLD_MS = 1_000;
const HOLD_SMOOTHING = 0.2;
const MAX_RETRY_AFTER_SECONDS = 120;

/** Half, rounded up: the most slots (or queue places) one caller may take. */
export function fairShareOf(total: number): number {
  return Math.ceil(total / 2);
}

/**
 * A counting semaphore that is fair between callers. At most `concurrency` holders, and at most
 * half of them (rounded up) for any one caller; waiting calls queue per caller (first in, first
 * out) and callers are served round-robin, so a caller flooding slow commands cannot starve the
 * others. At most `queueLimit` calls wait in all and at most half of those (rounded up) per caller;
 * beyond either, EXECUTOR_BUSY with a Retry-After hint drawn from a moving average of hold times.
 */
export class ExecutionSlots {
  /** The most slots one caller may hold at once. */
  readonly slotsPerCaller: number;
  /** The most calls one caller may have waiting. */
  readonly queuePerCaller: number;
  private holders = 0;
  private readonly held = new Map<string, number>();
  private readonly waiting = new CallerQueues<() => void>();
  private averageHoldMs = DEFAULT_HOLD_MS;

  constructor(
    readonly concurrency: number,
    readonly queueLimit: number,
    private readonly now: () => number = Date.now,
  ) {
    this.slotsPerCaller = fairShareOf(concurrency);
    this.queuePerCaller = fairShareOf(queueLimit);
  }

  get running(): number {
    return this.holders;
  }

  get queued(): number {
    return this.waiting.size;
  }

  /** Callers with at least one call waiting. */
  get waitingCallers(): number {
    return this.waiting.callers;
  }

  /** Calls of `caller` waiting for a slot. */
  queuedFor(caller: string): number {
    return this.waiting.sizeOf(caller || ANONYMOUS_CALLER);
  }

  /**
   * Resolves when `caller` may run (at once if a slot is free and the caller is under its share);
   * throws EXECUTOR_BUSY when the queue, or the caller's part of it, is full.
   */
  acquire(caller: string = ANONYMOUS_CALLER): Promise<SlotRelease> {
    const who = caller || ANONYMOUS_CALLER;
    if (this.mayStart(who)) return Promise.resolve(this.start(who));
    if (this.waiting.size >= this.queueLimit) {
      const retryAfter = this.retryAfterSeconds(this.waiting.size, this.concurrency);
      return Promise.reject(
        busy(`All ${this.concurrency} kubectl slots are busy and ${this.waiting.size} calls are already waiting; retry in about ${retryAfter} s`, retryAfter),
      );
    }
    const own = this.waiting.sizeOf(who);
    if (own >= this.queuePerCaller) {
      const retryAfter = this.retryAfterSeconds(own, this.slotsPerCaller);
      return Promise.reject(
        busy(`This caller already has ${own} kubectl calls waiting, the most one caller may queue; retry in about ${retryAfter} s`, retryAfter),
      );
    }
    return new Promise((resolve) => this.waiting.push(who, () => resolve(this.start(who))));
  }

  private mayStart(caller: string): boolean {
    return this.holders < this.concurrency && (this.held.get(caller) ?? 0) < this.slotsPerCaller;
  }

  private start(caller: string): SlotRelease {
    this.holders++;
    this.held.set(caller, (this.held.get(caller) ?? 0) + 1);
    const grantedAt = this.now();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.averageHoldMs += HOLD_SMOOTHING * (this.now() - grantedAt - this.averageHoldMs);
      this.holders--;
      const holding = (this.held.get(caller) ?? 1) - 1;
      if (holding > 0) this.held.set(caller, holding);
      else this.held.delete(caller);
      this.dispatch();
    };
  }

  /** Hands free slots to waiting callers in round-robin order, skipping callers at their share. */
  private dispatch(): void {
    while (this.holders < this.concurrency) {
      const next = this.waiting.takeNext((caller) => this.mayStart(caller));
      if (!next) return;
      next.item();
    }
  }

  /** Time for `waiting` calls to drain `lanes` at a time, after the running ones. */
  private retryAfterSeconds(waiting: number, lanes: number): number {
    const drainMs = this.averageHoldMs * (waiting / lanes + 1);
    return Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, Math.ceil(drainMs / 1000)));
  }
}

function busy(message: string, retryAfterSeconds: number): ExecutorError {
  return new ExecutorError(ExecutorErrorCode.EXECUTOR_BUSY, message, retryAfterSeconds);
}
