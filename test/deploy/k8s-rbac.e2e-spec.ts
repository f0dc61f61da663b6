import type { IClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole';
import type { IClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding';
import type { IRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DOCKER_DIR } from './support/deploy-paths';
import { ManifestIndex } from './support/manifest-index';

const index = ManifestIndex.load();
/** The one role that may impersonate: the users and groups of API_KEYS_FILE, by name. */
const IMPERSONATION_ROLE = 'kubectl-agent-impersonate';
/** What the example grants may give impersonated callers: reading, as the built-in view role or the agent's own read role. */
const READ_ONLY_ROLES = ['view', 'kubectl-agent-read'];

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
    '%s never grants Secrets, wildcards, RBAC, exec/attach/proxy or token requests, nor impersonation unless it is the impersonation role',
    (_name, role) => {
      for (const rule of role.rules ?? []) {
        const words = [...(rule.apiGroups ?? []), ...(rule.resources ?? []), ...(rule.verbs ?? []), ...(rule.resourceNames ?? [])];

        expect(words.filter((word) => word.includes('*'))).toEqual([]);
        expect((rule.resources ?? []).filter((resource) => /secret/i.test(resource))).toEqual([]);
        expect((rule.resources ?? []).filter((resource) => DANGEROUS_RESOURCES.includes(resource))).toEqual([]);
        expect((rule.apiGroups ?? []).filter((group) => PRIVILEGED_API_GROUPS.includes(group))).toEqual([]);
        const forbidden = ['escalate', 'bind', 'deletecollection', ...(role.metadata?.name === IMPERSONATION_ROLE ? [] : ['impersonate'])];
        expect((rule.verbs ?? []).filter((verb) => forbidden.includes(verb))).toEqual([]);
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

  it.each(index.withoutExamples().all<IClusterRoleBinding>('ClusterRoleBinding').map((binding) => [binding.metadata?.name, binding] as const))(
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

describe('docker/k8s: RBAC for impersonation', () => {
  const role = index.one<IClusterRole>('ClusterRole', IMPERSONATION_ROLE);
  const rules = role.rules ?? [];
  const namesOf = (resource: string): string[] => rules.filter((rule) => rule.resources?.includes(resource)).flatMap((rule) => rule.resourceNames ?? []);
  const examples = index.examples();
  const grants = [...examples.all<IRoleBinding>('RoleBinding'), ...examples.all<IClusterRoleBinding>('ClusterRoleBinding')];

  it('lets the agent impersonate users and groups only, each one by name', () => {
    for (const rule of rules) {
      expect(rule).toEqual({ apiGroups: [''], resources: [expect.stringMatching(/^(users|groups)$/)], verbs: ['impersonate'], resourceNames: expect.any(Array) });
      expect(rule.resourceNames?.length).toBeGreaterThan(0);
    }
    expect(rules.map((rule) => rule.resources?.[0]).sort()).toEqual(['groups', 'users']);
    expect(role.aggregationRule).toBeUndefined();
  });

  it('names no system identity (system:masters would bypass RBAC), and never service accounts, UIDs or extra fields', () => {
    const names = rules.flatMap((rule) => rule.resourceNames ?? []);
    const resources = rules.flatMap((rule) => rule.resources ?? []);

    expect(names.filter((name) => name.toLowerCase().startsWith('system:'))).toEqual([]);
    expect(resources.filter((resource) => ['serviceaccounts', 'uids', 'userextras'].includes(resource.split('/')[0]))).toEqual([]);
  });

  it('is the only role that grants impersonate', () => {
    const impersonating = [...index.all<IClusterRole>('ClusterRole'), ...index.all<IClusterRole>('Role')].filter((candidate) =>
      (candidate.rules ?? []).some((rule) => rule.verbs.includes('impersonate')),
    );

    expect(impersonating.map((candidate) => candidate.metadata?.name)).toEqual([IMPERSONATION_ROLE]);
  });

  it('has example grants that give only identities the agent may impersonate, and only read-only roles', () => {
    expect(grants.length).toBeGreaterThan(0);
    for (const grant of grants) {
      expect(grant.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: expect.any(String) });
      expect(READ_ONLY_ROLES).toContain(grant.roleRef.name);
      for (const subject of grant.subjects ?? []) {
        expect(subject).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: expect.stringMatching(/^(User|Group)$/), name: expect.any(String) });
        expect(namesOf(subject.kind === 'User' ? 'users' : 'groups')).toContain(subject.name);
      }
    }
  });

  it('is documented: the keys file entry, the names in resourceNames, the grants, the component', () => {
    const readme = readFileSync(resolve(DOCKER_DIR, 'README.md'), 'utf8');

    for (const phrase of ['Per-caller RBAC with impersonation', 'API_KEYS_FILE', 'impersonate:', 'resourceNames', 'grants.example.yaml', '- impersonation']) {
      expect(readme).toContain(phrase);
    }
  });
});
