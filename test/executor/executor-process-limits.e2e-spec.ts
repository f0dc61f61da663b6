import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { KubectlExecutor } from '@app/executor';
import { approved, eventually, FAKE_KUBECTL_DIR, isAlive, RunningExecutor, startExecutor } from './executor-harness';

const fake = (name: string): string => join(FAKE_KUBECTL_DIR, name);

/** Real processes (small scripts standing in for kubectl) through the real ExecutorModule. */
describe('KubectlExecutor process limits (e2e)', () => {
  let home: string;
  const started: RunningExecutor[] = [];
  const executor = async (kubectlPath: string, options: { timeoutMs?: number; maxOutputBytes?: number } = {}): Promise<KubectlExecutor> => {
    const running = await startExecutor({
      kubectlPath,
      baseEnv: {
        ...process.env,
        HOME: home,
        KUBECONFIG: join(home, 'config'),
        KUBERNETES_SERVICE_HOST: '10.96.0.1',
        KUBERNETES_SERVICE_PORT: '443',
        POD_NAMESPACE: 'tools',
        KUBECTL_EXTERNAL_DIFF: 'rm -rf',
        KUBECTL_PLUGINS_PATH: '/tmp/plugins',
        KUBE_EDITOR: 'vim',
        EDITOR: 'vim',
        OPENAI_API_KEY: 'sk-secret',
        API_AUTH_KEY: 'api-secret',
      },
      ...options,
    });
    started.push(running);
    return running.executor;
  };

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'executor-home-'));
  });

  afterAll(async () => {
    await Promise.all(started.map((running) => running.close()));
    await rm(home, { recursive: true, force: true });
  });

  it('gives kubectl the exact argv, an empty private cwd, closed stdin and only the allowed variables', async () => {
    const sut = await executor(fake('env-dump'));
    const argv = ['get', 'pods', '-l', 'app in (a, b)', '$(touch /tmp/pwned)', '; ls', '*'];

    const outcome = await sut.run(approved(...argv));

    expect(outcome).toMatchObject({ success: true, result: { type: 'text' } });
    const seen = JSON.parse(outcome.stdout) as { argv: string[]; cwd: string; env: Record<string, string>; stdinBytes: number };
    expect(seen.argv).toEqual(argv);
    expect(seen.env).toEqual({
      PATH: process.env.PATH,
      HOME: home,
      KUBECONFIG: join(home, 'config'),
      KUBERNETES_SERVICE_HOST: '10.96.0.1',
      KUBERNETES_SERVICE_PORT: '443',
      POD_NAMESPACE: 'tools',
    });
    expect(seen.stdinBytes).toBe(0);
    expect(seen.cwd).not.toBe(process.cwd());
    expect(dirname(seen.cwd)).toBe(tmpdir());
    expect(await readdir(seen.cwd)).toEqual([]);
  });

  it('kills a kubectl that ignores SIGTERM, and the grandchild holding its pipe, within timeout + 1 s', async () => {
    const timeoutMs = 1_000;
    const sut = await executor(fake('ignore-sigterm'), { timeoutMs });
    const begin = Date.now();

    const outcome = await sut.run(approved('get', 'pods', '--watch'));

    const elapsed = Date.now() - begin;
    expect(outcome).toMatchObject({ success: false, timedOut: true, signal: 'SIGKILL', error: { type: 'timeout', code: 'EXECUTION_TIMEOUT' } });
    // The design bound is timeout + 1 s; the slack is for a loaded CI machine.
    expect(elapsed).toBeLessThan(timeoutMs + 1_000 + 1_000);
    const [pid, grandchild] = outcome.stdout.trim().split(' ').map(Number);
    expect(pid).toBeGreaterThan(0);
    expect(grandchild).toBeGreaterThan(0);
    expect(await eventually(() => !isAlive(pid) && !isAlive(grandchild), 1_000)).toBe(true);
  });

  it('keeps exactly maxOutputBytes of endless output and stops the process', async () => {
    const maxOutputBytes = 1_048_576;
    const sut = await executor(fake('print-forever'), { maxOutputBytes });
    const heapBefore = process.memoryUsage().heapUsed;

    const outcome = await sut.run(approved('logs', '-f', 'chatty'));

    expect(outcome).toMatchObject({ success: false, truncated: true, timedOut: false, error: { type: 'truncated', code: 'OUTPUT_TRUNCATED' } });
    expect(Buffer.byteLength(outcome.stdout)).toBe(maxOutputBytes);
    expect(outcome.stdout.startsWith('NAME-OF-A-POD-THAT-NEVER-ENDS')).toBe(true);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(32 * 1024 * 1024);
  });

  it('reports a non-zero exit with stdout, stderr and the exit code', async () => {
    const sut = await executor(fake('exit-3'));

    const outcome = await sut.run(approved('get', 'secrets'));

    expect(outcome).toMatchObject({
      success: false,
      exitCode: 3,
      signal: null,
      stdout: 'partial output\n',
      stderr: 'error: the server has asked for the client to provide credentials\n',
      error: { type: 'exit', code: 'KUBECTL_EXIT_3', message: 'error: the server has asked for the client to provide credentials', exitCode: 3 },
    });
    expect(Date.parse(outcome.endTime) - Date.parse(outcome.startTime)).toBe(outcome.durationMs);
  });
});
