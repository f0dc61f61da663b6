import { buildOutcome, RunContext } from './outcome-builder';
import { SupervisedRun } from './process-supervisor';

const CONTEXT: RunContext = { format: 'table', startedAt: Date.UTC(2025, 0, 1), endedAt: Date.UTC(2025, 0, 1) + 1_250, timeoutMs: 30_000, maxOutputBytes: 1_048_576 };
const TABLE = 'NAME    AGE\nweb-0   3h\n';
const run = (overrides: Partial<SupervisedRun>): SupervisedRun => ({
  exitCode: 0, signal: null, stdout: TABLE, stderr: '', truncated: false, timedOut: false, stoppedForOutput: false, spawnError: null, ...overrides,
});

describe('buildOutcome', () => {
  it('describes a successful run with its structured result and timing', () => {
    expect(buildOutcome(run({}), CONTEXT)).toEqual({
      success: true, exitCode: 0, signal: null, stdout: TABLE, stderr: '', truncated: false, timedOut: false,
      startTime: '2025-01-01T00:00:00.000Z', endTime: '2025-01-01T00:00:01.250Z', durationMs: 1_250,
      result: { type: 'table', columns: ['NAME', 'AGE'], rows: [{ NAME: 'web-0', AGE: '3h' }], raw: TABLE },
      error: null,
    });
  });

  it.each<[string, Partial<SupervisedRun>, object]>([
    ['a non-zero exit', { exitCode: 1, stdout: '', stderr: '  Error from server (NotFound): pods "x" not found\n' },
      { type: 'exit', code: 'KUBECTL_EXIT_1', message: 'Error from server (NotFound): pods "x" not found', exitCode: 1 }],
    ['a non-zero exit without stderr', { exitCode: 3, stdout: '' }, { type: 'exit', code: 'KUBECTL_EXIT_3', message: 'kubectl exited with code 3' }],
    ['a signal we did not send', { exitCode: null, signal: 'SIGSEGV' }, { type: 'exit', code: 'KUBECTL_SIGNAL_SIGSEGV', exitCode: null }],
    ['a timeout', { exitCode: null, signal: 'SIGTERM', timedOut: true },
      { type: 'timeout', code: 'EXECUTION_TIMEOUT', message: 'kubectl did not finish within 30 s and was stopped' }],
    ['an output stop', { exitCode: null, signal: 'SIGTERM', truncated: true, stoppedForOutput: true }, { type: 'truncated', code: 'OUTPUT_TRUNCATED' }],
    ['a start failure', { exitCode: null, stdout: '', spawnError: Object.assign(new Error('spawn'), { code: 'ENOENT' }) },
      { type: 'spawn', code: 'SPAWN_FAILED', message: 'kubectl could not be started (ENOENT)' }],
  ])('reports %s as a failure', (_case, overrides, error) => {
    const outcome = buildOutcome(run(overrides), CONTEXT);
    expect(outcome.success).toBe(false);
    expect(outcome.error).toMatchObject(error);
  });

  it('keeps a run that exited 0 before the cap was passed a success, flagged truncated', () => {
    const outcome = buildOutcome(run({ truncated: true }), CONTEXT);
    expect(outcome).toMatchObject({ success: true, truncated: true, error: null });
  });

  it.each<[string, Partial<SupervisedRun>]>([
    ['timed out', { exitCode: null, signal: 'SIGTERM', timedOut: true }],
    ['stopped at the cap', { exitCode: null, signal: 'SIGTERM', truncated: true, stoppedForOutput: true }],
    ['truncated after a clean exit', { truncated: true }],
  ])('gives the output of a run %s as text, never as a partial table', (_case, overrides) => {
    expect(buildOutcome(run(overrides), CONTEXT).result).toEqual({ type: 'text', data: TABLE, raw: TABLE });
  });

  it('has no result when kubectl could not start', () => {
    expect(buildOutcome(run({ spawnError: new Error('x'), exitCode: null }), CONTEXT).result).toBeNull();
  });

  it('caps a long stderr in the error message', () => {
    const outcome = buildOutcome(run({ exitCode: 1, stderr: 'e'.repeat(10_000) }), CONTEXT);
    expect(outcome.error?.message.length).toBeLessThanOrEqual(2_001);
    expect(outcome.stderr).toHaveLength(10_000);
  });
});
