import { ALLOWED_PATCHES, DENIED_PATCHES, INVALID_PATCHES } from '../test/command-policy.patches';
import { CommandPolicy } from './command-policy';
import { VerdictCode } from './verdict';

describe(`${CommandPolicy.name} patch content`, () => {
  const sut = new CommandPolicy({ allowWrites: true });
  const writesOff = new CommandPolicy({ allowWrites: false });

  describe.each(Object.entries(DENIED_PATCHES))('refuses patches that set %s', (_, commands) => {
    it.each(commands)('%s', (command) => {
      for (const [policy, dryRun] of [[sut, false], [sut, true], [writesOff, true]] as const) {
        const verdict = policy.evaluate(command, { dryRun });
        expect(verdict).toMatchObject({ decision: 'deny', code: VerdictCode.PATCH_DENIED });
        expect(verdict.approved).toBeUndefined();
      }
    });
  });

  it.each(INVALID_PATCHES)('refuses %s, which cannot be judged, with PATCH_INVALID', (command) => {
    expect(sut.evaluate(command)).toMatchObject({ decision: 'deny', code: VerdictCode.PATCH_INVALID });
  });

  it.each(ALLOWED_PATCHES)('allows %s', (command) => {
    expect(sut.evaluate(command)).toMatchObject({ decision: 'write', code: VerdictCode.WRITE_ALLOWED });
  });

  it.each([
    `kubectl patch deploy web --dry-run=client -o yaml -p '{"spec":{"template":{"spec":{"serviceAccountName":"admin"}}}}'`,
    `kubectl patch deploy web --dry-run=server -p '{"spec":{"template":{"spec":{"hostPID":true}}}}'`,
  ])('judges the body of a dry run too: %s', (command) => {
    expect(writesOff.evaluate(command)).toMatchObject({ decision: 'deny', code: VerdictCode.PATCH_DENIED });
  });

  it('names the refused field and says why', () => {
    const verdict = sut.evaluate(`kubectl patch svc web -p '{"spec":{"externalIPs":["1.2.3.4"]}}'`);
    expect(verdict.message).toContain('"externalIPs"');
    expect(verdict.message).toContain('CVE-2020-8554');
  });

  it('refuses --patch-file, whose content cannot be judged', () => {
    expect(sut.evaluate('kubectl patch deploy web --patch-file=/tmp/p.json')).toMatchObject({ code: VerdictCode.FLAG_DENIED });
  });

  it('decodes a deeply nested body within a millisecond budget', () => {
    const started = process.hrtime.bigint();
    sut.evaluate(`kubectl patch deploy web -p '${'['.repeat(480)}${']'.repeat(480)}'`);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(250);
  });
});
