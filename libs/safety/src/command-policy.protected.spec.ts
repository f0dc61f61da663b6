import { CommandPolicy } from './command-policy';
import { VerdictCode } from './verdict';

describe(`${CommandPolicy.name} protected namespaces`, () => {
  const sut = new CommandPolicy({ allowWrites: true });
  const writesOff = new CommandPolicy({ allowWrites: false });

  it.each([
    'kubectl delete pod web -n kube-system',
    'kubectl delete pod web --namespace=kube-public',
    'kubectl delete pod web --namespace kube-node-lease',
    'kubectl delete pod web -nkube-system',
    'kubectl -n kube-system delete pod web',
    'kubectl scale deploy/coredns --replicas=0 -n default -n kube-system',
    "kubectl patch deploy coredns -n kube-system -p '{\"spec\":{\"replicas\":0}}'",
    'kubectl label pods web a=b -n kube-system',
    'kubectl rollout restart deploy/coredns -n kube-system',
    'kubectl create deployment x --image=nginx -n kube-system',
    'kubectl delete pod web -n kube-system --dry-run=server',
    'kubectl delete ns kube-system',
    'kubectl delete namespace/kube-system',
    'kubectl delete Namespaces.v1 kube-public',
    'kubectl label ns kube-system pod-security.kubernetes.io/enforce=privileged',
    'kubectl annotate namespace/kube-node-lease a=b',
    "kubectl patch namespace kube-system -p '{}'",
    'kubectl create namespace kube-system',
    'kubectl create ns kube-public',
  ])('denies %s, even as a server dry run and with writes off', (command) => {
    for (const [policy, dryRun] of [[sut, false], [sut, true], [writesOff, false], [writesOff, true]] as const) {
      const verdict = policy.evaluate(command, { dryRun });
      expect(verdict).toMatchObject({ decision: 'deny', code: VerdictCode.NAMESPACE_DENIED });
      expect(verdict.message).toMatch(/protected.*KUBECTL_ALLOWED_NAMESPACES/);
    }
  });

  it.each([
    'kubectl get pods -n kube-system',
    'kubectl describe ns kube-system',
    'kubectl logs coredns-1 -n kube-system',
    'kubectl label pods web -n kube-system --list',
    'kubectl create deployment x --image=nginx -n kube-system --dry-run=client -o yaml',
    'kubectl create namespace kube-system --dry-run=client -o yaml',
  ])('allows %s, which changes nothing', (command) => {
    expect(sut.evaluate(command).decision).toBe('read');
  });

  it('allows writes there when KUBECTL_ALLOWED_NAMESPACES lists the namespace', () => {
    const scoped = new CommandPolicy({ allowWrites: true, allowedNamespaces: ['default', 'kube-system'] });
    expect(scoped.evaluate('kubectl delete pod web -n kube-system').code).toBe(VerdictCode.WRITE_ALLOWED);
    expect(scoped.evaluate('kubectl delete pod web -n kube-public').code).toBe(VerdictCode.NAMESPACE_DENIED);
  });

  it('protects exactly the namespaces KUBECTL_PROTECTED_NAMESPACES lists, when it is set', () => {
    const custom = new CommandPolicy({ allowWrites: true, protectedNamespaces: ['prod'] });
    expect(custom.evaluate('kubectl delete pod web -n kube-system').code).toBe(VerdictCode.WRITE_ALLOWED);
    expect(custom.evaluate('kubectl delete pod web -n prod').code).toBe(VerdictCode.NAMESPACE_DENIED);
    expect(custom.evaluate('kubectl delete ns prod').code).toBe(VerdictCode.NAMESPACE_DENIED);
  });

  it.each([
    ['kubectl scale deploy/web --replicas=2', ['scale', 'deploy/web', '--replicas=2', '--namespace=default']],
    ['kubectl create deployment web --image=nginx', ['create', 'deployment', 'web', '--image=nginx', '--namespace=default']],
    ['kubectl delete pod web -n prod', ['delete', 'pod', 'web', '-n', 'prod']],
    ['kubectl label nodes node-1 disktype=ssd', ['label', 'nodes', 'node-1', 'disktype=ssd']],
    ['kubectl cordon node-1', ['cordon', 'node-1']],
    ['kubectl create namespace dev', ['create', 'namespace', 'dev']],
    ['kubectl get pods', ['get', 'pods']],
  ])('pins %s to the default namespace when it writes into an unnamed one', (command, argv) => {
    expect(sut.evaluate(command).argv).toEqual(argv);
  });

  it('refuses a write that names no namespace when the default namespace is protected', () => {
    const policy = new CommandPolicy({ allowWrites: true, defaultNamespace: 'kube-system' });
    expect(policy.evaluate('kubectl scale deploy/web --replicas=2')).toMatchObject({ code: VerdictCode.NAMESPACE_DENIED });
    expect(policy.evaluate('kubectl scale deploy/web --replicas=2 -n dev').code).toBe(VerdictCode.WRITE_ALLOWED);
  });

  it('refuses an invalid protected namespace at construction', () => {
    expect(() => new CommandPolicy({ allowWrites: false, protectedNamespaces: ['Kube_System'] })).toThrow(/not a valid namespace/);
  });
});
