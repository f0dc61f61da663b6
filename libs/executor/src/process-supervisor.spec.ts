import { superviseProcess, SupervisionLimits } from './process-supervisor';
import { FakeProcess } from './testing/fake-process';

const LIMITS: SupervisionLimits = { timeoutMs: 1_000, maxOutputBytes: 1_024, killGraceMs: 60, drainMs: 40 };
const later = (fn: () => void): void => void setImmediate(fn);

describe('superviseProcess', () => {
  it('collects stdout and stderr of a process that exits by itself', async () => {
    const child = new FakeProcess();
    later(() => {
      child.print('out', 'err');
      child.exit(0);
    });
    await expect(superviseProcess(() => child, LIMITS)).resolves.toEqual({
      exitCode: 0, signal: null, stdout: 'out', stderr: 'err', truncated: false, timedOut: false, stoppedForOutput: false, spawnError: null,
    });
    expect(child.signals).toEqual([]);
  });

  it('sends SIGTERM to the group at the timeout and reports it', async () => {
    const child = new FakeProcess();
    const run = await superviseProcess(() => child, { ...LIMITS, timeoutMs: 20 });
    expect(run).toMatchObject({ timedOut: true, exitCode: null, signal: 'SIGTERM' });
    expect(child.signals).toEqual(['SIGTERM']);
  });

  it('escalates to SIGKILL when SIGTERM is ignored', async () => {
    const child = new FakeProcess({ ignoreSigterm: true });
    const started = Date.now();
    const run = await superviseProcess(() => child, { ...LIMITS, timeoutMs: 20 });
    expect(run).toMatchObject({ timedOut: true, signal: 'SIGKILL' });
    expect(child.signals).toEqual(['SIGTERM', 'SIGKILL']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(20 + LIMITS.killGraceMs - 5);
  });

  it('settles even when the process never exits', async () => {
    const child = new FakeProcess({ ignoreSigterm: true });
    child.killGroup = (signal) => void child.signals.push(signal);
    const started = Date.now();
    const run = await superviseProcess(() => child, { ...LIMITS, timeoutMs: 20 });
    expect(run).toMatchObject({ timedOut: true, exitCode: null, signal: null });
    expect(Date.now() - started).toBeLessThan(20 + LIMITS.killGraceMs + LIMITS.drainMs + 500);
    expect(child.signals.at(-1)).toBe('SIGKILL');
  });

  it('does not wait for pipes a grandchild keeps open after the exit, and kills the group', async () => {
    const child = new FakeProcess({ keepPipesOpen: true });
    later(() => {
      child.print('partial');
      child.exit(0);
    });
    const run = await superviseProcess(() => child, LIMITS);
    expect(run).toMatchObject({ exitCode: 0, stdout: 'partial', timedOut: false });
    expect(child.signals).toEqual(['SIGKILL']);
    expect(child.stdout.destroyed).toBe(true);
  });

  it('stops a process whose output passes the cap and keeps exactly the cap', async () => {
    const child = new FakeProcess();
    const line = Buffer.alloc(100, 'x');
    const flood = setInterval(() => child.hasExited || child.print(line), 1);
    const run = await superviseProcess(() => child, LIMITS).finally(() => clearInterval(flood));
    expect(run).toMatchObject({ truncated: true, stoppedForOutput: true, timedOut: false, signal: 'SIGTERM' });
    expect(Buffer.byteLength(run.stdout)).toBe(LIMITS.maxOutputBytes);
  });

  it('marks output truncated, without a stop, when the cap is passed after the exit', async () => {
    const child = new FakeProcess({ keepPipesOpen: true });
    later(() => {
      child.exit(0);
      // The pipe still holds output the exited process wrote.
      setTimeout(() => {
        child.stdout.end(Buffer.alloc(2_000, 'y'));
        child.stderr.end();
      }, 5);
    });
    const run = await superviseProcess(() => child, LIMITS);
    expect(run).toMatchObject({ exitCode: 0, truncated: true, stoppedForOutput: false });
    expect(child.signals).toEqual([]);
  });

  it('reports a start failure signalled by an error event', async () => {
    const child = new FakeProcess();
    later(() => child.failToStart('EACCES'));
    const run = await superviseProcess(() => child, LIMITS);
    expect(run.spawnError).toMatchObject({ code: 'EACCES' });
    expect(run.exitCode).toBeNull();
  });

  it('reports a start failure thrown by spawn', async () => {
    const run = await superviseProcess(() => {
      throw new TypeError('args must not contain null bytes');
    }, LIMITS);
    expect(run.spawnError).toBeInstanceOf(TypeError);
  });
});
