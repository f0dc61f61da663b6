export type RequestedFormat = 'json' | 'yaml' | 'table' | 'text';

/** Verbs whose default (human) output is a kubectl table. Everything else is read as text. */
const TABLE_VERBS: ReadonlySet<string> = new Set(['get', 'top', 'api-resources', 'events', 'rollout', 'config', 'auth']);

/** Flags that take the next word as their value; needed to find the verb behind them. */
const VALUE_FLAGS: ReadonlySet<string> = new Set([
  '-n', '--namespace', '--context', '--cluster', '--user', '--kubeconfig', '-s', '--server',
  '--request-timeout', '--as', '--as-group', '--as-uid', '--token', '--cache-dir',
  '--certificate-authority', '--client-certificate', '--client-key', '--tls-server-name',
  '--username', '--password', '-v', '--v', '--vmodule', '--log-file', '--profile',
  '--profile-output', '-o', '--output',
]);

/** How kubectl will print for this argv (`-o json|yaml`, a table, or anything else). */
export function requestedFormat(argv: readonly string[]): RequestedFormat {
  const output = outputFlag(argv);
  if (output === 'json') return 'json';
  if (output === 'yaml') return 'yaml';
  const headers = !argv.some((word) => word === '--no-headers' || word === '--no-headers=true');
  const human = headers && (output === undefined || output === 'wide' || output.startsWith('custom-columns'));
  return human && TABLE_VERBS.has(verbOf(argv) ?? '') ? 'table' : 'text';
}

/** The value of the last `-o`/`--output` in any spelling kubectl accepts (last one wins). */
function outputFlag(argv: readonly string[]): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < argv.length && argv[i] !== '--'; i++) {
    const word = argv[i];
    if (word === '-o' || word === '--output') value = argv[++i];
    else if (word.startsWith('--output=')) value = word.slice('--output='.length);
    else if (word.startsWith('-o') && !word.startsWith('--')) value = word.slice(2).replace(/^=/, '');
  }
  return value;
}

function verbOf(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length && argv[i] !== '--'; i++) {
    const word = argv[i];
    if (!word.startsWith('-')) return word;
    if (VALUE_FLAGS.has(word)) i++;
  }
  return undefined;
}
