import { CommandPolicy } from './command-policy';
import { VerdictCode } from './verdict';

describe(`${CommandPolicy.name} namespace scoping`, () => {
  const sut = new CommandPolicy({ allowWrites: true, allowedNamespaces: ['default', 'team-a'] });

  it.each([
    ['kubectl get pods -n team-a', ['get', 'pods', '-n', 'team-a']],
    ['kubectl -n team-a get pods', ['-n', 'team-a', 'get', 'pods']],
    ['kubectl get pods --namespace=team-a -o wide', ['get', 'pods', '--namespace=team-a', '-o', 'wide']],
    ['kubectl get pods -nteam-a', ['get', 'pods', '-nteam-a']],
    ['kubectl logs web -n team-a', ['logs', 'web', '-n', 'team-a']],
    ['kubectl get pods -A=false -n team-a', ['get', 'pods', '-A=false', '-n', 'team-a']],
    ['kubectl get deployments.apps,svc -n default', ['get', 'deployments.apps,svc', '-n', 'default']],
  ])('allows %s as written', (command, argv) => {
    const verdict = sut.evaluate(command);
    expect(verdict.decision).toBe('read');
    expect(verdict.argv).toEqual(argv);
  });

  it.each([
    ['kubectl get pods', ['get', 'pods', '--namespace=default']],
    ['kubectl top pod', ['top', 'pod', '--namespace=default']],
    ['kubectl events', ['events', '--namespace=default']],
    ['kubectl auth can-i list pods', ['auth', 'can-i', 'list', 'pods', '--namespace=default']],
    ['kubectl scale deploy/web --replicas=2', ['scale', 'deploy/web', '--replicas=2', '--namespace=default']],
    // Before `--`: after it the words are the container's command, and kubectl would not read the pin.
    ['kubectl create job j --image=busybox -- echo hi', ['create', 'job', 'j', '--image=busybox', '--namespace=default', '--', 'echo', 'hi']],
    [
      'kubectl run r --image=busybox --dry-run=client -o yaml -- sh -c date',
      ['run', 'r', '--image=busybox', '--dry-run=client', '-o', 'yaml', '--namespace=default', '--', 'sh', '-c', 'date'],
    ],
  ])('pins %s to the default namespace', (command, argv) => {
    expect(sut.evaluate(command).argv).toEqual(argv);
  });

  it('pins the namespace before the dry-run flag', () => {
    expect(sut.evaluate('kubectl delete pod web', { dryRun: true }).argv).toEqual([
      'delete',
      'pod',
      'web',
      '--namespace=default',
      '--dry-run=server',
    ]);
  });

  it.each([
    'kubectl get pods -n kube-system',
    'kubectl get pods --namespace=kube-system',
    'kubectl get pods --namespace kube-system',
    'kubectl get pods -nkube-system',
    'kubectl get pods -n=kube-system',
    'kubectl -n kube-system get pods',
    'kubectl get pods -n team-a -n kube-system',
    'kubectl get pods -A',
    'kubectl get pods --all-namespaces',
    'kubectl get pods --all_namespaces=true',
    'kubectl get pods -Ao wide',
    'kubectl get pods -n team-a -A',
    'kubectl events -A',
    'kubectl top pod -A',
    'kubectl auth can-i --list -n kube-system',
    'kubectl delete pod web -n kube-system',
    'kubectl get nodes',
    'kubectl get ns',
    'kubectl get pv -n team-a',
    'kubectl get clusterroles',
    'kubectl get crd',
    'kubectl get pods,nodes -n team-a',
    'kubectl describe node/node-1',
    'kubectl top node',
    'kubectl cluster-info',
    'kubectl cordon node-1',
    'kubectl create namespace team-b',
    'kubectl get widgets.example.com -n team-a',
  ])('denies %s', (command) => {
    expect(sut.evaluate(command)).toMatchObject({ decision: 'deny', code: VerdictCode.NAMESPACE_DENIED });
  });

  it.each(['kubectl api-resources', 'kubectl api-versions', 'kubectl version', 'kubectl explain pods', 'kubectl auth whoami'])(
    'allows %s, which reads no namespaced data, without pinning',
    (command) => {
      const verdict = sut.evaluate(command);
      expect(verdict.decision).toBe('read');
      expect(verdict.argv).not.toContain('--namespace=default');
    },
  );

  describe('when the default namespace is not allowed', () => {
    const scoped = new CommandPolicy({ allowWrites: false, allowedNamespaces: ['team-a'], defaultNamespace: 'default' });

    it('denies commands that name no namespace', () => {
      expect(scoped.evaluate('kubectl get pods')).toMatchObject({ code: VerdictCode.NAMESPACE_DENIED });
    });

    it('allows commands that name an allowed one', () => {
      expect(scoped.evaluate('kubectl get pods -n team-a').decision).toBe('read');
    });
  });

  it('pins a configured default namespace', () => {
    const scoped = new CommandPolicy({ allowWrites: false, allowedNamespaces: ['team-a'], defaultNamespace: 'team-a' });
    expect(scoped.evaluate('kubectl get pods').argv).toEqual(['get', 'pods', '--namespace=team-a']);
  });

  it('is off when allowedNamespaces is null', () => {
    const open = new CommandPolicy({ allowWrites: false, allowedNamespaces: null });
    expect(open.evaluate('kubectl get pods -A').argv).toEqual(['get', 'pods', '-A']);
    expect(open.evaluate('kubectl get nodes').decision).toBe('read');
  });

  it.each([{ defaultNamespace: 'Not Valid' }, { allowedNamespaces: ['ok', 'bad_name'] }])(
    'refuses invalid options %j at construction',
    (options) => {
      expect(() => new CommandPolicy({ allowWrites: false, ...options })).toThrow(/not a valid namespace/);
    },
  );
});
