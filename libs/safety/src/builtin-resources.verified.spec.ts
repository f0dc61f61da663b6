import { execFileSync } from 'node:child_process';
import { kubectlBinary, readApiPackages } from '../test/kubectl-api-types';
import { BUILTIN_RESOURCES, BuiltinResource, isBuiltinGroup } from './builtin-resources';
import { VERIFIED_KUBECTL_VERSION } from './kubectl-version';

/** Go package of k8s.io/api -> API group, where the two differ beyond a `.k8s.io` suffix. */
const GROUP_OF_PACKAGE: Record<string, string> = {
  core: '',
  apps: 'apps',
  autoscaling: 'autoscaling',
  batch: 'batch',
  policy: 'policy',
  extensions: 'extensions',
  rbac: 'rbac.authorization.k8s.io',
  flowcontrol: 'flowcontrol.apiserver.k8s.io',
  apiserverinternal: 'internal.apiserver.k8s.io',
};
/** Packages whose types the API server does not serve as resources (reviews sent to webhooks, discovery documents, a removed group). */
const NOT_SERVED = new Set(['admission', 'apidiscovery', 'imagepolicy', 'extensions']);
/** Served by the API server's extension and aggregation layers, whose types kubectl does not compile in. */
const NOT_IN_KUBECTL = new Set(['apiextensions.k8s.io', 'apiregistration.k8s.io']);

const PACKAGES = readApiPackages(kubectlBinary());
const RESOURCES = BUILTIN_RESOURCES.filter((entry) => !entry.category);

function packageOf(entry: BuiltinResource, version: string): string {
  const name = Object.entries(GROUP_OF_PACKAGE).find(([, group]) => group === entry.group)?.[0] ?? entry.group.replace(/\.k8s\.io$/, '');
  return `k8s.io/api/${name}/${version}`;
}

/** Every kind kubectl knows as a resource: a type with a list type beside it (`Deployment`, `DeploymentList`). */
function listedKinds(): Array<{ group: string; version: string; kind: string }> {
  return [...PACKAGES].flatMap(([path, messages]) => {
    const match = /^k8s\.io\/api\/([a-z0-9]+)\/(v[0-9a-z]+)$/.exec(path);
    if (!match || NOT_SERVED.has(match[1])) return [];
    const group = GROUP_OF_PACKAGE[match[1]] ?? `${match[1]}.k8s.io`;
    return [...messages].filter((kind) => messages.has(`${kind}List`)).map((kind) => ({ group, version: match[2], kind }));
  });
}

/** How the API server names a resource after its kind (meta.UnsafeGuessKindToResource, which built-ins follow). */
function pluralOf(kind: string): string {
  const singular = kind.toLowerCase();
  if (singular === 'endpoints') return singular;
  if (singular.endsWith('s')) return `${singular}es`;
  if (singular.endsWith('y')) return `${singular.slice(0, -1)}ies`;
  return `${singular}s`;
}

describe(`built-in resource table against the kubectl on PATH (verified: ${VERIFIED_KUBECTL_VERSION})`, () => {
  it(`reads the API types of kubectl ${VERIFIED_KUBECTL_VERSION}`, () => {
    const version = JSON.parse(execFileSync('kubectl', ['version', '--client', '-o', 'json'], { encoding: 'utf8' })) as {
      clientVersion: { major: string; minor: string };
    };

    expect(`${version.clientVersion.major}.${Number.parseInt(version.clientVersion.minor, 10)}`).toBe(VERIFIED_KUBECTL_VERSION);
    expect(PACKAGES.get('k8s.io/api/apps/v1')).toEqual(expect.objectContaining({ size: expect.any(Number) }));
    expect(listedKinds().length).toBeGreaterThan(100);
  });

  it('lists every resource type kubectl knows, by group and kind', () => {
    const missing = listedKinds()
      .filter(({ group, kind }) => !RESOURCES.some((entry) => entry.group === group && entry.kind === kind))
      .map(({ group, version, kind }) => `${kind} (${group || 'core'}/${version})`);

    expect(missing).toEqual([]);
  });

  it.each(RESOURCES.filter((entry) => !NOT_IN_KUBECTL.has(entry.group)).map((entry) => [`${entry.plural}.${entry.group}`, entry] as const))(
    '%s: kubectl has its kind in every version the table lists',
    (_, entry) => {
      const absent = entry.versions.filter((version) => !PACKAGES.get(packageOf(entry, version))?.has(entry.kind));

      expect(absent).toEqual([]);
    },
  );

  it('names each resource the way the API server derives it from the kind', () => {
    expect(RESOURCES.filter((entry) => entry.plural !== pluralOf(entry.kind)).map((entry) => entry.plural)).toEqual([]);
  });

  it('has only built-in groups, each resource once per group', () => {
    expect(RESOURCES.filter((entry) => !isBuiltinGroup(entry.group)).map((entry) => entry.group)).toEqual([]);
    const keys = RESOURCES.map((entry) => `${entry.plural}.${entry.group}`);
    expect(keys.length).toBe(new Set(keys).size);
  });
});
