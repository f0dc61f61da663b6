import { FlagSpec, flagTable } from './flag-spec';
import { ALLOWED_GLOBAL_FLAGS, DENIED_GLOBAL_FLAGS, HELP_FLAGS } from './kubectl-flags';
import { PolicyDenial } from './policy-denial';
import { CommandLine, Inspection, NamespaceScope, Tier, VerbRule } from './verb-rule';

export interface RuleDefinition {
  readonly verb: string;
  readonly tier: Tier;
  readonly scope: NamespaceScope;
  readonly dryRun?: boolean;
  /** The verb's own flags (kubectl <verb> --help); global options are added here. */
  readonly flags: readonly FlagSpec[];
  readonly inspect: (command: CommandLine) => Inspection | PolicyDenial;
  readonly afterDash?: (words: readonly string[]) => PolicyDenial | undefined;
  readonly printsOnly?: (command: CommandLine) => boolean;
  readonly clientDryRunOnly?: boolean;
  readonly defaultOutput?: string;
}

/** Builds a verb rule whose flag table is the global options plus the verb's own flags. */
export function defineRule(definition: RuleDefinition): VerbRule {
  return {
    verb: definition.verb,
    tier: definition.tier,
    scope: definition.scope,
    dryRun: definition.dryRun ?? false,
    flags: flagTable(ALLOWED_GLOBAL_FLAGS, DENIED_GLOBAL_FLAGS, HELP_FLAGS, definition.flags),
    inspect: definition.inspect,
    afterDash: definition.afterDash,
    printsOnly: definition.printsOnly,
    clientDryRunOnly: definition.clientDryRunOnly,
    defaultOutput: definition.defaultOutput,
  };
}
