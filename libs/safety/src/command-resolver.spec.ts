import { resolveCommand, ResolvedCommand } from './command-resolver';
import { isDenial } from './policy-denial';
import { VerdictCode } from './verdict';

function resolved(argv: string[]): ResolvedCommand {
  const result = resolveCommand(argv);
  if (isDenial(result)) throw new Error(result.message);
  return result;
}

describe(resolveCommand.name, () => {
  // Flags before the verb are read with the verb's table when kubectl's lookup (cobra) reads them alike.
  it.each([
    [['-n', 'delete', 'get', 'pods'], 'get', { namespace: 'delete' }, ['pods']],
    [['get', 'pods', '-Ao', 'wide'], 'get', { 'all-namespaces': 'true', output: 'wide' }, ['pods']],
    [['get', 'pods', '-Aowide'], 'get', { 'all-namespaces': 'true', output: 'wide' }, ['pods']],
    [['get', '-lapp=web', 'pods'], 'get', { selector: 'app=web' }, ['pods']],
    [['get', '-l=app=web', 'pods'], 'get', { selector: 'app=web' }, ['pods']],
    [['get', 'pods', '--all_namespaces'], 'get', { 'all-namespaces': 'true' }, ['pods']],
    [['get', 'pods', '-w=F'], 'get', { watch: 'false' }, ['pods']],
    [['get', 'pods', '-A=0'], 'get', { 'all-namespaces': 'false' }, ['pods']],
    [['logs', '-pc', 'app', 'web'], 'logs', { previous: 'true', container: 'app' }, ['web']],
    [['top', '-n', 'x', 'pods'], 'top pod', { namespace: 'x' }, []],
    [['rollout', '--namespace=x', 'status', 'deploy/web'], 'rollout status', { namespace: 'x' }, ['deploy/web']],
    [['create', 'svc', 'clusterip', 'web', '--tcp=80:80'], 'create service clusterip', { tcp: '80:80' }, ['web']],
    [['delete', 'pod', 'web', '--cascade'], 'delete', { cascade: 'background' }, ['pod', 'web']],
    [['get', 'pods', '-v', '3'], 'get', { v: '3' }, ['pods']],
    [['--replicas=3', 'scale', 'deploy/web'], 'scale', { replicas: '3' }, ['deploy/web']],
    [['--replicas', '3', 'scale', 'deploy/web'], 'scale', { replicas: '3' }, ['deploy/web']],
    [['-o', 'yaml', 'get', 'pods'], 'get', { output: 'yaml' }, ['pods']],
    [['-lapp=web', 'get', 'pods'], 'get', { selector: 'app=web' }, ['pods']],
    [['rollout', '--watch=false', 'status', 'deploy/web'], 'rollout status', { watch: 'false' }, ['deploy/web']],
    [['create', '--save-config', 'deployment', 'web', '--image=nginx'], 'create deployment', { 'save-config': 'true', image: 'nginx' }, ['web']],
    [['create', '-o', 'yaml', 'ns', 'dev'], 'create namespace', { output: 'yaml' }, ['dev']],
  ])('reads %j as kubectl %s with %j', (argv, verb, flags, positionals) => {
    const { rule, line } = resolved(argv);
    expect(rule.verb).toBe(verb);
    expect(Object.fromEntries(line.flags.map((use) => [use.spec.name, use.value]))).toEqual(flags);
    expect(line.positionals).toEqual(positionals);
  });

  it('keeps the last value of a repeated flag', () => {
    expect(resolved(['get', 'pods', '-n', 'a', '--namespace=b']).line.last('namespace')).toBe('b');
  });

  it.each([
    [['get', 'pods', '--ns=x'], VerdictCode.UNKNOWN_FLAG],
    [['-A', 'get', 'pods'], VerdictCode.FLAG_DENIED],
    [['--match-server-version', 'true', 'get', 'pods'], VerdictCode.UNKNOWN_VERB],
    [['rollout', '-w', 'status', 'deploy/web'], VerdictCode.FLAG_DENIED],
    [['get', 'pods', '-n', '--x'], VerdictCode.INVALID_ARGUMENT],
    [['get', 'pods', '-Ad'], VerdictCode.UNKNOWN_FLAG],
    [['config', 'view'], VerdictCode.VERB_DENIED],
    [['', 'get', 'pods'], VerdictCode.UNKNOWN_VERB],
    [['-Ao', 'wide', 'get', 'pods'], VerdictCode.UNKNOWN_VERB],
    [['--overwrite', 'label', 'pods', 'x', 'a=b'], VerdictCode.FLAG_DENIED],
    [['--replicas', 'scale', 'deploy/web'], VerdictCode.FLAG_DENIED],
    [['-h', 'get', 'pods'], VerdictCode.FLAG_DENIED],
    [['create', '-h', 'deployment', 'x'], VerdictCode.FLAG_DENIED],
    [['rollout', '-w', 'status', 'deploy/web'], VerdictCode.FLAG_DENIED],
    [['--', 'get', 'pods'], VerdictCode.UNKNOWN_VERB],
  ])('refuses %j with %s', (argv, code) => {
    expect(resolveCommand(argv)).toMatchObject({ code });
  });
});
