import type { IClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole';
import type { IClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { ManifestIndex } from './support/manifest-index';

const index = ManifestIndex.load();

/** Subresources that run code in, or open a connection into, the cluster, or mint credentials. */
const DANGEROUS_RESOURCES = [
  'pods/exec',
  'pods/attach',
  'pods/portforward',
  'pods/proxy',
  'pods/ephemeralcontainers',
  'nodes/proxy',
  'services/proxy',
  'serviceaccounts/token',
];
const PRIVILEGED_API_GROUPS = ['rbac.authorization.k8s.io', 'certificates.k8s.io', 'admissionregistration.k8s.io', 'apiextensions.k8s.io'];

describe('docker/k8s: RBAC', () => {
  const roles = [...index.all<IClusterRole>('ClusterRole'), ...index.all<IClusterRole>('Role')];
  const readRole = index.one<IClusterRole>('ClusterRole', 'kubectl-agent-read');
  const writeRole = index.one<IClusterRole>('ClusterRole', 'kubectl-agent-write');

  it.each(roles.map((role) => [role.metadata?.name, role] as const))(
    '%s never grants Secrets, wildcards, RBAC, exec/attach/proxy or token requests',
    (_name, role) => {
      for (const rule of role.rules ?? []) {
        const words = [...(rule.apiGroups ?? []), ...(rule.resources ?? []), ...(rule.verbs ?? []), ...(rule.resourceNames ?? [])];

        expect(words.filter((word) => word.includes('*'))).toEqual([]);
        expect((rule.resources ?? []).filter((resource) => /secret/i.test(resource))).toEqual([]);
        expect((rule.resources ?? []).filter((resource) => DANGEROUS_RESOURCES.includes(resource))).toEqual([]);
        expect((rule.apiGroups ?? []).filter((group) => PRIVILEGED_API_GROUPS.includes(group))).toEqual([]);
        expect((rule.verbs ?? []).filter((verb) => ['escalate', 'bind', 'impersonate', 'deletecollection'].includes(verb))).toEqual([]);
        expect(rule.nonResourceURLs).toBeUndefined();
      }
      expect(role.aggregationRule).toBeUndefined();
    },
  );

  it('lets the read role only get, list and watch', () => {
    const verbs = new Set((readRole.rules ?? []).flatMap((rule) => rule.verbs));

    expect([...verbs].sort()).toEqual(['get', 'list', 'watch']);
  });

  it.each([
    ['', 'pods'],
    ['', 'pods/log'],
    ['', 'services'],
    ['', 'endpoints'],
    ['', 'configmaps'],
    ['', 'events'],
    ['', 'namespaces'],
    ['', 'nodes'],
    ['', 'persistentvolumeclaims'],
    ['', 'persistentvolumes'],
    ['apps', 'deployments'],
    ['apps', 'replicasets'],
    ['apps', 'statefulsets'],
    ['apps', 'daemonsets'],
    ['batch', 'jobs'],
    ['batch', 'cronjobs'],
    ['networking.k8s.io', 'ingresses'],
    ['networking.k8s.io', 'networkpolicies'],
    ['autoscaling', 'horizontalpodautoscalers'],
    ['metrics.k8s.io', 'pods'],
    ['metrics.k8s.io', 'nodes'],
  ])('lets the read role get and list %s/%s', (group, resource) => {
    const rule = (readRole.rules ?? []).find((candidate) => candidate.apiGroups?.includes(group) && candidate.resources?.includes(resource));

    expect(rule?.verbs).toEqual(expect.arrayContaining(['get', 'list']));
  });

  it('keeps the write role to the write tier: no deleting namespaces, nodes or volumes', () => {
    const verbs = new Set((writeRole.rules ?? []).flatMap((rule) => rule.verbs));
    const deletable = (writeRole.rules ?? []).filter((rule) => rule.verbs.includes('delete')).flatMap((rule) => rule.resources ?? []);

    expect([...verbs].sort()).toEqual(['create', 'delete', 'get', 'patch', 'update']);
    expect(deletable.filter((resource) => ['namespaces', 'nodes', 'persistentvolumes'].includes(resource))).toEqual([]);
  });

  it.each(index.all<IClusterRoleBinding>('ClusterRoleBinding').map((binding) => [binding.metadata?.name, binding] as const))(
    '%s binds its ClusterRole to the agent service account only',
    (name, binding) => {
      const serviceAccount = index.one<IServiceAccount>('ServiceAccount', 'kubectl-agent');

      expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name });
      expect(() => index.one('ClusterRole', binding.roleRef.name)).not.toThrow();
      expect(binding.subjects).toEqual([
        { kind: 'ServiceAccount', name: serviceAccount.metadata?.name, namespace: serviceAccount.metadata?.namespace },
      ]);
    },
  );
});
