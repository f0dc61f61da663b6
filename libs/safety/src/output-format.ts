import { OutputFormat } from './approved-command';
import { CommandLine } from './verb-rule';

/** Commands whose default (human) output is a kubectl table; everything else prints text. */
const TABLE_COMMANDS: ReadonlySet<string> = new Set(['get', 'top', 'api-resources', 'events', 'rollout', 'auth']);

/** How kubectl will print this command: decided here, once, from the flags the policy read. */
export function outputFormatOf(line: CommandLine, defaultOutput?: string): OutputFormat {
  // kubectl matches output formats case-insensitively (`-o JSON` prints JSON).
  const output = (line.last('output') ?? defaultOutput)?.toLowerCase();
  if (output === 'json') return 'json';
  if (output === 'yaml') return 'yaml';
  const human = output === undefined || output === 'wide' || output.startsWith('custom-columns=');
  const table = human && !line.isTrue('no-headers') && TABLE_COMMANDS.has(line.verb.split(' ')[0]);
  return table ? 'table' : 'text';
}
