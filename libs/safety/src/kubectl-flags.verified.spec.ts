import { execFileSync } from 'node:child_process';
import { COMMAND_TREE, CommandNode } from './command-tree';
import { FlagSpec, FlagTable } from './flag-spec';
import { GLOBAL_FLAG_TABLE } from './kubectl-flags';
import { VERIFIED_KUBECTL_VERSION } from './kubectl-version';

/** A flag as `kubectl <path> --help` or `kubectl options` lists it. */
interface HelpFlag {
  readonly short?: string;
  readonly isBool: boolean;
}

/** Runs the kubectl on PATH with no cluster settings; throws (failing the suite) when there is none. */
function kubectl(args: readonly string[]): string {
  return execFileSync('kubectl', args, {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent', KUBECONFIG: '/dev/null' },
  });
}

function helpFlags(text: string): Map<string, HelpFlag> {
  const flags = new Map<string, HelpFlag>();
  for (const [, short, name, defaultValue] of text.matchAll(/^\s+(?:-(\S), )?--([A-Za-z0-9-]+)=(.*):\s*$/gm)) {
    flags.set(name, { short, isBool: defaultValue === 'true' || defaultValue === 'false' });
  }
  return flags;
}

/** Every command path with a flag table: runnable rules, and nodes whose table only serves the lookup. */
function commandPaths(node: CommandNode, path: readonly string[] = [], found = new Map<string, FlagTable>()): Map<string, FlagTable> {
  if (node.rule) found.set(node.rule.verb, node.rule.flags);
  else if (node.lookupFlags) found.set(path.join(' '), node.lookupFlags);
  for (const [name, child] of node.children ?? []) commandPaths(child, [...path, name], found);
  return found;
}

const GLOBAL_NAMES = new Set(GLOBAL_FLAG_TABLE.long.keys());
const PATHS = [...commandPaths(COMMAND_TREE)];
const OPTIONS = helpFlags(kubectl(['options']));
const HELP = new Map(PATHS.map(([path]) => [path, helpFlags(kubectl([...path.split(' '), '--help']))]));

/** Where kubectl lists a flag of `path`: its own help, or `kubectl options` for the global ones. */
function listed(path: string, spec: FlagSpec): HelpFlag | undefined {
  return GLOBAL_NAMES.has(spec.name) ? OPTIONS.get(spec.name) : HELP.get(path)?.get(spec.name);
}

describe(`flag tables against the kubectl on PATH (verified: ${VERIFIED_KUBECTL_VERSION})`, () => {
  it(`runs kubectl ${VERIFIED_KUBECTL_VERSION}, the release the tables mirror`, () => {
    const client = (JSON.parse(kubectl(['version', '--client', '-o', 'json'])) as { clientVersion: { major: string; minor: string } })
      .clientVersion;
    expect(`${client.major}.${Number.parseInt(client.minor, 10)}`).toBe(VERIFIED_KUBECTL_VERSION);
  });

  it('covers every command path the policy allows', () => {
    expect(PATHS.map(([path]) => path)).toEqual(expect.arrayContaining(['get', 'logs', 'create deployment', 'apply', 'run', 'patch']));
    expect(PATHS.length).toBeGreaterThan(40);
  });

  it.each(PATHS)('kubectl %s: every flag in the table exists, with the same shorthand and the same boolean-ness', (path, table) => {
    const wrong = [...table.long.values()]
      .filter((spec) => spec.name !== 'help')
      .flatMap((spec) => {
        const flag = listed(path, spec);
        if (flag === undefined) return [`--${spec.name} is not a flag of kubectl ${path}`];
        const problems: string[] = [];
        if ((spec.short ?? undefined) !== (flag.short ?? undefined)) problems.push(`--${spec.name}: shorthand -${spec.short} vs -${flag.short}`);
        if ((spec.arity === 'bool') !== flag.isBool) problems.push(`--${spec.name}: table says ${spec.arity}, kubectl ${flag.isBool ? 'bool' : 'value'}`);
        return problems;
      });

    expect(wrong).toEqual([]);
  });

  it('lists the kubectl flags the tables do not know (refused as UNKNOWN_FLAG, failing closed)', () => {
    const unknown = Object.fromEntries(
      PATHS.map(([path, table]) => [path, [...(HELP.get(path)?.keys() ?? [])].filter((name) => !table.long.has(name)).sort()]),
    );
    unknown['(global options)'] = [...OPTIONS.keys()].filter((name) => !GLOBAL_NAMES.has(name)).sort();

    expect(unknown).toMatchSnapshot();
  });
});
