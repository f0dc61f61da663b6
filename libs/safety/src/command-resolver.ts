import { COMMAND_TREE, CommandNode } from './command-tree';
import { displayWord } from './display-word';
import { FlagReader, FlagUse, isFlagWord } from './flag-reader';
import { GLOBAL_FLAG_TABLE } from './kubectl-flags';
import { denial, isDenial, PolicyDenial } from './policy-denial';
import { CommandLine, VerbRule } from './verb-rule';
import { VerdictCode } from './verdict';

export interface ResolvedCommand {
  readonly rule: VerbRule;
  readonly line: CommandLine;
}

function missingCommand(path: readonly string[], word: string | undefined): PolicyDenial {
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
 * Before the full command path only global options are read: kubectl's command lookup does not
 * know a verb's own flags yet and would take the next word as their value.
 */
function beforeVerb(problem: PolicyDenial, word: string): PolicyDenial {
  if (problem.code !== VerdictCode.UNKNOWN_FLAG) return problem;
  return denial(VerdictCode.FLAG_DENIED, `flag ${displayWord(word)} must come after the verb: only global flags may precede it`);
}

/**
 * Finds the command path the way kubectl (cobra) does, then reads the remaining words with the
 * verb's flag table, so the policy judges exactly the command kubectl will run.
 */
export function resolveCommand(argv: readonly string[]): ResolvedCommand | PolicyDenial {
  const reader = new FlagReader(argv);
  const globalFlags: FlagUse[] = [];
  const path: string[] = [];
  let node: CommandNode = COMMAND_TREE;
  let index = 0;
  while (index < argv.length) {
    const word = argv[index];
    if (isFlagWord(word)) {
      const next = reader.readFlag(index, GLOBAL_FLAG_TABLE, globalFlags);
      if (typeof next !== 'number') return beforeVerb(next, word);
      index = next;
      continue;
    }
    const child = node.children?.get(word);
    if (child === undefined) break;
    path.push(word);
    index++;
    if (child.denied) return denial(VerdictCode.VERB_DENIED, `kubectl ${path.join(' ')} is not allowed: ${child.denied}`);
    node = child;
    if (node.children === undefined) break;
  }
  const rule = node.rule;
  if (rule === undefined) return missingCommand(path, argv[index]);
  const rest = reader.readArguments(index, rule.flags);
  if (isDenial(rest)) return rest;
  return { rule, line: new CommandLine(argv, rule.verb, [...globalFlags, ...rest.flags], rest.positionals) };
}
