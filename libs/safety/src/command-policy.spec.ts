import { ApprovedCommand } from './approved-command';
import { ARGUMENT_DENIALS } from '../test/command-policy.arguments';
import { DENIED_COMMANDS } from '../test/command-policy.attacks';
import { MALFORMED_COMMANDS, SIZE_COMMANDS } from '../test/command-policy.malformed';
import { PRINT_ONLY_COMMANDS, READ_COMMANDS, WRITE_COMMANDS } from '../test/command-policy.cases';
import { CommandPolicy } from './command-policy';
import { parseCommand } from './command-parser';
import { MALFORMED_CODES, VerdictCode } from './verdict';

describe(CommandPolicy.name, () => {
  const sut = new CommandPolicy({ allowWrites: false });
  const writable = new CommandPolicy({ allowWrites: true });

  describe('reads', () => {
    it.each(READ_COMMANDS)('allows %s', (command) => {
      const verdict = sut.evaluate(command);
      expect(verdict).toMatchObject({ decision: 'read', code: VerdictCode.READ_ALLOWED });
      expect(verdict.approved?.tier).toBe('read');
      expect(verdict.approved?.dryRun).toBe(false);
    });

    it('approves the argv kubectl would receive, unchanged', () => {
      const verdict = sut.evaluate("kubectl get pods -l 'env in (prod,qa)' -o jsonpath='{.items[*].metadata.name}'");
      expect(verdict.argv).toEqual(['get', 'pods', '-l', 'env in (prod,qa)', '-o', 'jsonpath={.items[*].metadata.name}']);
      expect(verdict.approved?.argv).toEqual(verdict.argv);
    });

    it('reads "kubectl -n delete get pods" as a get in namespace delete', () => {
      expect(sut.evaluate('kubectl -n delete get pods')).toMatchObject({ decision: 'read', code: VerdictCode.READ_ALLOWED });
    });

    it('stays a read with writes enabled', () => {
      expect(writable.evaluate('kubectl get pods').decision).toBe('read');
    });
  });

  describe('forms of writes that only print', () => {
    it.each(PRINT_ONLY_COMMANDS)('reads %s, with writes disabled, unchanged even when a dry run is asked', (command) => {
      for (const dryRun of [false, true]) {
        const verdict = sut.evaluate(command, { dryRun });
        expect(verdict).toMatchObject({ decision: 'read', code: VerdictCode.READ_ALLOWED });
        expect(verdict.approved?.tier).toBe('read');
        expect(verdict.argv.join(' ')).toBe(command.replace(/^kubectl /, '').replace(/'/g, ''));
      }
    });

    it('marks a client-side dry run as a dry run, and prints YAML when asked', () => {
      expect(sut.evaluate('kubectl run web --image=nginx --dry-run=client -o yaml').approved).toMatchObject({
        tier: 'read',
        dryRun: true,
        verb: 'run',
        outputFormat: 'yaml',
      });
      expect(sut.evaluate('kubectl apply view-last-applied deploy/web').approved).toMatchObject({ outputFormat: 'yaml' });
    });

    it.each([
      'kubectl run web --image=nginx -o yaml',
      'kubectl create rolebinding admin --clusterrole=admin --user=me',
      'kubectl create sa bot',
    ])('refuses %s, which would create it, even with writes enabled or as a server dry run', (command) => {
      for (const [policy, dryRun] of [[writable, false], [sut, true]] as const) {
        expect(policy.evaluate(command, { dryRun })).toMatchObject({ decision: 'deny', code: VerdictCode.VERB_DENIED });
      }
    });

    it.each(['kubectl label pods foo a=b --list', 'kubectl set env deploy/web --list A=b'])(
      'treats %s, which also names a change, as a write',
      (command) => {
        expect(sut.evaluate(command)).toMatchObject({ decision: 'deny', code: VerdictCode.WRITES_DISABLED });
      },
    );
  });

  describe('writes', () => {
    it.each(WRITE_COMMANDS)('allows %s when writes are enabled', (command) => {
      const verdict = writable.evaluate(command);
      expect(verdict).toMatchObject({ decision: 'write', code: VerdictCode.WRITE_ALLOWED });
      expect(verdict.approved).toMatchObject({ tier: 'write', dryRun: false });
    });

    it.each(WRITE_COMMANDS)('refuses %s when writes are disabled', (command) => {
      const verdict = sut.evaluate(command);
      expect(verdict).toMatchObject({ decision: 'deny', code: VerdictCode.WRITES_DISABLED });
      expect(verdict.message).toMatch(/is a write and writes are disabled .*KUBECTL_ALLOW_WRITES/);
      expect(verdict.approved).toBeUndefined();
    });
  });

  describe.each(Object.entries({ ...MALFORMED_COMMANDS, ...DENIED_COMMANDS, ...ARGUMENT_DENIALS }))('denies %s in every spelling', (_, cases) => {
    it.each(cases)('%s -> %s', (command, code) => {
      for (const policy of [sut, writable]) {
        const verdict = policy.evaluate(command);
        expect(verdict).toMatchObject({ decision: 'deny', code });
        expect(verdict.approved).toBeUndefined();
      }
    });
  });

  it.each(SIZE_COMMANDS)('refuses empty and oversized input (%#)', (command, code) => {
    expect(sut.evaluate(command)).toMatchObject({ decision: 'deny', code, argv: [] });
  });

  describe('verdicts', () => {
    it('issues genuine approvals only for allowed commands', () => {
      expect(ApprovedCommand.isGenuine(sut.evaluate('kubectl get pods').approved)).toBe(true);
      expect(ApprovedCommand.isGenuine({ argv: ['get', 'pods'], tier: 'read', dryRun: false })).toBe(false);
    });

    it('uses the malformed codes only for text that cannot be read as a kubectl argv', () => {
      for (const [command, code] of Object.values({ ...MALFORMED_COMMANDS, ...DENIED_COMMANDS, ...ARGUMENT_DENIALS }).flat()) {
        expect(MALFORMED_CODES.has(code)).toBe(!parseCommand(command).ok);
      }
    });

    it('keeps the parsed argv of well-formed refusals and none of malformed ones', () => {
      expect(sut.evaluate('kubectl get secrets -A').argv).toEqual(['get', 'secrets', '-A']);
      expect(sut.evaluate('kubectl get pods | sh').argv).toEqual([]);
    });

    it.each([
      ['kubectl get pods --token=abc', '"--token=abc"'],
      ['kubectl get pods -shttps://x', '"-shttps://x"'],
      ['kubectl get Secrets.v1', '"Secrets.v1"'],
      ['kubectl frobnicate pods', '"frobnicate"'],
      ['kubectl get pods --bogus', '"--bogus"'],
      ['kubectl get pods \u202e', '"\\u202e"'],
    ])('names the offending word of %j', (command, word) => {
      expect(sut.evaluate(command).message).toContain(word);
    });

    it('truncates long offending words', () => {
      const verdict = sut.evaluate(`kubectl get pods --${'x'.repeat(200)}`);
      expect(verdict.code).toBe(VerdictCode.UNKNOWN_FLAG);
      expect(verdict.message.length).toBeLessThan(100);
    });

    it.each([undefined, null, 7, {}] as unknown as string[])('never throws, even for %j', (input) => {
      expect(sut.evaluate(input)).toMatchObject({ decision: 'deny', code: VerdictCode.EMPTY });
    });

    it('round-trips approved commands through their display form', () => {
      for (const command of READ_COMMANDS) {
        const first = sut.evaluate(command);
        const again = sut.evaluate(String(first.approved));
        expect(again.argv).toEqual(first.argv);
      }
    });
  });
});
