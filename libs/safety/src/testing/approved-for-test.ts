import { ApprovedCommand, ApprovedFields, issueApprovedCommand } from '../approved-command';

/**
 * Issues an ApprovedCommand without asking the policy, so executor tests can run any argv.
 * Tests import it by path; it is not in the library's index and never in production code.
 */
export function approvedForTest(argv: readonly string[], fields: Partial<Omit<ApprovedFields, 'argv'>> = {}): ApprovedCommand {
  return issueApprovedCommand({ tier: 'read', dryRun: false, verb: argv[0] ?? '', outputFormat: 'text', ...fields, argv });
}
