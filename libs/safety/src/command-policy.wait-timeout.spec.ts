import { CommandPolicy } from './command-policy';
import { VerdictCode } from './verdict';

describe(`${CommandPolicy.name} lowering the --timeout of commands that wait`, () => {
  const sut = new CommandPolicy({ allowWrites: false, maxWaitMs: 27_000 });
  const uncapped = new CommandPolicy({ allowWrites: false });
  const LOWERED = '--timeout=27s';

  it.each([
    ['kubectl wait --for=condition=Ready pods --all -n slow --timeout=300s', 'an explicit timeout over the cap'],
    ['kubectl wait --for=condition=Ready pod/web --timeout 5m', 'a detached timeout over the cap'],
    ['kubectl wait --for=condition=Ready pod/web', "kubectl's 30 s default"],
    ['kubectl wait --for=delete pod/web --timeout=5s --timeout=60s', 'the last of several timeouts, which kubectl uses'],
    ['kubectl rollout status deploy/web', "rollout status's default of waiting for ever"],
    ['kubectl rollout status deploy/web --timeout=0s', 'a zero timeout, which rollout status reads as never'],
    ['kubectl rollout status deploy/web -n x --timeout=2m', 'a rollout status with a long timeout'],
  ])('appends --timeout=27s to %s (%s)', (command) => {
    const verdict = sut.evaluate(command);
    expect(verdict).toMatchObject({ decision: 'read', code: VerdictCode.READ_ALLOWED });
    expect(verdict.argv).toEqual([...uncapped.evaluate(command).argv, LOWERED]);
    expect(verdict.approved?.argv).toEqual(verdict.argv);
    expect(verdict.message).toMatch(/is a read; its --timeout is lowered to 27s so that it ends before the execution timeout/);
  });

  it.each([
    ['kubectl wait --for=condition=Ready pod/web --timeout=20s', 'a shorter timeout'],
    ['kubectl wait --for=condition=Ready pod/web --timeout=27s', 'a timeout equal to the cap'],
    ['kubectl wait --for=condition=Ready pod/web --timeout=0', 'a zero timeout, which wait reads as check once'],
    ['kubectl wait --for=delete pod/web --timeout=60s --timeout=5s', 'a short last timeout'],
    ['kubectl rollout status deploy/web --timeout=10s', 'a short rollout status'],
    ['kubectl rollout status deploy/web --watch=false', 'a rollout status that does not wait'],
    ['kubectl rollout history deploy/web', 'a rollout verb that does not wait'],
    ['kubectl get pods --request-timeout=60s', 'another verb'],
    ['kubectl logs web-0 --pod-running-timeout=1m', 'another verb with a timeout of its own'],
  ])('leaves %s as written (%s)', (command) => {
    const verdict = sut.evaluate(command);
    expect(verdict.decision).toBe('read');
    expect(verdict.argv).toEqual(uncapped.evaluate(command).argv);
    expect(verdict.message).not.toMatch(/lowered/);
  });

  it('still refuses a timeout over 300 s rather than lowering it', () => {
    expect(sut.evaluate('kubectl wait pod/x --for=delete --timeout=1h')).toMatchObject({ decision: 'deny', code: VerdictCode.FLAG_DENIED });
  });

  it('appends the lower timeout after a pinned namespace', () => {
    const scoped = new CommandPolicy({ allowWrites: false, allowedNamespaces: ['team-a'], defaultNamespace: 'team-a', maxWaitMs: 27_000 });
    expect(scoped.evaluate('kubectl rollout status deploy/web').argv).toEqual(['rollout', 'status', 'deploy/web', '--namespace=team-a', LOWERED]);
  });

  it('writes a cap that is not a whole number of seconds in ms', () => {
    const tight = new CommandPolicy({ allowWrites: false, maxWaitMs: 1_500 });
    expect(tight.evaluate('kubectl wait --for=condition=Ready pod/web').argv.at(-1)).toBe('--timeout=1500ms');
  });

  it.each([undefined, null])('lowers nothing when maxWaitMs is %s', (maxWaitMs) => {
    const withoutCap = new CommandPolicy({ allowWrites: false, maxWaitMs });
    expect(withoutCap.evaluate('kubectl rollout status deploy/web').argv).toEqual(['rollout', 'status', 'deploy/web']);
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects maxWaitMs %s at start-up', (maxWaitMs) => {
    expect(() => new CommandPolicy({ allowWrites: false, maxWaitMs })).toThrow(/maxWaitMs/);
  });
});
