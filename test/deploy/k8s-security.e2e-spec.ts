import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { INamespace } from 'kubernetes-models/v1/Namespace';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { CALLERS_MOUNT_PATH, CREDENTIAL_LOOKALIKES, SECRET_ENV_NAMES } from './support/app-contract';
import { ManifestIndex } from './support/manifest-index';

const index = ManifestIndex.load();
const deployments = index.all<IDeployment>('Deployment');
const agent = index.one<IDeployment>('Deployment', 'kubectl-agent');
const redis = index.one<IDeployment>('Deployment', 'kubectl-agent-redis');

function podSpec(deployment: IDeployment): IPodSpec {
  const spec = deployment.spec?.template.spec;
  if (!spec) throw new Error(`${deployment.metadata?.name}: no pod spec`);
  return spec;
}

function containersOf(deployment: IDeployment): IContainer[] {
  const spec = podSpec(deployment);
  return [...(spec.initContainers ?? []), ...spec.containers];
}

const CONTAINERS = deployments.flatMap((deployment) =>
  containersOf(deployment).map((container) => [`${deployment.metadata?.name}/${container.name}`, deployment, container] as const),
);

describe('docker/k8s: pod security', () => {
  it.each(CONTAINERS)('%s runs as non-root with a fixed, non-zero uid', (_name, deployment, container) => {
    const pod = podSpec(deployment).securityContext;

    expect(container.securityContext?.runAsNonRoot ?? pod?.runAsNonRoot).toBe(true);
    expect(container.securityContext?.runAsUser ?? pod?.runAsUser).toBeGreaterThan(0);
  });

  it.each(CONTAINERS)('%s has a read-only root, no privilege escalation, no capabilities', (_name, _deployment, container) => {
    const security = container.securityContext;

    expect(security?.readOnlyRootFilesystem).toBe(true);
    expect(security?.allowPrivilegeEscalation).toBe(false);
    expect(security?.privileged).not.toBe(true);
    expect(security?.capabilities?.drop).toEqual(['ALL']);
    expect(security?.capabilities?.add).toBeUndefined();
  });

  it.each(CONTAINERS)('%s uses the RuntimeDefault seccomp profile', (_name, deployment, container) => {
    const profile = container.securityContext?.seccompProfile ?? podSpec(deployment).securityContext?.seccompProfile;

    expect(profile).toEqual({ type: 'RuntimeDefault' });
  });

  it.each(CONTAINERS)('%s sets CPU and memory requests and limits', (_name, _deployment, container) => {
    expect(container.resources?.requests).toEqual({ cpu: expect.anything(), memory: expect.anything() });
    expect(container.resources?.limits).toEqual({ cpu: expect.anything(), memory: expect.anything() });
  });

  it.each(CONTAINERS)('%s uses a tagged image, never latest', (_name, _deployment, container) => {
    expect(container.image).toMatch(/^[a-z0-9./-]+:(?!latest$)[\w.-]+$/);
  });

  it.each(deployments.map((deployment) => [deployment.metadata?.name, deployment] as const))(
    '%s shares nothing with the node: no host namespaces, no hostPath volumes',
    (_name, deployment) => {
      const spec = podSpec(deployment);

      expect([spec.hostNetwork, spec.hostPID, spec.hostIPC].filter(Boolean)).toEqual([]);
      expect((spec.volumes ?? []).filter((volume) => volume.hostPath !== undefined)).toEqual([]);
    },
  );

  it('gives the agent a writable emptyDir at /tmp, which holds HOME', () => {
    const container = containersOf(agent)[0];
    const mount = container.volumeMounts?.find((candidate) => candidate.mountPath === '/tmp');
    const volume = podSpec(agent).volumes?.find((candidate) => candidate.name === mount?.name);
    const home = container.env?.find((variable) => variable.name === 'HOME')?.value;

    expect(volume?.emptyDir).toBeDefined();
    expect(home).toMatch(/^\/tmp\//);
  });

  it('runs the agent as uid 1000, the image user, and mounts the token kubectl authenticates with', () => {
    const spec = podSpec(agent);
    const serviceAccount = index.one<IServiceAccount>('ServiceAccount', String(spec.serviceAccountName));

    expect(spec.securityContext?.runAsUser).toBe(1000);
    expect(spec.automountServiceAccountToken).toBe(true);
    expect(serviceAccount.automountServiceAccountToken).toBe(true);
  });

  it('gives Redis no API token', () => {
    expect(podSpec(redis).automountServiceAccountToken).toBe(false);
    expect(podSpec(redis).serviceAccountName).toBeUndefined();
  });

  it('enforces the restricted Pod Security Standard on the namespace', () => {
    const namespace = index.one<INamespace>('Namespace', 'kubectl-agent');

    expect(namespace.metadata?.labels).toEqual(expect.objectContaining({ 'pod-security.kubernetes.io/enforce': 'restricted' }));
  });

  it('puts every namespaced object in that namespace (examples of grants to callers excepted)', () => {
    const namespaced = index.withoutExamples().objects().filter((document) => !['Namespace', 'ClusterRole', 'ClusterRoleBinding'].includes(String(document.body.kind)));
    const namespaces = namespaced.map((document) => (document.body.metadata as { namespace?: string }).namespace);

    expect(new Set(namespaces)).toEqual(new Set(['kubectl-agent']));
  });
});

describe('docker/k8s: network policies', () => {
  const podLabels = (deployment: IDeployment): Record<string, string> => deployment.spec?.template.metadata?.labels ?? {};
  const selects = (policy: INetworkPolicy, deployment: IDeployment): boolean =>
    Object.entries(policy.spec?.podSelector.matchLabels ?? {}).every(([key, value]) => podLabels(deployment)[key] === value);
  const agentPolicy = index.one<INetworkPolicy>('NetworkPolicy', 'kubectl-agent');
  const redisPolicy = index.one<INetworkPolicy>('NetworkPolicy', 'kubectl-agent-redis');

  it('denies all traffic in the namespace unless another policy allows it', () => {
    const deny = index.one<INetworkPolicy>('NetworkPolicy', 'default-deny');

    expect(deny.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
  });

  it('selects the agent pods and admits only TCP on the container port', () => {
    const containerPort = containersOf(agent)[0].ports?.[0].containerPort;

    expect(selects(agentPolicy, agent)).toBe(true);
    expect(selects(agentPolicy, redis)).toBe(false);
    expect(agentPolicy.spec?.ingress?.flatMap((rule) => rule.ports)).toEqual([{ protocol: 'TCP', port: containerPort }]);
  });

  it('lets the agent reach only DNS, Redis, the API server and HTTPS', () => {
    const ports = (agentPolicy.spec?.egress ?? []).flatMap((rule) => (rule.ports ?? []).map((port) => `${port.protocol}/${port.port}`));
    const redisRule = agentPolicy.spec?.egress?.find((rule) => rule.ports?.some((port) => port.port === 6379));

    expect(ports.sort()).toEqual(['TCP/443', 'TCP/53', 'TCP/6379', 'TCP/6443', 'UDP/53']);
    expect(agentPolicy.spec?.egress?.every((rule) => (rule.ports ?? []).length > 0)).toBe(true);
    expect(redisRule?.to).toEqual([{ podSelector: { matchLabels: selectorLabels(redis) } }]);
  });

  it('lets only the agent pods reach Redis, and Redis reach nothing', () => {
    expect(selects(redisPolicy, redis)).toBe(true);
    expect(redisPolicy.spec?.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(redisPolicy.spec?.ingress).toEqual([
      { from: [{ podSelector: { matchLabels: selectorLabels(agent) } }], ports: [{ protocol: 'TCP', port: 6379 }] },
    ]);
    expect(redisPolicy.spec?.egress).toEqual([]);
  });

  function selectorLabels(deployment: IDeployment): Record<string, string> {
    return deployment.spec?.selector.matchLabels ?? {};
  }
});

describe('docker/k8s: secrets', () => {
  it('ships the Secret as a template of placeholders only', () => {
    const secret = index.one<{ stringData: Record<string, string> }>('Secret', 'kubectl-agent-secrets');

    expect(Object.keys(secret.stringData).sort()).toEqual([...SECRET_ENV_NAMES].sort());
    for (const value of Object.values(secret.stringData)) expect(value).toMatch(/^CHANGE-ME/);
    expect(index.fileOf('Secret', 'kubectl-agent-secrets')).toBe('secret.template.yaml');
  });

  it('keeps credentials out of the ConfigMap', () => {
    const configMap = index.one<{ data: Record<string, string> }>('ConfigMap', 'kubectl-agent-config');

    const suspicious = (name: string) => SECRET_ENV_NAMES.has(name) || (/KEY|TOKEN|PASSWORD|SECRET/.test(name) && !CREDENTIAL_LOOKALIKES.has(name));

    expect(Object.keys(configMap.data).filter(suspicious)).toEqual([]);
  });

  it('lets only counts and paths through under names that look like credentials (LLM_MAX_TOKENS, API_KEYS_FILE)', () => {
    const configMap = index.one<{ data: Record<string, string> }>('ConfigMap', 'kubectl-agent-config');
    const present = [...CREDENTIAL_LOOKALIKES].filter(([name]) => name in configMap.data);

    expect(present.map(([name]) => name)).toEqual(expect.arrayContaining(['LLM_MAX_TOKENS', 'API_KEYS_FILE']));
    expect(present.filter(([name, shape]) => !shape.test(configMap.data[name])).map(([name]) => name)).toEqual([]);
  });

  it('mounts the callers Secret read-only, optional, readable by the pod group only', () => {
    const spec = podSpec(agent);
    const mount = spec.containers[0].volumeMounts?.find((candidate) => candidate.mountPath === CALLERS_MOUNT_PATH);
    const volume = spec.volumes?.find((candidate) => candidate.name === mount?.name);

    expect(mount?.readOnly).toBe(true);
    expect(volume?.secret).toEqual({ secretName: 'kubectl-agent-callers', optional: true, defaultMode: 0o440 });
  });
});
