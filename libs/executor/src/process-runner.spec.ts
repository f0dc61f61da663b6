import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { ProcessHandle, ProcessRunner } from './process-runner';

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
}

/** Resolves once the process has exited and its stdout is drained: 'exit' may come before the last output. */
async function finished(handle: ProcessHandle): Promise<Finished> {
  let stdout = '';
  handle.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  handle.stderr.resume();
  const drained = new Promise((resolve) => handle.stdout.once('close', resolve));
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => handle.onExit((...exit) => resolve(exit)));
  await drained;
  return { code, signal, stdout };
}

/** Gone, or a zombie nobody has reaped yet (containers often lack an init that reaps). */
function isGone(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z') ?? true;
  } catch {
    return true;
  }
}

describe(ProcessRunner.name, () => {
  const sut = new ProcessRunner();
  const options = { cwd: tmpdir(), env: { ONLY_THIS: 'yes' } };

  it('passes every argument literally, without a shell', async () => {
    const args = ['$HOME', '; echo hacked', '*', '$(id)', "it's"];
    const handle = sut.spawn(process.execPath, ['-e', 'console.log(JSON.stringify(process.argv.slice(1)))', ...args], options);
    const { code, stdout } = await finished(handle);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(args);
  });

  it('gives the child exactly the environment and cwd it is told, and a closed stdin', async () => {
    const script = 'console.log(JSON.stringify({ env: process.env, cwd: process.cwd(), stdin: require("fs").readFileSync(0).length }))';
    const { stdout } = await finished(sut.spawn(process.execPath, ['-e', script], options));
    expect(JSON.parse(stdout)).toEqual({ env: { ONLY_THIS: 'yes' }, cwd: tmpdir(), stdin: 0 });
  });

  it('kills the whole process group, grandchildren included', async () => {
    const handle = sut.spawn('/bin/sh', ['-c', 'sleep 30 & echo $!; wait'], { cwd: tmpdir(), env: { PATH: '/usr/bin:/bin' } });
    const grandchild = await new Promise<number>((resolve) => handle.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))));
    const exit = new Promise<NodeJS.Signals | null>((resolve) => handle.onExit((_code, signal) => resolve(signal)));

    handle.killGroup('SIGKILL');

    expect(await exit).toBe('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(isGone(grandchild)).toBe(true);
    expect(() => handle.killGroup('SIGKILL')).not.toThrow();
  });

  it('reports a missing binary as an error event without a pid', async () => {
    const handle = sut.spawn('/nonexistent/kubectl', [], options);
    const error = await new Promise<Error>((resolve) => handle.onError(resolve));
    expect(error).toMatchObject({ code: 'ENOENT' });
    expect(handle.pid).toBeUndefined();
  });
});
