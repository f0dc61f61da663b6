import { Logger } from '@nestjs/common';
import { readdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ApprovedCommand } from '../../safety/src/approved-command';
import { approvedForTest } from '../../safety/src/testing/approved-for-test';
import { ExecutorError, ExecutorErrorCode } from './executor.errors';
import { ExecutorModuleOptions } from './executor.options';
import { KubectlExecutor } from './kubectl-executor';
import { FakeProcess, FakeProcessRunner } from './testing/fake-process';

const BASE_ENV = {
  PATH: dirname(process.execPath),
  HOME: '/home/app',
  KUBECONFIG: '/etc/kube/config',
  KUBECTL_EXTERNAL_DIFF: 'evil-diff',
  OPENAI_API_KEY: 'sk-secret',
  API_AUTH_KEY: 'secret',
};
const OPTIONS: ExecutorModuleOptions = { kubectlPath: process.execPath, baseEnv: BASE_ENV };
const approved = (...argv: string[]): ApprovedCommand => approvedForTest(argv);
/** The commands run, without the start-up `kubectl version --client -o json` probe. */
const commandsRun = (runner: FakeProcessRunner) => runner.calls.filter((call) => call.args[0] !== 'version' || call.args[1] !== '--client');
const VERSION = (minor: string): string => JSON.stringify({ clientVersion: { major: '1', minor, gitVersion: `v1.${minor}.4` } });

describe(KubectlExecutor.name, () => {
  const started: KubectlExecutor[] = [];
  const create = async (runner: FakeProcessRunner, options: Partial<ExecutorModuleOptions> = {}): Promise<KubectlExecutor> => {
    const sut = new KubectlExecutor({ ...OPTIONS, ...options }, runner);
    started.push(sut);
    await sut.onModuleInit();
    return sut;
  };

  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation();
    jest.spyOn(Logger.prototype, 'warn').mockImplementation();
    jest.spyOn(Logger.prototype, 'debug').mockImplementation();
  });

  afterEach(async () => {
    await Promise.all(started.splice(0).map((sut) => sut.onModuleDestroy()));
    jest.restoreAllMocks();
  });

  it('refuses anything the policy did not issue, without starting a process', async () => {
    const runner = new FakeProcessRunner();
    const sut = await create(runner);
    const forged = Object.create(ApprovedCommand.prototype, { argv: { value: ['get', 'pods'] } }) as ApprovedCommand;

    for (const command of [forged, { argv: ['get', 'pods'], tier: 'read', dryRun: false } as unknown as ApprovedCommand]) {
      await expect(sut.run(command)).rejects.toMatchObject({ code: ExecutorErrorCode.NOT_APPROVED });
    }
    expect(commandsRun(runner)).toHaveLength(0);
  });

  it('reports a missing kubectl at start-up and then fails runs with KUBECTL_UNAVAILABLE', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation();
    const runner = new FakeProcessRunner();
    const sut = await create(runner, { kubectlPath: 'kubectl-that-does-not-exist' });

    expect(sut.available).toBe(false);
    expect(String(logged.mock.calls[0]?.[0])).toContain('kubectl not found: "kubectl-that-does-not-exist"');
    const error = await sut.run(approved('get', 'pods')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExecutorError);
    expect(error).toMatchObject({ code: ExecutorErrorCode.KUBECTL_UNAVAILABLE });
    expect(runner.calls).toHaveLength(0);
  });

  it('looks the binary up on the PATH of the base environment', async () => {
    const runner = new FakeProcessRunner();
    const sut = await create(runner, { kubectlPath: 'node', baseEnv: { PATH: dirname(process.execPath) } });
    await sut.run(approved('version', '--client'));
    expect(runner.calls.map((call) => call.file)).toEqual([process.execPath, process.execPath]);
  });

  it('starts the binary with the exact argv, an empty private cwd and the filtered environment', async () => {
    const runner = new FakeProcessRunner();
    const sut = await create(runner);
    await sut.run(approved('get', 'pods', '-n', 'x', '--selector=app in (a,b)', '$(rm -rf /)'));

    const [call] = commandsRun(runner);
    expect(call.file).toBe(process.execPath);
    expect(call.args).toEqual(['get', 'pods', '-n', 'x', '--selector=app in (a,b)', '$(rm -rf /)']);
    expect(call.options.env).toEqual({ PATH: BASE_ENV.PATH, HOME: '/home/app', KUBECONFIG: '/etc/kube/config' });
    expect((await stat(call.options.cwd)).mode & 0o777).toBe(0o700);
    expect(await readdir(call.options.cwd)).toEqual([]);
  });

  it('starts kubectl as the caller when told to impersonate, flags first, leaving the approval untouched', async () => {
    const debug = jest.spyOn(Logger.prototype, 'debug').mockImplementation();
    const runner = new FakeProcessRunner();
    const sut = await create(runner);
    const command = approved('create', 'job', 'x', '--image=busybox', '--', 'echo', 'hi');

    await sut.run(command, { caller: 'key:a', impersonate: { user: 'chatbot@example.com', groups: ['viewers', 'team a'] } });

    expect(commandsRun(runner)[0].args).toEqual([
      '--as=chatbot@example.com', '--as-group=viewers', '--as-group=team a', 'create', 'job', 'x', '--image=busybox', '--', 'echo', 'hi',
    ]);
    expect(command.argv).toEqual(['create', 'job', 'x', '--image=busybox', '--', 'echo', 'hi']);
    expect(debug).toHaveBeenCalledWith(
      expect.stringMatching(/^kubectl --as=chatbot@example\.com --as-group=viewers '--as-group=team a' create job x --image=busybox -- echo hi -> OK in \d+ ms$/),
    );
  });

  it('starts kubectl with the approved words alone when the caller has no impersonation', async () => {
    const runner = new FakeProcessRunner();
    const sut = await create(runner);
    await sut.run(approved('get', 'pods'), { caller: 'key:a', impersonate: null });
    expect(commandsRun(runner)[0].args).toEqual(['get', 'pods']);
  });

  it('refuses an invalid impersonation with IMPERSONATION_INVALID, without a process or a slot', async () => {
    const runner = new FakeProcessRunner();
    const sut = await create(runner, { concurrency: 1, queueLimit: 0 });

    await expect(sut.run(approved('get', 'pods'), { impersonate: { user: 'alice\r\nX-Evil: 1', groups: [] } })).rejects.toMatchObject({
      code: ExecutorErrorCode.IMPERSONATION_INVALID,
    });
    expect(commandsRun(runner)).toHaveLength(0);
    expect(sut.load).toMatchObject({ running: 0, queued: 0 });
    await expect(sut.run(approved('get', 'pods'))).resolves.toMatchObject({ success: true });
  });

  it.each([
    ['apiResources', ['api-resources', '-o', 'wide']],
    ['namespaces', ['get', 'namespaces', '-o', 'name']],
    ['defaultNamespace', ['config', 'view', '--minify', '-o', 'jsonpath={..namespace}']],
  ] as const)('runs the fixed cluster query %s with the same cwd and environment as any command', async (query, argv) => {
    const runner = new FakeProcessRunner((p) => {
      p.print('namespace/default\n');
      p.exit(0);
    });
    const sut = await create(runner);

    const outcome = await sut.queryCluster(query);

    const [call] = commandsRun(runner);
    expect(call.args).toEqual(argv);
    expect(call.options.env).toEqual({ PATH: BASE_ENV.PATH, HOME: '/home/app', KUBECONFIG: '/etc/kube/config' });
    expect(outcome).toMatchObject({ success: true, stdout: 'namespace/default\n', result: { type: 'text' } });
  });

  it('fails cluster queries with KUBECTL_UNAVAILABLE when there is no kubectl', async () => {
    const sut = await create(new FakeProcessRunner(), { kubectlPath: 'kubectl-that-does-not-exist' });

    await expect(sut.queryCluster('namespaces')).rejects.toMatchObject({ code: 'KUBECTL_UNAVAILABLE' });
  });

  it('returns a successful outcome with a structured result', async () => {
    const runner = new FakeProcessRunner((p) => {
      p.print('NAME    READY   STATUS\nweb-0   1/1     Running\n');
      p.exit(0);
    });
    const sut = await create(runner);
    const outcome = await sut.run(approvedForTest(['get', 'pods'], { outputFormat: 'table' }));
    expect(outcome).toMatchObject({ success: true, exitCode: 0, error: null, truncated: false, timedOut: false });
    expect(outcome.result).toMatchObject({ type: 'table', rows: [{ NAME: 'web-0', READY: '1/1', STATUS: 'Running' }] });
  });

  it('reports a failing kubectl in the outcome, not as an exception', async () => {
    const runner = new FakeProcessRunner((p) => {
      p.print('', 'Error from server (Forbidden): pods is forbidden\n');
      p.exit(1);
    });
    const sut = await create(runner);
    const outcome = await sut.run(approved('get', 'pods'));
    expect(outcome).toMatchObject({ success: false, exitCode: 1, error: { type: 'exit', code: 'KUBECTL_EXIT_1', message: 'Error from server (Forbidden): pods is forbidden' } });
  });

  it('kills a process that ignores SIGTERM and settles within timeout + 1 s', async () => {
    const runner = new FakeProcessRunner(() => undefined, { ignoreSigterm: true });
    const sut = await create(runner, { timeoutMs: 50 });
    const begin = Date.now();
    const outcome = await sut.run(approved('get', 'pods', '-w'));
    expect(Date.now() - begin).toBeLessThan(50 + 1_000);
    expect(outcome).toMatchObject({ success: false, timedOut: true, error: { type: 'timeout', code: 'EXECUTION_TIMEOUT' } });
    expect(commandsRun(runner)[0].process.signals).toEqual(['SIGTERM', 'SIGKILL']);
  });

  it('stops a process at the output cap', async () => {
    const runner = new FakeProcessRunner((p) => {
      const flood = setInterval(() => (p.hasExited ? clearInterval(flood) : p.print(Buffer.alloc(512, 'x'))), 1);
    });
    const sut = await create(runner, { maxOutputBytes: 4_096 });
    const outcome = await sut.run(approved('logs', 'web-0'));
    expect(outcome).toMatchObject({ success: false, truncated: true, error: { type: 'truncated', code: 'OUTPUT_TRUNCATED' } });
    expect(outcome.stdout).toHaveLength(4_096);
  });

  it('runs at most `concurrency` processes, queues the next ones and refuses beyond the queue', async () => {
    const processes: FakeProcess[] = [];
    const runner = new FakeProcessRunner((p) => processes.push(p));
    const sut = await create(runner, { concurrency: 2, queueLimit: 1 });

    await sut.versionChecked;
    processes.splice(0);
    const runs = [
      sut.run(approved('get', 'pods'), { caller: 'a' }),
      sut.run(approved('get', 'nodes'), { caller: 'b' }),
      sut.run(approved('get', 'ns'), { caller: 'c' }),
    ];
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sut.load).toEqual({ running: 2, queued: 1, concurrency: 2, queueLimit: 1 });
    expect(commandsRun(runner)).toHaveLength(2);
    await expect(sut.run(approved('get', 'svc'), { caller: 'd' })).rejects.toMatchObject({
      code: ExecutorErrorCode.EXECUTOR_BUSY,
      retryAfterSeconds: expect.any(Number),
    });

    processes[0].exit(0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(commandsRun(runner).map((c) => c.args[1])).toEqual(['pods', 'nodes', 'ns']);
    processes.slice(1).forEach((p) => p.exit(0));
    await expect(Promise.all(runs)).resolves.toHaveLength(3);
    expect(sut.load).toMatchObject({ running: 0, queued: 0 });
  });

  it("runs another caller's command while one caller floods slow ones", async () => {
    const processes: FakeProcess[] = [];
    const runner: FakeProcessRunner = new FakeProcessRunner((p, call) => (runner.calls[call].args[0] === 'wait' ? processes.push(p) : p.exit(0)));
    const sut = await create(runner, { concurrency: 4, queueLimit: 64 });

    const flood = Array.from({ length: 12 }, () => sut.run(approved('wait', '--for=condition=Ready', 'pods', '--all'), { caller: 'key:a' }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const other = await sut.run(approved('get', 'pods'), { caller: 'key:b' });

    expect(other.success).toBe(true);
    expect(processes).toHaveLength(2);
    expect(sut.load).toMatchObject({ running: 2, queued: 10 });
    for (let served = 0; served < 12; served++) {
      processes[served].exit(0);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await expect(Promise.all(flood)).resolves.toHaveLength(12);
  });

  it('shares one fair share between calls that name no caller', async () => {
    const processes: FakeProcess[] = [];
    const runner = new FakeProcessRunner((p) => processes.push(p));
    const sut = await create(runner, { concurrency: 4 });
    const runs = Array.from({ length: 3 }, () => sut.run(approved('get', 'pods')));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sut.load).toMatchObject({ running: 2, queued: 1 });
    processes.forEach((p) => p.exit(0));
    await new Promise((resolve) => setTimeout(resolve, 20));
    processes.forEach((p) => p.exit(0));
    await expect(Promise.all(runs)).resolves.toHaveLength(3);
  });

  it('kills running processes and removes its working directory on shutdown', async () => {
    const runner = new FakeProcessRunner(() => undefined);
    const sut = await create(runner);
    const pending = sut.run(approved('get', 'pods', '-w'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const [command] = commandsRun(runner);
    const { cwd } = command.options;

    await sut.onModuleDestroy();

    expect(command.process.signals).toContain('SIGKILL');
    await expect(pending).resolves.toMatchObject({ success: false });
    await expect(stat(cwd)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it.each([
    ['another minor release', VERSION('36'), /kubectl 1\.36 was found.*verified against kubectl 1\.32/],
    ['output that is not a version', 'not json', /version could not be read.*verified against kubectl 1\.32/],
  ])('warns at start-up about %s, having asked kubectl for its client version without cluster settings', async (_case, stdout, warning) => {
    const warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation();
    const runner = new FakeProcessRunner((p) => {
      p.print(stdout);
      p.exit(0);
    });
    const sut = await create(runner);
    await sut.versionChecked;

    expect(runner.calls[0].args).toEqual(['version', '--client', '-o', 'json']);
    expect(runner.calls[0].options.env).toEqual({ PATH: BASE_ENV.PATH, HOME: '/home/app' });
    expect(warned).toHaveBeenCalledWith(expect.stringMatching(warning));
  });

  it('says nothing about the verified minor release, whatever the patch level or build suffix', async () => {
    const warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation();
    const sut = await create(new FakeProcessRunner((p) => (p.print(VERSION('32+')), p.exit(0))));
    await sut.versionChecked;

    expect(warned).not.toHaveBeenCalled();
  });

  it('does not hold up start-up while kubectl answers its version slowly', async () => {
    const runner = new FakeProcessRunner(() => undefined);
    const sut = await create(runner);

    expect(sut.available).toBe(true);
    expect(runner.calls).toHaveLength(1);
    await sut.onModuleDestroy();
    expect(runner.calls[0].process.signals).toContain('SIGKILL');
  });

  it.each([{ concurrency: 0 }, { timeoutMs: -1 }, { maxOutputBytes: 1.5 }, { queueLimit: -1 }, { kubectlPath: ' ' }])('rejects the option %j', (bad) => {
    expect(() => new KubectlExecutor({ ...OPTIONS, ...bad }, new FakeProcessRunner())).toThrow(TypeError);
  });
});
