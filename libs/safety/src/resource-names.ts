/** A built-in Kubernetes resource and every name kubectl accepts for it. */
export interface BuiltinResource {
  readonly plural: string;
  /** Singular (the lowercased kind) and short names. */
  readonly aliases: readonly string[];
  /** API group; '' for the core group. */
  readonly group: string;
  readonly versions: readonly string[];
  readonly namespaced: boolean;
}

function resource(plural: string, aliases: string, group: string, versions: string, namespaced: boolean): BuiltinResource {
  return { plural, aliases: aliases.split(' ').filter(Boolean), group, versions: versions.split(' '), namespaced };
}

const NAMESPACED = true;
const CLUSTER = false;

/** Built-in resources of Kubernetes 1.32, plus the `all` category (which excludes Secrets). */
export const BUILTIN_RESOURCES: readonly BuiltinResource[] = [
  resource('all', '', '', 'v1', NAMESPACED),
  resource('pods', 'pod po', '', 'v1', NAMESPACED),
  resource('services', 'service svc', '', 'v1', NAMESPACED),
  resource('endpoints', 'endpoint ep', '', 'v1', NAMESPACED),
  resource('configmaps', 'configmap cm', '', 'v1', NAMESPACED),
  resource('secrets', 'secret', '', 'v1', NAMESPACED),
  resource('serviceaccounts', 'serviceaccount sa', '', 'v1', NAMESPACED),
  resource('persistentvolumeclaims', 'persistentvolumeclaim pvc', '', 'v1', NAMESPACED),
  resource('persistentvolumes', 'persistentvolume pv', '', 'v1', CLUSTER),
  resource('nodes', 'node no', '', 'v1', CLUSTER),
  resource('namespaces', 'namespace ns', '', 'v1', CLUSTER),
  resource('events', 'event ev', '', 'v1', NAMESPACED),
  resource('events', 'event ev', 'events.k8s.io', 'v1', NAMESPACED),
  resource('replicationcontrollers', 'replicationcontroller rc', '', 'v1', NAMESPACED),
  resource('resourcequotas', 'resourcequota quota', '', 'v1', NAMESPACED),
  resource('limitranges', 'limitrange limits', '', 'v1', NAMESPACED),
  resource('podtemplates', 'podtemplate', '', 'v1', NAMESPACED),
  resource('componentstatuses', 'componentstatus cs', '', 'v1', CLUSTER),
  resource('deployments', 'deployment deploy', 'apps', 'v1', NAMESPACED),
  resource('replicasets', 'replicaset rs', 'apps', 'v1', NAMESPACED),
  resource('statefulsets', 'statefulset sts', 'apps', 'v1', NAMESPACED),
  resource('daemonsets', 'daemonset ds', 'apps', 'v1', NAMESPACED),
  resource('controllerrevisions', 'controllerrevision', 'apps', 'v1', NAMESPACED),
  resource('jobs', 'job', 'batch', 'v1', NAMESPACED),
  resource('cronjobs', 'cronjob cj', 'batch', 'v1', NAMESPACED),
  resource('horizontalpodautoscalers', 'horizontalpodautoscaler hpa', 'autoscaling', 'v2 v1', NAMESPACED),
  resource('poddisruptionbudgets', 'poddisruptionbudget pdb', 'policy', 'v1', NAMESPACED),
  resource('ingresses', 'ingress ing', 'networking.k8s.io', 'v1', NAMESPACED),
  resource('networkpolicies', 'networkpolicy netpol', 'networking.k8s.io', 'v1', NAMESPACED),
  resource('ingressclasses', 'ingressclass', 'networking.k8s.io', 'v1', CLUSTER),
  resource('endpointslices', 'endpointslice', 'discovery.k8s.io', 'v1', NAMESPACED),
  resource('leases', 'lease', 'coordination.k8s.io', 'v1', NAMESPACED),
  resource('roles', 'role', 'rbac.authorization.k8s.io', 'v1', NAMESPACED),
  resource('rolebindings', 'rolebinding', 'rbac.authorization.k8s.io', 'v1', NAMESPACED),
  resource('clusterroles', 'clusterrole', 'rbac.authorization.k8s.io', 'v1', CLUSTER),
  resource('clusterrolebindings', 'clusterrolebinding', 'rbac.authorization.k8s.io', 'v1', CLUSTER),
  resource('storageclasses', 'storageclass sc', 'storage.k8s.io', 'v1', CLUSTER),
  resource('volumeattachments', 'volumeattachment', 'storage.k8s.io', 'v1', CLUSTER),
  resource('csidrivers', 'csidriver', 'storage.k8s.io', 'v1', CLUSTER),
  resource('csinodes', 'csinode', 'storage.k8s.io', 'v1', CLUSTER),
  resource('csistoragecapacities', 'csistoragecapacity', 'storage.k8s.io', 'v1', NAMESPACED),
  resource('customresourcedefinitions', 'customresourcedefinition crd crds', 'apiextensions.k8s.io', 'v1', CLUSTER),
  resource('apiservices', 'apiservice', 'apiregistration.k8s.io', 'v1', CLUSTER),
  resource('mutatingwebhookconfigurations', 'mutatingwebhookconfiguration', 'admissionregistration.k8s.io', 'v1', CLUSTER),
  resource('validatingwebhookconfigurations', 'validatingwebhookconfiguration', 'admissionregistration.k8s.io', 'v1', CLUSTER),
  resource('validatingadmissionpolicies', 'validatingadmissionpolicy', 'admissionregistration.k8s.io', 'v1', CLUSTER),
  resource('validatingadmissionpolicybindings', 'validatingadmissionpolicybinding', 'admissionregistration.k8s.io', 'v1', CLUSTER),
  resource('certificatesigningrequests', 'certificatesigningrequest csr', 'certificates.k8s.io', 'v1', CLUSTER),
  resource('priorityclasses', 'priorityclass pc', 'scheduling.k8s.io', 'v1', CLUSTER),
  resource('runtimeclasses', 'runtimeclass', 'node.k8s.io', 'v1', CLUSTER),
  resource('flowschemas', 'flowschema', 'flowcontrol.apiserver.k8s.io', 'v1', CLUSTER),
  resource('prioritylevelconfigurations', 'prioritylevelconfiguration', 'flowcontrol.apiserver.k8s.io', 'v1', CLUSTER),
];

const BY_NAME = new Map<string, BuiltinResource[]>();
for (const entry of BUILTIN_RESOURCES) {
  for (const name of [entry.plural, ...entry.aliases]) BY_NAME.set(name, [...(BY_NAME.get(name) ?? []), entry]);
}

/** A resource type as written on the command line (`Deployments.v1.apps`, `po`, `secrets.`). */
export interface ResourceType {
  readonly written: string;
  /** The part before the first dot, lowercased: what kubectl matches names against. */
  readonly name: string;
  /** The built-in resource it names, when name and group both match one. */
  readonly builtin?: BuiltinResource;
}

const TYPE_SYNTAX = /^[a-z0-9][a-z0-9-]*(\.[a-z0-9-]*)*$/;

export function isResourceTypeSyntax(written: string): boolean {
  return written.length <= 253 && TYPE_SYNTAX.test(written.toLowerCase());
}

function groupMatches(entry: BuiltinResource, suffix: string): boolean {
  if (suffix === '' || suffix === entry.group) return true;
  return entry.versions.some((version) => suffix === `${version}.${entry.group}` || (entry.group === '' && suffix === version));
}

/** Resolves a type the way kubectl's REST mapper would (case-insensitive, optional version and group). */
export function resolveResourceType(written: string): ResourceType {
  const lower = written.toLowerCase();
  const dot = lower.indexOf('.');
  const name = dot < 0 ? lower : lower.slice(0, dot);
  const suffix = dot < 0 ? '' : lower.slice(dot + 1);
  const builtin = (BY_NAME.get(name) ?? []).find((entry) => groupMatches(entry, suffix));
  return { written, name, builtin };
}

/** Secrets and look-alikes (sealedsecrets, externalsecrets, secretstores): never read or changed. */
export function isSecretLike(type: ResourceType): boolean {
  return type.name.includes('secret');
}

/** True for a built-in of one of the given plurals (a CRD that reuses the name does not count). */
export function isBuiltinOf(type: ResourceType, plurals: ReadonlySet<string>): boolean {
  return type.builtin !== undefined && plurals.has(type.builtin.plural);
}
