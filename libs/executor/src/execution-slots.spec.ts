import { ExecutionSlots } from './execution-slots';
import { ExecutorError, ExecutorErrorCode } from './executor.errors';

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe(ExecutionSlots.name, () => {
  it('grants up to `concurrency` slots at once', async () => {
    const sut = new ExecutionSlots(2, 5);
    await sut.acquire();
    await sut.acquire();
    expect(sut.running).toBe(2);
    expect(sut.queued).toBe(0);
  });

  it('queues further calls and serves them first in, first out', async () => {
    const sut = new ExecutionSlots(1, 5);
    const first = await sut.acquire();
    const served: number[] = [];
    const waiting = [1, 2, 3].map((n) => sut.acquire().then((release) => (served.push(n), release)));
    expect(sut.queued).toBe(3);

    first();
    (await waiting[0])();
    (await waiting[1])();
    await waiting[2];

    expect(served).toEqual([1, 2, 3]);
    expect(sut.running).toBe(1);
    expect(sut.queued).toBe(0);
  });

  it('hands a released slot to a waiter without ever exceeding the limit', async () => {
    const sut = new ExecutionSlots(2, 10);
    let peak = 0;
    const work = Array.from({ length: 12 }, async () => {
      const release = await sut.acquire();
      peak = Math.max(peak, sut.running);
      await flush();
      release();
    });
    await Promise.all(work);
    expect(peak).toBe(2);
    expect(sut.running).toBe(0);
  });

  it('fails with EXECUTOR_BUSY and a Retry-After hint once the queue is full', async () => {
    const sut = new ExecutionSlots(1, 1);
    await sut.acquire();
    void sut.acquire();

    const busy = await sut.acquire().catch((error: unknown) => error);

    expect(busy).toBeInstanceOf(ExecutorError);
    expect(busy).toMatchObject({ code: ExecutorErrorCode.EXECUTOR_BUSY });
    expect((busy as ExecutorError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(sut.queued).toBe(1);
  });

  it('does not queue at all when queueLimit is 0', async () => {
    const sut = new ExecutionSlots(1, 0);
    await sut.acquire();
    await expect(sut.acquire()).rejects.toMatchObject({ code: ExecutorErrorCode.EXECUTOR_BUSY });
  });

  it('ignores a second release of the same slot', async () => {
    const sut = new ExecutionSlots(2, 0);
    const release = await sut.acquire();
    await sut.acquire();
    release();
    release();
    expect(sut.running).toBe(1);
  });

  it('bases Retry-After on how long slots are held and how many calls wait', async () => {
    let now = 0;
    const sut = new ExecutionSlots(1, 2, () => now);
    for (let i = 0; i < 20; i++) {
      const release = await sut.acquire();
      now += 10_000;
      release();
    }
    await sut.acquire();
    void sut.acquire();
    void sut.acquire();

    const busy = (await sut.acquire().catch((error: unknown) => error)) as ExecutorError;

    // Two waiters ahead plus the running holder, about 10 s each.
    expect(busy.retryAfterSeconds).toBeGreaterThanOrEqual(25);
    expect(busy.retryAfterSeconds).toBeLessThanOrEqual(30);
  });
});
