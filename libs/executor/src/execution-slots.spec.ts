import * as fc from 'fast-check';
import { ANONYMOUS_CALLER, ExecutionSlots, SlotRelease } from './execution-slots';
import { ExecutorError, ExecutorErrorCode } from './executor.errors';

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function failureOf(attempt: Promise<unknown>): Promise<ExecutorError> {
  const error = await attempt.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  if (!(error instanceof ExecutorError)) throw new Error(`expected an ExecutorError, got ${String(error)}`);
  return error;
}

/** Acquires for `caller` and records the order in which grants arrive. */
function recorder(sut: ExecutionSlots) {
  const served: string[] = [];
  const releases = new Map<string, SlotRelease>();
  const ask = (caller: string | undefined, label: string): Promise<void> =>
    sut.acquire(caller).then((release) => {
      served.push(label);
      releases.set(label, release);
    });
  const release = async (label: string): Promise<void> => {
    releases.get(label)?.();
    await flush();
  };
  return { served, ask, release };
}

describe(ExecutionSlots.name, () => {
  it.each<[number, number]>([
    [1, 1],
    [2, 1],
    [3, 2],
    [4, 2],
    [5, 3],
    [64, 32],
  ])('with concurrency %i lets one caller hold at most %i slots', async (concurrency, share) => {
    const sut = new ExecutionSlots(concurrency, 100);
    const { served, ask } = recorder(sut);
    for (let i = 0; i < concurrency; i++) void ask('a', `a${i}`);
    await flush();
    expect(served).toHaveLength(share);
    expect(sut).toMatchObject({ slotsPerCaller: share, running: share, queued: concurrency - share });
  });

  it("gives another caller a free slot at once while one caller's calls wait", async () => {
    const sut = new ExecutionSlots(4, 10);
    const { served, ask } = recorder(sut);
    ['a1', 'a2', 'a3', 'a4', 'a5'].forEach((label) => void ask('a', label));
    await ask('b', 'b1');
    expect(served).toEqual(['a1', 'a2', 'b1']);
    expect(sut).toMatchObject({ running: 3, queued: 3 });
  });

  it('serves waiting callers round-robin, each caller first in, first out', async () => {
    const sut = new ExecutionSlots(2, 20);
    const { served, ask, release } = recorder(sut);
    await ask('x', 'x0'); // a long-running holder of the second slot
    await ask('a', 'a0');
    ['a1', 'a2', 'a3'].forEach((label) => void ask('a', label));
    ['b1', 'b2'].forEach((label) => void ask('b', label));
    void ask('c', 'c1');
    await flush();

    for (const label of ['a0', 'a1', 'b1', 'c1', 'a2', 'b2']) await release(label);

    expect(served).toEqual(['x0', 'a0', 'a1', 'b1', 'c1', 'a2', 'b2', 'a3']);
  });

  it('puts a served caller behind the others that wait', async () => {
    const sut = new ExecutionSlots(1, 20);
    const { served, ask, release } = recorder(sut);
    await ask('a', 'a0');
    ['a1', 'a2'].forEach((label) => void ask('a', label));
    void ask('b', 'b1');
    await flush();
    await release('a0'); // a's turn came first: a1 runs, and a goes behind b
    void ask('c', 'c1'); // c arrives after that, so behind a
    await release('a1');
    await release('b1');
    expect(served).toEqual(['a0', 'a1', 'b1', 'a2']);
    expect(sut.queued).toBe(1);
  });

  it('never hands a caller more than its share, even when slots are free', async () => {
    const sut = new ExecutionSlots(4, 10);
    const { served, ask, release } = recorder(sut);
    ['a1', 'a2', 'a3', 'a4'].forEach((label) => void ask('a', label));
    await flush();
    await release('a1');
    expect(served).toEqual(['a1', 'a2', 'a3']);
    expect(sut).toMatchObject({ running: 2, queued: 1 });
  });

  it.each([undefined, ''])('puts calls without a caller (%j) in one shared anonymous bucket', async (caller) => {
    const sut = new ExecutionSlots(4, 10);
    const { served, ask } = recorder(sut);
    ['n1', 'n2', 'n3'].forEach((label) => void ask(caller, label));
    void ask(ANONYMOUS_CALLER, 'named-anonymous');
    await ask('b', 'b1');
    expect(served).toEqual(['n1', 'n2', 'b1']);
  });

  it('ignores a second release of the same slot', async () => {
    const sut = new ExecutionSlots(4, 10);
    const { served, ask } = recorder(sut);
    const first = await sut.acquire('a');
    ['a2', 'a3', 'a4'].forEach((label) => void ask('a', label));
    await flush();
    first();
    first();
    first();
    await flush();
    expect(served).toEqual(['a2', 'a3']);
    expect(sut).toMatchObject({ running: 2, queued: 1 });
  });

  it('fails with EXECUTOR_BUSY and a Retry-After hint once the whole queue is full', async () => {
    const sut = new ExecutionSlots(2, 2);
    await sut.acquire('a');
    await sut.acquire('b');
    void sut.acquire('a');
    void sut.acquire('b');

    const busy = await failureOf(sut.acquire('c'));

    expect(busy).toMatchObject({ code: ExecutorErrorCode.EXECUTOR_BUSY, message: expect.stringMatching(/All 2 kubectl slots are busy and 2 calls/) });
    expect(busy.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(sut.queued).toBe(2);
  });

  it('lets one caller fill at most half of the queue, rounded up, and others still queue', async () => {
    const sut = new ExecutionSlots(2, 5);
    await sut.acquire('a');
    for (let i = 0; i < 3; i++) void sut.acquire('a');

    const busy = await failureOf(sut.acquire('a'));

    expect(busy).toMatchObject({ code: ExecutorErrorCode.EXECUTOR_BUSY, message: expect.stringMatching(/already has 3 kubectl calls waiting/) });
    expect(sut.queuePerCaller).toBe(3);
    await sut.acquire('b');
    void sut.acquire('b');
    void sut.acquire('c');
    expect(sut).toMatchObject({ queued: 5, waitingCallers: 3 });
  });

  it('does not queue at all when queueLimit is 0', async () => {
    const sut = new ExecutionSlots(1, 0);
    await sut.acquire('a');
    await expect(sut.acquire('b')).rejects.toMatchObject({ code: ExecutorErrorCode.EXECUTOR_BUSY });
  });

  it('bases Retry-After on how long slots are held and how many calls wait ahead', async () => {
    let now = 0;
    const sut = new ExecutionSlots(2, 4, () => now);
    for (let i = 0; i < 20; i++) {
      const release = await sut.acquire('warm-up');
      now += 10_000;
      release();
    }
    await sut.acquire('a');
    await sut.acquire('b');
    void sut.acquire('a');
    void sut.acquire('a');

    // The caller's own two waiting calls drain one at a time (its share of 2 slots), after its running one.
    const own = await failureOf(sut.acquire('a'));
    expect(own.retryAfterSeconds).toBeGreaterThanOrEqual(25);
    expect(own.retryAfterSeconds).toBeLessThanOrEqual(30);

    // The whole queue of four drains two at a time, after the running ones.
    void sut.acquire('b');
    void sut.acquire('c');
    const all = await failureOf(sut.acquire('d'));
    expect(all.retryAfterSeconds).toBeGreaterThanOrEqual(25);
    expect(all.retryAfterSeconds).toBeLessThanOrEqual(30);
  });

  it('keeps its invariants under any sequence of calls and releases', async () => {
    const step = fc.oneof(fc.constantFrom('a', 'b', 'c', '').map((caller) => ({ caller })), fc.nat().map((pick) => ({ pick })));
    const scenario = fc.record({
      concurrency: fc.integer({ min: 1, max: 5 }),
      queueLimit: fc.integer({ min: 0, max: 6 }),
      steps: fc.array(step, { maxLength: 40 }),
    });
    await fc.assert(
      fc.asyncProperty(scenario, async ({ concurrency, queueLimit, steps }) => {
        const sut = new ExecutionSlots(concurrency, queueLimit);
        const holding: { caller: string; release: SlotRelease }[] = [];
        for (const next of steps) {
          if ('caller' in next) {
            const caller = next.caller || ANONYMOUS_CALLER;
            sut.acquire(next.caller).then((release) => holding.push({ caller, release }), () => undefined);
          } else if (holding.length > 0) {
            holding.splice(next.pick % holding.length, 1)[0].release();
          }
          await flush();

          const held = (caller: string): number => holding.filter((holder) => holder.caller === caller).length;
          expect(sut.running).toBe(holding.length);
          expect(sut.running).toBeLessThanOrEqual(concurrency);
          expect(sut.queued).toBeLessThanOrEqual(queueLimit);
          for (const caller of ['a', 'b', 'c', ANONYMOUS_CALLER]) {
            expect(held(caller)).toBeLessThanOrEqual(sut.slotsPerCaller);
            expect(sut.queuedFor(caller)).toBeLessThanOrEqual(sut.queuePerCaller);
            // No free slot sits idle beside a waiting caller that is still under its share.
            const couldStart = sut.running < concurrency && held(caller) < sut.slotsPerCaller;
            expect(couldStart && sut.queuedFor(caller) > 0).toBe(false);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
