import { COMMAND_TREE, CommandNode } from './command-tree';
import { lookupLong } from './flag-reader';
import { FlagSpec, FlagTable } from './flag-spec';
import { GLOBAL_FLAG_TABLE } from './kubectl-flags';

/** How many words cobra's lookup took a flag word before a command word to span. */
export interface LookupSpan {
  readonly index: number;
  readonly words: 1 | 2;
}

/** What kubectl's command lookup (cobra's `Find`) makes of an argv. */
export interface CommandLookup {
  readonly path: readonly string[];
  readonly node: CommandNode;
  /** Argv indices kubectl then parses as flags and arguments: argv without the path words. */
  readonly rest: readonly number[];
  readonly spans: readonly LookupSpan[];
  /** The last flag the lookup did not know, and so took to consume the next word. */
  readonly guessed?: number;
  /** The word that names no subcommand of `node` (a plugin name at the top level). */
  readonly unknown?: number;
}

/** Flags cobra knows while looking a command up: a node's own, without `-h` (added only later). */
function lookupTable(node: CommandNode): FlagTable {
  return node.rule?.flags ?? node.lookupFlags ?? GLOBAL_FLAG_TABLE;
}

function known(spec: FlagSpec | undefined): FlagSpec | undefined {
  return spec?.name === 'help' ? undefined : spec;
}

interface Scan {
  readonly at?: number;
  readonly guessed?: number;
}

/**
 * cobra's stripFlags: the first word that is not a flag or a flag's value. A long flag without `=`
 * and a two-character short flag take the next word unless the lookup knows them as booleans
 * (or optional-value flags); an unknown flag is assumed to take a value.
 */
function firstCommandWord(argv: readonly string[], rest: readonly number[], table: FlagTable, spans: LookupSpan[]): Scan {
  let guessed: number | undefined;
  for (let at = 0; at < rest.length; at++) {
    const word = argv[rest[at]];
    if (word === '--') return { guessed };
    if (!word.startsWith('-')) return { at, guessed };
    if (word === '-') continue;
    const long = word.startsWith('--');
    if (word.includes('=') || (!long && word.length > 2)) {
      spans.push({ index: rest[at], words: 1 });
      continue;
    }
    const spec = known(long ? lookupLong(table, word.slice(2)) : table.short.get(word[1]));
    if (spec !== undefined && spec.arity !== 'value') {
      spans.push({ index: rest[at], words: 1 });
      continue;
    }
    if (spec === undefined) guessed = rest[at];
    if (rest.length - at - 1 <= 1) return { guessed };
    spans.push({ index: rest[at], words: 2 });
    at++;
  }
  return { guessed };
}

/**
 * Finds the command path exactly as kubectl's cobra does, level by level, so that a flag placed
 * before the verb cannot make kubectl run another command than the one the policy judges.
 */
export function lookUpCommand(argv: readonly string[]): CommandLookup {
  const path: string[] = [];
  const spans: LookupSpan[] = [];
  let rest: readonly number[] = argv.map((_, index) => index);
  let node: CommandNode = COMMAND_TREE;
  let guessed: number | undefined;
  while (node.children !== undefined) {
    const scan = firstCommandWord(argv, rest, lookupTable(node), spans);
    guessed = scan.guessed ?? guessed;
    if (scan.at === undefined) break;
    const word = argv[rest[scan.at]];
    const child = node.children.get(word);
    if (child === undefined) return { path, node, rest, spans, guessed, unknown: rest[scan.at] };
    path.push(word);
    rest = rest.filter((_, at) => at !== scan.at);
    node = child;
    if (node.denied !== undefined && node.children === undefined) break;
  }
  return { path, node, rest, spans, guessed };
}
