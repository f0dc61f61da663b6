import { AppConfig } from '@app/config';
import { CommandPolicy } from '@app/safety';
import { ClusterPicture } from './cluster-picture';
import { ClusterTargetsGate } from './cluster-targets.gate';
import { DiscoveryService } from './discovery.service';
import { fixturePicture } from './testing/cluster-picture.fixture';

describe(`${ClusterTargetsGate.name} and writes to custom resources`, () => {
  const CONFIG = { safety: { allowedNamespaces: null } } as unknown as AppConfig;
  const writesOn = new CommandPolicy({ allowWrites: true });
  const writesOff = new CommandPolicy({ allowWrites: false });

  function gate(policy: CommandPolicy, picture: ClusterPicture | null = fixturePicture()): ClusterTargetsGate {
    const discovery = { picture, status: { state: picture ? 'ok' : 'failed' }, settled: async () => undefined } as unknown as DiscoveryService;
    return new ClusterTargetsGate(CONFIG, discovery, policy);
  }
  const check = (policy: CommandPolicy, command: string, picture?: ClusterPicture | null, dryRun = false) =>
    gate(policy, picture).check(policy.evaluate(command, { dryRun }), null);

  it.each([
    'kubectl delete widgets.example.com sprocket -n team-a',
    'kubectl delete wdg sprocket -n team-a',
    'kubectl label Widget sprocket tier=gold -n team-a',
    'kubectl annotate widgets.v1.example.com sprocket note=x -n team-a',
    `kubectl patch widget sprocket --type merge -p '{"spec":{"size":"small"}}'`,
  ])('lets a write to a namespaced custom resource the cluster serves through: %s', async (command) => {
    expect(await check(writesOn, command)).toMatchObject({ decision: 'write', code: 'WRITE_ALLOWED' });
  });

  it('lets a server dry run through, and shows a write refused only because writes are off', async () => {
    expect(await check(writesOff, 'kubectl delete wdg sprocket -n team-a', undefined, true)).toMatchObject({ code: 'DRY_RUN_ALLOWED' });
    expect(await check(writesOff, 'kubectl delete wdg sprocket -n team-a')).toMatchObject({ code: 'WRITES_DISABLED' });
  });

  it.each([
    ['kubectl delete ss db -n team-a', /ss is sealedsecrets\.bitnami\.com, a denied resource type/],
    ['kubectl delete cwdg big', /cwdg is clusterwidgets\.example\.com, a cluster-scoped custom resource/],
    ['kubectl label clusterwidgets big a=b', /cluster-scoped custom resource/],
    ['kubectl delete httproutes web -n team-a', /httproutes is httproutes\.gateway\.networking\.k8s\.io, in a built-in API group/],
    ['kubectl delete HTTPRoute web -n team-a', /in a built-in API group/],
  ])('refuses what the cluster shows is no writable custom resource: %s', async (command, message) => {
    for (const policy of [writesOn, writesOff]) {
      expect(await check(policy, command)).toMatchObject({ decision: 'deny', code: 'RESOURCE_DENIED', message: expect.stringMatching(message) });
    }
  });

  it('refuses a write to a custom resource while no picture confirms what it is, and says why', async () => {
    const verdict = await check(writesOn, 'kubectl delete wdg sprocket -n team-a', null);

    expect(verdict).toMatchObject({ decision: 'deny', code: 'RESOURCE_DENIED', message: expect.stringContaining('runs only once discovery confirms what it is') });
    expect(await check(writesOn, 'kubectl delete pods web -n team-a', null)).toMatchObject({ code: 'WRITE_ALLOWED' });
    expect(await check(writesOn, 'kubectl get wdg -n team-a', null)).toMatchObject({ code: 'READ_ALLOWED' });
  });

  it('still reads cluster-scoped and built-in-group custom resources', async () => {
    expect(await check(writesOn, 'kubectl get cwdg')).toMatchObject({ decision: 'read' });
    expect(await check(writesOn, 'kubectl get httproutes -n team-a')).toMatchObject({ decision: 'read' });
  });

  it('refuses a custom type the cluster does not serve as UNKNOWN_RESOURCE, writes included', async () => {
    await expect(check(writesOn, 'kubectl delete widgest sprocket -n team-a')).rejects.toMatchObject({ code: 'UNKNOWN_RESOURCE', extra: { suggestions: ['widgets.example.com'] } });
  });
});
