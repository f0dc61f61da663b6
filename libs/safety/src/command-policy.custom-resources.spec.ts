import * as fc from 'fast-check';
import { BUILTIN_RESOURCES, BuiltinResource, spellingsOf } from './builtin-resources';
import { CommandPolicy } from './command-policy';
import { resolveResourceType } from './resource-names';
import { DELETABLE, LABELABLE, PATCHABLE } from './write-groups';

/** Every way kubectl lets a command name a built-in: plain, capitalised, with its group, with version and group. */
function spellings(entry: BuiltinResource): string[] {
  const names = [...spellingsOf(entry), entry.kind, entry.plural.toUpperCase()];
  const qualified = names.flatMap((name) => [
    ...(entry.group === '' ? [] : [`${name}.${entry.group}`]),
    ...entry.versions.map((version) => (entry.group === '' ? `${name}.${version}` : `${name}.${version}.${entry.group}`)),
  ]);
  return [...new Set([...names, ...qualified])];
}

/** The generic write verbs, which may change custom resources, with the built-ins each may change. */
const GENERIC_WRITES: ReadonlyArray<readonly [verb: string, builtins: ReadonlySet<string>, command: (type: string) => string]> = [
  ['delete', DELETABLE, (type) => `kubectl delete ${type} obj -n team-a`],
  ['label', LABELABLE, (type) => `kubectl label ${type} obj tier=gold -n team-a`],
  ['annotate', LABELABLE, (type) => `kubectl annotate ${type} obj note=x -n team-a`],
  ['patch', PATCHABLE, (type) => `kubectl patch ${type} obj --type merge -p '{"spec":{"size":"small"}}' -n team-a`],
];

const BUILTIN_SPELLINGS = BUILTIN_RESOURCES.flatMap((entry) => spellings(entry).map((written) => [written, entry] as const));

describe(`${CommandPolicy.name} and writes to custom resources`, () => {
  const writesOn = new CommandPolicy({ allowWrites: true });
  const writesOff = new CommandPolicy({ allowWrites: false });

  it.each([
    'kubectl delete widgets.example.com sprocket -n team-a',
    'kubectl delete widgets sprocket -n team-a',
    'kubectl delete widget sprocket -n team-a',
    'kubectl delete Widget sprocket -n team-a',
    'kubectl delete wdg sprocket -n team-a',
    'kubectl delete widgets.v1.example.com sprocket -n team-a',
    'kubectl delete widgets.example.com/sprocket widget.example.com/gear -n team-a',
    'kubectl delete certificates.cert-manager.io web-tls -n team-a --wait=false',
    'kubectl label widgets.example.com sprocket tier=gold -n team-a',
    'kubectl label wdg sprocket tier- -n team-a',
    'kubectl annotate widgets.example.com sprocket note=checked --overwrite -n team-a',
    `kubectl patch widgets.example.com sprocket --type merge -p '{"spec":{"size":"small"}}' -n team-a`,
    `kubectl patch widget/sprocket --type json -p '[{"op":"replace","path":"/spec/size","value":"small"}]' -n team-a`,
    'kubectl delete machines.cluster.x-k8s.io m-1 -n team-a',
  ])('judges a write to a custom resource like any other write: %s', (command) => {
    expect(writesOn.evaluate(command)).toMatchObject({ decision: 'write', code: 'WRITE_ALLOWED' });
    expect(writesOff.evaluate(command)).toMatchObject({ decision: 'deny', code: 'WRITES_DISABLED' });
    expect(writesOff.evaluate(command, { dryRun: true })).toMatchObject({ decision: 'write', code: 'DRY_RUN_ALLOWED', argv: expect.arrayContaining(['--dry-run=server']) });
  });

  it('marks the types it took for custom resources, for the cluster to confirm', () => {
    expect(writesOn.evaluate('kubectl delete wdg,pods x -n team-a').targets).toEqual({
      types: ['wdg', 'pods'],
      namespaces: ['team-a'],
      customTypes: ['wdg'],
    });
    expect(writesOn.evaluate('kubectl delete pods x -n team-a').targets?.customTypes).toEqual([]);
  });

  it('pins a write that names no namespace to the default namespace', () => {
    expect(writesOn.evaluate('kubectl delete widgets.example.com sprocket')).toMatchObject({
      decision: 'write',
      argv: ['delete', 'widgets.example.com', 'sprocket', '--namespace=default'],
    });
  });

  it('prints a client dry run of a custom-resource write as a read, whatever the write setting', () => {
    expect(writesOff.evaluate('kubectl delete widgets.example.com sprocket -n team-a --dry-run=client')).toMatchObject({ decision: 'read' });
  });

  it.each([
    ['kubectl delete widgets.example.com sprocket -n kube-system', 'NAMESPACE_DENIED'],
    ['kubectl label widgets sprocket a=b --namespace=kube-public', 'NAMESPACE_DENIED'],
    ['kubectl delete sealedsecrets.bitnami.com db -n team-a', 'RESOURCE_DENIED'],
    ['kubectl label externalsecrets.external-secrets.io db a=b -n team-a', 'RESOURCE_DENIED'],
    ['kubectl delete widgets.example.com --all -n team-a', 'FLAG_DENIED'],
    ['kubectl delete widgets.example.com -l app=web -n team-a', 'FLAG_DENIED'],
    ['kubectl delete widgets.example.com -n team-a', 'INVALID_ARGUMENT'],
    ['kubectl delete widgets.example.com sprocket -A', 'FLAG_DENIED'],
    ['kubectl delete widgets.example.com sprocket --force -n team-a', 'FLAG_DENIED'],
    [`kubectl patch widgets.example.com sprocket -p '{"spec":{"secretRef":{"name":"db"}}}' -n team-a`, 'PATCH_DENIED'],
    ['kubectl annotate widgets.example.com sprocket nginx.ingress.kubernetes.io/configuration-snippet=x -n team-a', 'PATCH_DENIED'],
    ['kubectl scale widgets.example.com sprocket --replicas=2 -n team-a', 'RESOURCE_DENIED'],
    ['kubectl rollout restart widgets.example.com/sprocket -n team-a', 'RESOURCE_DENIED'],
    ['kubectl set image widgets.example.com/sprocket app=nginx -n team-a', 'RESOURCE_DENIED'],
    ['kubectl autoscale widgets.example.com sprocket --max=3 -n team-a', 'RESOURCE_DENIED'],
    ['kubectl expose widgets.example.com sprocket --port=80 -n team-a', 'RESOURCE_DENIED'],
    ['kubectl delete httproutes.gateway.networking.k8s.io web -n team-a', 'RESOURCE_DENIED'],
    ['kubectl delete volumesnapshots.snapshot.storage.k8s.io s1 -n team-a', 'RESOURCE_DENIED'],
    ['kubectl delete widgets.v1 sprocket -n team-a', 'RESOURCE_DENIED'],
    ['kubectl delete widgets.apps sprocket -n team-a', 'RESOURCE_DENIED'],
    ['kubectl delete widgets.v1.apps sprocket -n team-a', 'RESOURCE_DENIED'],
    ['kubectl delete pods.example.com web -n team-a', 'RESOURCE_DENIED'],
    ['kubectl delete namespaces.example.com team-a', 'RESOURCE_DENIED'],
  ])('keeps every other rule for custom-resource writes: %s -> %s', (command, code) => {
    expect(writesOn.evaluate(command)).toMatchObject({ decision: 'deny', code });
  });

  it('refuses what KUBECTL_DENIED_RESOURCES lists, by name or by group', () => {
    for (const entry of ['widgets', 'widgets.example.com', '*.example.com', 'wid*']) {
      const sut = new CommandPolicy({ allowWrites: true, deniedResources: [entry] });
      expect([entry, sut.evaluate('kubectl delete widgets.example.com sprocket -n team-a').code]).toEqual([entry, 'RESOURCE_DENIED']);
    }
    expect(new CommandPolicy({ allowWrites: true, deniedResources: ['gadgets'] }).evaluate('kubectl delete sealedsecrets.bitnami.com s -n team-a')).toMatchObject({
      code: 'RESOURCE_DENIED',
    });
  });

  it('refuses custom types under namespace scoping, which cannot tell whether they are namespaced', () => {
    const sut = new CommandPolicy({ allowWrites: true, allowedNamespaces: ['team-a'] });

    expect(sut.evaluate('kubectl delete widgets.example.com sprocket -n team-a')).toMatchObject({ code: 'NAMESPACE_DENIED', message: expect.stringContaining('namespaced') });
  });

  describe('never takes a built-in for a custom resource', () => {
    it.each(BUILTIN_SPELLINGS.map(([written, entry]) => [written, entry.group || 'core', entry] as const))('%s (%s) is not custom', (written, _, entry) => {
      const type = resolveResourceType(written);

      expect(type.custom).toBe(false);
      if (!written.includes('.') || written.toLowerCase().includes(`.${entry.group}`)) expect(type.builtin).toBeDefined();
    });

    it.each(GENERIC_WRITES)('kubectl %s writes exactly the built-ins its table lists, in every spelling', (_, builtins, command) => {
      const wrong = BUILTIN_SPELLINGS.flatMap(([written, entry]) => {
        const verdict = writesOn.evaluate(command(written));
        const writable = builtins.has(entry.plural) && resolveResourceType(written).builtin?.plural === entry.plural;
        return (verdict.decision === 'write') === writable && (writable || verdict.code === 'RESOURCE_DENIED') ? [] : [`${written}: ${verdict.code}`];
      });

      expect(wrong).toEqual([]);
    });

    it('refuses any name in a built-in group, however it is spelled', () => {
      const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/);
      const group = fc.oneof(
        fc.constantFrom('', 'v1', 'apps', 'batch', 'v1.apps', 'v2.autoscaling', 'policy', 'extensions', 'k8s.io'),
        fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/).map((label) => `${label}.k8s.io`),
        fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/).map((label) => `v1.${label}.k8s.io`),
      );
      fc.assert(
        fc.property(name, group, (resource, suffix) => {
          const written = suffix === '' ? resource : `${resource}.${suffix}`;
          const verdict = writesOn.evaluate(`kubectl delete ${written} obj -n team-a`);
          const builtin = resolveResourceType(written).builtin;
          if (suffix === '' && !builtin) return; // a bare unknown name is a custom resource
          expect(resolveResourceType(written).custom).toBe(false);
          expect(verdict.decision === 'write').toBe(builtin !== undefined && DELETABLE.has(builtin.plural));
        }),
        { numRuns: 500 },
      );
    });

    it('takes any other name in a group of its own for a custom resource', () => {
      const label = fc.stringMatching(/^[a-z][a-z0-9]{0,10}$/).filter((word) => !word.includes('secret'));
      fc.assert(
        fc.property(label, label, fc.constantFrom('io', 'com', 'dev', 'sh'), (resource, domain, tld) => {
          const written = `${resource}.${domain}.${tld}`;
          fc.pre(!BUILTIN_RESOURCES.some((entry) => spellingsOf(entry).includes(resource)));
          expect(resolveResourceType(written).custom).toBe(true);
          expect(writesOn.evaluate(`kubectl delete ${written} obj -n team-a`)).toMatchObject({ decision: 'write', targets: { customTypes: [written] } });
        }),
        { numRuns: 300 },
      );
    });
  });
});
