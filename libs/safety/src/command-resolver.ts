import { CommandLookup, lookUpCommand } from './command-lookup';
import { displayWord } from './display-word';
import { FlagReader } from './flag-reader';
import { denial, isDenial, PolicyDenial } from './policy-denial';
import { CommandLine, VerbRule } from './verb-rule';
import { VerdictCode } from './verdict';

export interface ResolvedCommand {
  readonly rule: VerbRule;
  readonly line: CommandLine;
}

function missingCommand(argv: readonly string[], lookup: CommandLookup): PolicyDenial {
  const { path, guessed, unknown } = lookup;
  const word = unknown === undefined ? undefined : argv[unknown];
  if (guessed !== undefined) {
    return denial(
      VerdictCode.FLAG_DENIED,
      `flag ${displayWord(argv[guessed])} must come after the verb: before it, kubectl's command lookup takes the next word as its value`,
    );
  }
  if (path.length === 0) {
    return word === undefined
      ? denial(VerdictCode.UNKNOWN_VERB, 'there is no verb after kubectl')
      : denial(VerdictCode.UNKNOWN_VERB, `unknown verb ${displayWord(word)}: kubectl would look for a plugin to run`);
  }
  const command = `kubectl ${path.join(' ')}`;
  return word === undefined
    ? denial(VerdictCode.UNKNOWN_VERB, `${command} needs a subcommand`)
    : denial(VerdictCode.UNKNOWN_VERB, `unknown subcommand ${displayWord(word)} of ${command}`);
}

/**
 * A flag before (or between) the command words is fine only if the lookup and the final flag
 * parse read it alike: `--replicas=3 scale` is, `-A get pods` is not (the lookup takes `get` as
 * the value of an unknown `-A`).
 */
function readAlike(argv: readonly string[], lookup: CommandLookup, spans: ReadonlyMap<number, number>): PolicyDenial | undefined {
  const differing = lookup.spans.find((span) => spans.get(span.index) !== span.words);
  if (differing === undefined) return undefined;
  return denial(
    VerdictCode.FLAG_DENIED,
    `flag ${displayWord(argv[differing.index])} must come after the verb: kubectl's command lookup reads it differently there`,
  );
}

/**
 * Finds the command path the way kubectl (cobra) does, then reads the remaining words with the
 * verb's flag table, so the policy judges exactly the command kubectl will run.
 */
export function resolveCommand(argv: readonly string[]): ResolvedCommand | PolicyDenial {
  const lookup = lookUpCommand(argv);
  const { node, path } = lookup;
  if (node.denied !== undefined) {
    return denial(VerdictCode.VERB_DENIED, `kubectl ${path.join(' ')} is not allowed: ${node.denied}`);
  }
  const rule = node.rule;
  if (rule === undefined) return missingCommand(argv, lookup);
  const read = new FlagReader(argv, lookup.rest).readArguments(rule.flags, rule.afterDash !== undefined);
  if (isDenial(read)) return read;
  const command = read.afterDash === null ? undefined : rule.afterDash?.(read.afterDash);
  if (command) return command;
  const differs = readAlike(argv, lookup, read.spans);
  if (differs) return differs;
  return { rule, line: new CommandLine(argv, rule.verb, read.flags, read.positionals, read.afterDash ?? []) };
}
