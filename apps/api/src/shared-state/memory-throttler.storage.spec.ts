import { MemoryThrottlerStorage } from './memory-throttler.storage';

describe(MemoryThrottlerStorage.name, () => {
  let clock: number;
  let sut: MemoryThrottlerStorage;

  beforeEach(() => {
    clock = 1_000_000;
    sut = new MemoryThrottlerStorage(() => clock);
  });
  afterEach(() => sut.onApplicationShutdown());

  const hit = (key = 'k') => sut.increment(key, 60_000, 3, 60_000, 'default');

  it('counts hits in a window and blocks past the limit', async () => {
    expect((await hit()).isBlocked).toBe(false);
    await hit();
    expect(await hit()).toMatchObject({ totalHits: 3, isBlocked: false, timeToExpire: 60 });
    expect(await hit()).toMatchObject({ totalHits: 4, isBlocked: true, timeToBlockExpire: 60 });
  });

  it('keeps keys apart', async () => {
    for (let i = 0; i < 4; i++) await hit('a');
    expect((await hit('b')).isBlocked).toBe(false);
  });

  it('starts a new window once the old one and its block have passed', async () => {
    for (let i = 0; i < 4; i++) await hit();
    clock += 30_000;
    expect(await hit()).toMatchObject({ isBlocked: true, timeToBlockExpire: 30 });
    clock += 30_001;
    expect(await hit()).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('costs the same whatever the number of hits in the window', async () => {
    for (let i = 0; i < 100_000; i++) await sut.increment('busy', 60_000, 1_000_000, 60_000, 'default');
    expect((await sut.increment('busy', 60_000, 1_000_000, 60_000, 'default')).totalHits).toBe(100_001);
  });
});
