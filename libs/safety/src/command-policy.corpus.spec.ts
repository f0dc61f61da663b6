import { LEGITIMATE_READS } from '../test/real-world.reads';
import { DANGEROUS_COMMANDS, LEGITIMATE_WRITES, READS_REFUSED_FOR_A_REASON } from '../test/real-world.writes';
import { CommandPolicy } from './command-policy';
import { VerdictCode } from './verdict';

/** The share of legitimate reads the policy may refuse: a refusal costs a user a working command. */
const MAX_READ_REFUSAL_RATE = 0.01;

describe(`${CommandPolicy.name} on real-world commands`, () => {
  const sut = new CommandPolicy({ allowWrites: false });
  const writable = new CommandPolicy({ allowWrites: true });

  it(`refuses at most ${MAX_READ_REFUSAL_RATE * 100}% of ${LEGITIMATE_READS.length} legitimate reads`, () => {
    const refused = LEGITIMATE_READS.map((command) => [command, sut.evaluate(command)] as const)
      .filter(([, verdict]) => verdict.decision !== 'read')
      .map(([command, verdict]) => `${command} -> ${verdict.code}: ${verdict.message}`);

    expect(LEGITIMATE_READS.length).toBeGreaterThanOrEqual(200);
    if (refused.length / LEGITIMATE_READS.length > MAX_READ_REFUSAL_RATE) {
      throw new Error(`${refused.length} of ${LEGITIMATE_READS.length} legitimate reads refused:\n${refused.join('\n')}`);
    }
  });

  it.each(LEGITIMATE_WRITES)('allows the ordinary write %s as a write once writes are enabled', (command) => {
    expect(writable.evaluate(command).decision).toBe('write');
  });

  it.each(READS_REFUSED_FOR_A_REASON)('refuses %s on purpose, with %s', (command, code) => {
    expect(sut.evaluate(command)).toMatchObject({ decision: 'deny', code });
  });

  it.each(DANGEROUS_COMMANDS)('refuses the dangerous %s with %s, writes enabled or not, dry run or not', (command, code) => {
    for (const policy of [sut, writable]) {
      for (const dryRun of [false, true]) {
        const verdict = policy.evaluate(command, { dryRun });
        expect(verdict).toMatchObject({ decision: 'deny', code });
        expect(verdict.approved).toBeUndefined();
      }
    }
  });

  it('keeps the codes the corpus relies on stable', () => {
    expect(Object.values(VerdictCode)).toEqual(expect.arrayContaining(['PATCH_DENIED', 'PATCH_INVALID', 'EVICTION_DENIED']));
  });
});
