import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { K8S_DIR } from './support/deploy-paths';
import { KubernetesSchemaValidator } from './support/kubernetes-schema.validator';
import { kustomizeUnavailableReason, renderKustomization, renderWithComponent } from './support/kustomize.renderer';
import { YamlObject } from './support/manifest-files';
import { ManifestIndex, nameOf } from './support/manifest-index';

const index = ManifestIndex.load();
const WRITES_COMPONENT = resolve(K8S_DIR, 'writes');
const IMPERSONATION_COMPONENT = resolve(K8S_DIR, 'impersonation');

function identity(body: YamlObject): string {
  const metadata = body.metadata as { namespace?: string } | undefined;
  return `${String(body.kind)} ${metadata?.namespace ?? '-'}/${nameOf(body) ?? '?'}`;
}

function kustomizeFile(file: string): YamlObject {
  const found = index.kustomizeFiles().find((document) => document.file === file);
  if (!found) throw new Error(`no kustomize file ${file}`);
  return found.body;
}

describe('docker/k8s: Kubernetes schemas', () => {
  const sut = new KubernetesSchemaValidator();

  it.each(index.objects().map((document) => [`${document.file} ${identity(document.body)}`, document.body] as const))(
    '%s matches its schema, with no unknown field',
    (_label, body) => {
      expect(sut.validate(body)).toEqual([]);
    },
  );

  it('defines every object once', () => {
    const identities = index.objects().map((document) => identity(document.body));

    expect(identities.length).toBeGreaterThan(10);
    expect(new Set(identities).size).toBe(identities.length);
  });

  describe('the strict check', () => {
    const deployment = (): YamlObject => structuredClone(index.one('Deployment', 'kubectl-agent'));

    it('reports a misspelled field at any depth', () => {
      const body = deployment() as { metadata: YamlObject; spec: YamlObject & { template: { spec: { containers: YamlObject[] } } } };
      body.spec.replicaz = 2;
      body.metadata.lables = { app: 'x' };
      body.spec.template.spec.containers[0].securityContext = { readOnlyRootFilesytem: true };

      expect(sut.validate(body)).toEqual([
        { path: '/metadata/lables', message: expect.stringContaining('not a field') },
        { path: '/spec/template/spec/containers/0/securityContext/readOnlyRootFilesytem', message: expect.stringContaining('not a field') },
        { path: '/spec/replicaz', message: expect.stringContaining('not a field') },
      ]);
    });

    it('reports values of the wrong type', () => {
      const body = deployment() as { spec: YamlObject & { template: { spec: { containers: { ports: YamlObject[] }[] } } } };
      body.spec.replicas = 'two';
      body.spec.template.spec.containers[0].ports[0].containerPort = '8000';

      expect(sut.validate(body)).toEqual([
        { path: '/spec/replicas', message: 'must be integer' },
        { path: '/spec/template/spec/containers/0/ports/0/containerPort', message: 'must be integer' },
      ]);
    });

    it('reports a missing required field', () => {
      const body = deployment() as { spec: YamlObject };
      delete body.spec.selector;

      expect(sut.validate(body)).toEqual([{ path: '/spec', message: expect.stringContaining('selector') }]);
    });

    it('accepts any key in free-form maps: labels, annotations, resource quantities, ConfigMap data', () => {
      const body = deployment() as { metadata: { labels: YamlObject; annotations?: YamlObject } };
      body.metadata.labels['example.com/any-key'] = 'value';
      body.metadata.annotations = { 'example.com/note': 'free text' };
      const configMap = structuredClone(index.one('ConfigMap', 'kubectl-agent-config')) as { data: YamlObject };
      configMap.data.ANY_KEY = 'value';

      expect(sut.validate(body)).toEqual([]);
      expect(sut.validate(configMap)).toEqual([]);
    });

    it('refuses a kind or apiVersion it has no schema for', () => {
      expect(sut.validate({ ...deployment(), kind: 'Deploymnet' })).toEqual([
        { path: '/kind', message: 'no schema for apiVersion apps/v1, kind Deploymnet' },
      ]);
      expect(sut.validate({ ...deployment(), apiVersion: 'extensions/v1beta1' })).toHaveLength(1);
    });
  });
});

describe('docker/k8s: kustomize', () => {
  const kustomization = kustomizeFile('kustomization.yaml');
  const component = kustomizeFile('writes/kustomization.yaml');
  const impersonation = kustomizeFile('impersonation/kustomization.yaml');

  it('lists every manifest file of docker/k8s except the Secret template', () => {
    const files = readdirSync(K8S_DIR).filter((name) => name.endsWith('.yaml') && name !== 'kustomization.yaml');

    expect([...(kustomization.resources as string[])].sort()).toEqual(files.filter((name) => name !== 'secret.template.yaml').sort());
  });

  it('keeps the write RBAC out of the default kustomization, in an optional component', () => {
    expect(kustomization.components).toBeUndefined();
    expect(component).toEqual(expect.objectContaining({ kind: 'Component', resources: ['rbac-write.yaml'] }));
    expect(index.fileOf('ClusterRole', 'kubectl-agent-write')).toBe('writes/rbac-write.yaml');
  });

  it('keeps the impersonation RBAC out of the default kustomization, in an optional component without the example grants', () => {
    expect(impersonation).toEqual({ apiVersion: 'kustomize.config.k8s.io/v1alpha1', kind: 'Component', resources: ['rbac-impersonate.yaml'] });
    expect(index.fileOf('ClusterRole', 'kubectl-agent-impersonate')).toBe('impersonation/rbac-impersonate.yaml');
    expect(index.fileOf('ClusterRoleBinding', 'kubectl-agent-impersonate')).toBe('impersonation/rbac-impersonate.yaml');
    expect(index.examples().documents.map((document) => document.file)).toEqual(expect.arrayContaining(['impersonation/grants.example.yaml']));
  });

  it('patches only objects and keys that exist', () => {
    const patches = component.patches as { target: { kind: string; name: string } }[];

    for (const patch of patches) expect(() => index.one(patch.target.kind, patch.target.name)).not.toThrow();
    expect(index.one<{ data: YamlObject }>('ConfigMap', 'kubectl-agent-config').data).toHaveProperty('KUBECTL_ALLOW_WRITES');
  });

  const unavailable = kustomizeUnavailableReason();
  const withKustomize = unavailable === null ? it : it.skip;
  const skipNote = unavailable === null ? '' : ` (skipped: ${unavailable})`;

  withKustomize(`renders with kubectl kustomize into exactly the listed objects, still valid${skipNote}`, () => {
    const rendered = renderKustomization(K8S_DIR);
    const listed = index.objects().filter((document) => (kustomization.resources as string[]).includes(document.file));
    const validator = new KubernetesSchemaValidator();

    expect(rendered.map(identity).sort()).toEqual(listed.map((document) => identity(document.body)).sort());
    for (const body of rendered) expect(validator.validate(body)).toEqual([]);
  });

  withKustomize(`renders the writes component: write RBAC, KUBECTL_ALLOW_WRITES=true, a new pod template${skipNote}`, () => {
    const rendered = renderWithComponent(K8S_DIR, WRITES_COMPONENT);
    const find = (kind: string, name: string): YamlObject | undefined =>
      rendered.find((body) => body.kind === kind && nameOf(body) === name);
    const deployment = find('Deployment', 'kubectl-agent') as { spec: { template: { metadata: YamlObject } } };

    expect(find('ClusterRole', 'kubectl-agent-write')).toBeDefined();
    expect(find('ClusterRoleBinding', 'kubectl-agent-write')).toBeDefined();
    expect((find('ConfigMap', 'kubectl-agent-config') as { data: YamlObject }).data.KUBECTL_ALLOW_WRITES).toBe('true');
    expect(deployment.spec.template.metadata.annotations).toEqual({ 'kubectl-agent.io/writes': 'enabled' });
    for (const body of rendered) expect(new KubernetesSchemaValidator().validate(body)).toEqual([]);
  });

  withKustomize(`renders the impersonation component: its ClusterRole and binding added, nothing else changed${skipNote}`, () => {
    const base = renderKustomization(K8S_DIR);
    const rendered = renderWithComponent(K8S_DIR, IMPERSONATION_COMPONENT);
    const added = rendered.filter((body) => !base.some((other) => identity(other) === identity(body)));

    expect(added.map(identity).sort()).toEqual(['ClusterRole -/kubectl-agent-impersonate', 'ClusterRoleBinding -/kubectl-agent-impersonate']);
    expect(rendered.filter((body) => !added.includes(body))).toEqual(base);
    for (const body of added) expect(new KubernetesSchemaValidator().validate(body)).toEqual([]);
  });
});
