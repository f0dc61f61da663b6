import { ApprovedCommand } from './approved-command';
import { CommandPolicy } from './command-policy';
import { VerdictCode } from './verdict';

describe(`${CommandPolicy.name} remembered verdicts`, () => {
  it('judges a repeated command the same way, keeping dry runs and real runs apart', () => {
    const sut = new CommandPolicy({ allowWrites: false });
    const command = 'kubectl scale deploy/web --replicas=2';

    const asDryRun = sut.evaluate(command, { dryRun: true });
    const asRun = sut.evaluate(command);
    const again = sut.evaluate(command, { dryRun: true });

    expect(asDryRun.code).toBe(VerdictCode.DRY_RUN_ALLOWED);
    expect(asRun.code).toBe(VerdictCode.WRITES_DISABLED);
    expect(again).toEqual(asDryRun);
    expect(ApprovedCommand.isGenuine(again.approved)).toBe(true);
  });

  it('hands out verdicts no caller can alter for the next one', () => {
    const sut = new CommandPolicy({ allowWrites: false });
    const first = sut.evaluate('kubectl get pods -n default');

    expect(Object.isFrozen(first)).toBe(true);
    expect(() => (first.argv as string[]).push('--all-namespaces')).toThrow(TypeError);
    expect(sut.evaluate('kubectl get pods -n default').argv).toEqual(['get', 'pods', '-n', 'default']);
  });

  it('keeps judging correctly after many distinct commands have pushed old verdicts out', () => {
    const sut = new CommandPolicy({ allowWrites: false, allowedNamespaces: ['team-a'] });
    for (let i = 0; i < 2_500; i++) sut.evaluate(`kubectl get pods -n team-a -l run=${i}`);

    expect(sut.evaluate('kubectl get pods -n team-a').code).toBe(VerdictCode.READ_ALLOWED);
    expect(sut.evaluate('kubectl get pods -n team-b').code).toBe(VerdictCode.NAMESPACE_DENIED);
  });
});
