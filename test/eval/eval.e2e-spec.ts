import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Logger } from '@nestjs/common';
import { KubectlCommandGenerator } from '@app/llm';
import { LlmBehaviour, ScriptedLlmServer, startScriptedLlmServer } from '../support/scripted-llm-server';
import { EvalWorker } from './eval-cluster';
import { EvalPolicy } from './eval-policy';
import { runTasks, TaskResult } from './eval-runner';
import { EvalScorer } from './eval-scorer';
import { EvalTask } from './eval-task';

const REPO_ROOT = resolve(__dirname, '../..');

function task(id: string, reference: string | null, extra: Partial<EvalTask> = {}): EvalTask {
  return { id, category: 'pods', prompt: `prompt ${id}`, reference, compareOutput: false, expect: reference === null ? 'refuse' : 'pass', ...extra };
}

describe('npm run eval', () => {
  let llm: ScriptedLlmServer;
  let worker: EvalWorker;
  let answers: Map<string, string | LlmBehaviour>;
  let sut: (tasks: EvalTask[], runs?: number) => Promise<TaskResult[]>;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    answers = new Map();
    llm = await startScriptedLlmServer({ respond: (call) => answers.get(call.userMessage ?? '') ?? 'I cannot help with that.' });
    worker = await EvalWorker.start('kubectl', 20_000);
    const generator = new KubectlCommandGenerator({ baseUrl: llm.baseUrl, model: 'scripted', timeoutMs: 10_000, maxRetries: 0 });
    const scorer = new EvalScorer(new EvalPolicy(5_000), (prompt) => generator.generate(prompt));
    sut = (tasks, runs = 1) => runTasks({ tasks, runs, workers: [worker], scorer });
  });

  afterAll(async () => {
    await worker?.stop();
    await llm?.close();
  });

  async function score(reference: string | null, answer: string | LlmBehaviour, extra: Partial<EvalTask> = {}): Promise<TaskResult> {
    const id = `t${answers.size}`;
    answers.set(`prompt ${id}`, answer);
    const [result] = await sut([task(id, reference, extra)]);
    return result;
  }

  it('passes a right answer, with its command, reason and latency', async () => {
    const result = await score('kubectl get pods -n prod', 'kubectl get pods -n prod', { compareOutput: true });
    expect(result).toMatchObject({ passed: true, runs: [{ command: 'kubectl get pods -n prod', passed: true, reason: 'same requests and output' }] });
    expect(result.runs[0].latency_ms).toEqual(expect.any(Number));
  });

  it.each([
    ['a short name', 'kubectl get pods -n prod', 'kubectl get po -n prod'],
    ['--namespace=', 'kubectl get pods -n prod', 'kubectl get pods --namespace=prod'],
    ['flags in another order', 'kubectl get pods -n prod -l app=web -o wide', 'kubectl get -o wide -l app=web pods --namespace prod'],
    ['a selector in another order', 'kubectl get pods -A -l tier=frontend,env=prod', 'kubectl get pods --all-namespaces --selector env==prod,tier=frontend'],
    ['TYPE/NAME', 'kubectl get deployment web -n prod', 'kubectl get deploy/web -n prod'],
    ['a write without --dry-run (run as the dry run the service would)', 'kubectl scale deployment web -n prod --replicas=5 --dry-run=server', 'kubectl scale deploy/web --replicas 5 -n prod'],
    ['a write kubectl cannot dry-run (run on the fixture cluster)', 'kubectl rollout restart deployment/web -n prod', 'kubectl rollout restart deploy web --namespace prod'],
  ])('passes an equivalent spelling: %s', async (_name, reference, answer) => {
    expect(await score(reference, answer)).toMatchObject({ passed: true });
  });

  it.each([
    ['a wrong namespace', 'kubectl get pods -n prod', 'kubectl get pods -n staging'],
    ['a wrong resource', 'kubectl get pods -n prod', 'kubectl get services -n prod'],
    ['a wrong selector', 'kubectl get pods -n prod -l app=web', 'kubectl get pods -n prod -l app=api'],
    ['a missing field selector', 'kubectl get pods -A --field-selector=status.phase=Failed', 'kubectl get pods -A'],
    ['a wrong object of a name that does not exist', 'kubectl get pod nope-1 -n ghost', 'kubectl get pod nope-2 -n ghost'],
  ])('fails %s, saying which requests differ', async (_name, reference, answer) => {
    const result = await score(reference, answer);
    expect(result.passed).toBe(false);
    expect(result.runs[0].reason).toMatch(/^different requests: got /);
  });

  it('fails the same requests with another output when the task compares output', async () => {
    const result = await score('kubectl get pods -n prod -o wide', 'kubectl get pods -n prod', { compareOutput: true });
    expect(result.runs[0]).toMatchObject({ passed: false, reason: 'same requests, but the output differs' });
  });

  it('tells unknown resource types apart by what kubectl said', async () => {
    expect(await score('kubectl get widgets -n prod', 'kubectl get widgets --namespace prod')).toMatchObject({ passed: true });
    expect(await score('kubectl get widgets -n prod', 'kubectl get gadgets -n prod')).toMatchObject({ passed: false });
  });

  it.each([
    ['the model replies without a command', 'I cannot show Secrets.', true, /^LLM_OUTPUT_INVALID/],
    ['the policy denies the command', 'kubectl get secrets -n prod', true, /^policy denied it \(RESOURCE_DENIED\)/],
    ['the policy denies a namespace deletion', 'kubectl delete namespace prod', true, /^policy denied it/],
    ['the service would not write', 'kubectl delete pod web-0 -n prod', true, /^policy denied it \(WRITES_DISABLED\)/],
    ['the command is approved', 'kubectl get pods -n prod', false, /should have been refused/],
  ])('scores a refusal task when %s', async (_name, answer, passed, reason) => {
    const result = await score(null, answer);
    expect(result.passed).toBe(passed);
    expect(result.runs[0].reason).toMatch(reason);
  });

  it.each([
    ['an upstream 500', { kind: 'status', status: 500 } as LlmBehaviour, /^LLM_UPSTREAM_ERROR/, 'error'],
    ['a bad API key', { kind: 'status', status: 401 } as LlmBehaviour, /^LLM_UPSTREAM_AUTH/, 'error'],
    ['malformed JSON', { kind: 'malformed-json' } as LlmBehaviour, /^LLM_BAD_RESPONSE/, 'unparseable'],
  ])('counts %s as a failure with its reason, not a crash', async (_name, behaviour, reason, outcome) => {
    const result = await score('kubectl get pods', behaviour);
    expect(result.passed).toBe(false);
    expect(result.runs[0]).toMatchObject({ command: null, passed: false, outcome });
    expect(result.runs[0].reason).toMatch(reason);
  });

  it('fails a task whose policy-denied reference cannot be scored, and goes on', async () => {
    answers.set('prompt bad-ref', 'kubectl get pods');
    answers.set('prompt ok', 'kubectl get no');
    const [bad, good] = await sut([task('bad-ref', 'kubectl get secrets'), task('ok', 'kubectl get nodes')]);
    expect(bad.runs[0]).toMatchObject({ passed: false, outcome: 'error' });
    expect(bad.runs[0].reason).toMatch(/^eval error: the reference of task bad-ref is denied/);
    expect(good.passed).toBe(true);
  });

  it('passes a task over k runs only when every run passes', async () => {
    answers.set('prompt flaky', 'kubectl get pods -n prod');
    llm.enqueue('kubectl get pods -n staging');
    const [result] = await sut([task('flaky', 'kubectl get pods -n prod')], 2);
    expect(result.runs.map((run) => run.passed)).toEqual([false, true]);
    expect(result.passed).toBe(false);
  });

  describe('as a child process', () => {
    let dir: string;
    const exec = promisify(execFile);
    const env = (): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, HOME: process.env.HOME, OPENAI_BASE_URL: llm.baseUrl, OPENAI_MODEL: 'scripted', LLM_TIMEOUT: '10' });

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'eval-e2e-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('writes each task\'s passed to --out and exits 0 whatever the score', async () => {
      const tasks = [
        { id: 'right', category: 'pods', prompt: 'cli right', reference: 'kubectl get pods -n prod' },
        { id: 'spelling', category: 'pods', prompt: 'cli spelling', reference: 'kubectl get pods -n prod -l app=web', compare_output: true },
        { id: 'wrong', category: 'services', prompt: 'cli wrong', reference: 'kubectl get services -n prod' },
        { id: 'refused', category: 'refusals', prompt: 'cli refused', reference: null, expect: 'refuse' },
        { id: 'not-refused', category: 'refusals', prompt: 'cli not refused', expect: 'refuse' },
      ];
      answers.set('cli right', 'kubectl get pods -n prod');
      answers.set('cli spelling', 'kubectl get po --selector=app=web --namespace=prod');
      answers.set('cli wrong', 'kubectl get services -n staging');
      answers.set('cli refused', 'kubectl exec -it web-0 -- sh');
      answers.set('cli not refused', 'kubectl get nodes');
      const file = join(dir, 'tasks.json');
      const out = join(dir, 'report.json');
      await writeFile(file, JSON.stringify(tasks));
      llm.reset();
      const { stdout } = await exec('npm', ['run', '--silent', 'eval', '--', '--tasks', file, '--out', out], { cwd: REPO_ROOT, env: env() });
      // The model sees the fixture cluster as the service would show it, the request only in the human message.
      expect(llm.calls[0].systemMessage).toMatch(/Cluster context[\s\S]*Namespaces \(\d+\): [^\n]*prod/);
      expect(llm.calls[0].systemMessage).not.toContain('cli right');
      const report = JSON.parse(await readFile(out, 'utf8')) as { tasks: TaskResult[] };
      expect(Object.fromEntries(report.tasks.map((t) => [t.id, t.passed]))).toEqual({ right: true, spelling: true, wrong: false, refused: true, 'not-refused': false });
      expect(report.tasks[0]).toMatchObject({ id: 'right', category: 'pods', runs: [{ command: 'kubectl get pods -n prod', passed: true, reason: expect.any(String), latency_ms: expect.any(Number) }] });
      expect(stdout).toMatch(/overall\s+5\s+60\.0%/);
    }, 60_000);

    it.each([
      ['an unknown flag', ['--bogus'], /unknown argument "--bogus"/],
      ['a missing task file', ['--tasks', '/nonexistent/tasks.yaml'], /cannot read \/nonexistent\/tasks.yaml/],
      ['a bad --runs', ['--runs', 'zero'], /--runs needs a whole number/],
    ])('exits 2 with a one-line message for %s', async (_name, args, message) => {
      const failure = await exec('npm', ['run', '--silent', 'eval', '--', ...args], { cwd: REPO_ROOT, env: env() }).catch((error: { code: number; stderr: string }) => error);
      expect(failure).toMatchObject({ code: 2, stderr: expect.stringMatching(message) });
    }, 30_000);
  });
});
