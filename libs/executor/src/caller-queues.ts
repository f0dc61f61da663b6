/** One FIFO queue per caller, served round-robin: a caller with many waiting items gets one turn in each round. */
export class CallerQueues<T> {
  // Insertion order is the round-robin order: a caller goes to the back once served.
  private readonly queues = new Map<string, T[]>();
  private total = 0;

  get size(): number {
    return this.total;
  }

  /** Callers with at least one waiting item. */
  get callers(): number {
    return this.queues.size;
  }

  sizeOf(caller: string): number {
    return this.queues.get(caller)?.length ?? 0;
  }

  push(caller: string, item: T): void {
    const queue = this.queues.get(caller);
    if (queue) queue.push(item);
    else this.queues.set(caller, [item]);
    this.total++;
  }

  /** Takes the oldest item of the first caller, in round-robin order, that `eligible` accepts. */
  takeNext(eligible: (caller: string) => boolean): { caller: string; item: T } | undefined {
    for (const [caller, queue] of this.queues) {
      if (!eligible(caller)) continue;
      const item = queue.shift() as T;
      this.total--;
      this.queues.delete(caller);
      if (queue.length > 0) this.queues.set(caller, queue);
      return { caller, item };
    }
    return undefined;
  }
}
