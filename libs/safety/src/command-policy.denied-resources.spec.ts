import { CommandPolicy } from './command-policy';
import { DeniedResources } from './denied-resources';

describe(`${CommandPolicy.name} and KUBECTL_DENIED_RESOURCES`, () => {
  const defaults = new CommandPolicy({ allowWrites: false });

  it.each([
    'kubectl get widgets -n default',
    'kubectl get wdg',
    'kubectl describe widgets.example.com sprocket -n default',
    'kubectl explain widgets.spec',
  ])('lets custom resources be read by default: %s', (command) => {
    expect(defaults.evaluate(command)).toMatchObject({ decision: 'read', code: 'READ_ALLOWED' });
  });

  it.each([
    'kubectl get secrets',
    'kubectl get sealedsecrets.bitnami.com',
    'kubectl get externalsecrets.external-secrets.io -A',
    'kubectl describe secretstores',
    'kubectl explain sealedsecrets.spec',
  ])('refuses Secrets and look-alikes by default: %s', (command) => {
    expect(defaults.evaluate(command)).toMatchObject({ decision: 'deny', code: 'RESOURCE_DENIED' });
  });

  it.each([
    ['widgets', 'kubectl get widgets'],
    ['widgets', 'kubectl get Widgets.example.com'],
    ['widgets.example.com', 'kubectl get widgets.example.com'],
    ['widgets.example.com', 'kubectl get widgets.v1.example.com x'],
    ['gadget*', 'kubectl describe gadgetstores'],
  ])('refuses what the list names (%s): %s', (entry, command) => {
    expect(new CommandPolicy({ allowWrites: false, deniedResources: [entry] }).evaluate(command)).toMatchObject({ code: 'RESOURCE_DENIED' });
  });

  it('keeps a group-qualified entry to its group', () => {
    const sut = new CommandPolicy({ allowWrites: false, deniedResources: ['widgets.example.com'] });

    expect(sut.evaluate('kubectl get widgets.other.io')).toMatchObject({ decision: 'read' });
  });

  it('still refuses Secrets in any spelling when the list leaves them out', () => {
    const sut = new CommandPolicy({ allowWrites: false, deniedResources: ['widgets'] });

    expect(sut.evaluate('kubectl get secret')).toMatchObject({ code: 'RESOURCE_DENIED' });
    expect(sut.evaluate('kubectl get sealedsecrets')).toMatchObject({ code: 'RESOURCE_DENIED' });
  });

  it('answers for canonical names and groups, as discovery resolves them', () => {
    expect(defaults.refusesResource('sealedsecrets', 'bitnami.com')).toBe(true);
    expect(defaults.refusesResource('widgets', 'example.com')).toBe(false);
    expect(new CommandPolicy({ allowWrites: false, deniedResources: ['widgets.example.com'] }).refusesResource('widgets', 'example.com')).toBe(true);
  });

  it('refuses an option that is neither a name nor name.group', () => {
    expect(() => new CommandPolicy({ allowWrites: false, deniedResources: ['bad/name'] })).toThrow(TypeError);
  });

  it('carries the targets a command names, for checks against the cluster', () => {
    expect(defaults.evaluate('kubectl get pods,wdg -n team-a')).toMatchObject({ targets: { types: ['pods', 'wdg'], namespaces: ['team-a'] } });
    expect(defaults.evaluate('kubectl scale deployment/web --replicas=2 --namespace prod')).toMatchObject({
      code: 'WRITES_DISABLED',
      targets: { types: ['deployment'], namespaces: ['prod'] },
    });
  });

  it('matches wildcards over the whole name', () => {
    const sut = new DeniedResources(['*secret*', 'certificates.cert-manager.io']);

    expect(sut.matches('sealedsecrets', 'bitnami.com')).toBe(true);
    expect(sut.matches('certificates', 'cert-manager.io')).toBe(true);
    expect(sut.matches('certificates', 'v1.cert-manager.io')).toBe(true);
    expect(sut.matches('certificatesigningrequests', 'certificates.k8s.io')).toBe(false);
  });
});
