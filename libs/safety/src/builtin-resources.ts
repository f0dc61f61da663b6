/** A built-in Kubernetes resource and every name kubectl accepts for it. */
export interface BuiltinResource {
  readonly plural: string;
  readonly kind: string;
  /** Short names, as the API server's discovery lists them. */
  readonly shortNames: readonly string[];
  /** API group; '' for the core group. */
  readonly group: string;
  /** Every version kubectl 1.32 knows, the served one first. */
  readonly versions: readonly string[];
  readonly namespaced: boolean;
  /** A category kubectl expands to several types (`all`), not a resource of its own. */
  readonly category?: boolean;
}

const NAMESPACED = true;
const CLUSTER = false;

function resource(plural: string, kind: string, shortNames: string, group: string, versions: string, namespaced: boolean): BuiltinResource {
  return { plural, kind, shortNames: shortNames.split(' ').filter(Boolean), group, versions: versions.split(' '), namespaced };
}

function category(name: string, namespaced: boolean): BuiltinResource {
  return { plural: name, kind: name, shortNames: [], group: '', versions: ['v1'], namespaced, category: true };
}

const CORE = '';
const ADMISSION = 'admissionregistration.k8s.io';
const AUTHN = 'authentication.k8s.io';
const AUTHZ = 'authorization.k8s.io';
const COORDINATION = 'coordination.k8s.io';
const FLOWCONTROL = 'flowcontrol.apiserver.k8s.io';
const NETWORKING = 'networking.k8s.io';
const RBAC = 'rbac.authorization.k8s.io';
const RESOURCE = 'resource.k8s.io';
const STORAGE = 'storage.k8s.io';

/**
 * What `kubectl api-resources` lists on a Kubernetes 1.32 API server with every built-in API
 * group turned on (alpha and beta ones included: a cluster may enable them), plus the categories
 * the built-ins belong to. builtin-resources.verified.spec.ts checks kinds, groups, versions and
 * plurals against the types compiled into the kubectl on PATH.
 */
export const BUILTIN_RESOURCES: readonly BuiltinResource[] = [
  category('all', NAMESPACED),
  category('api-extensions', CLUSTER),
  resource('bindings', 'Binding', '', CORE, 'v1', NAMESPACED),
  resource('componentstatuses', 'ComponentStatus', 'cs', CORE, 'v1', CLUSTER),
  resource('configmaps', 'ConfigMap', 'cm', CORE, 'v1', NAMESPACED),
  resource('endpoints', 'Endpoints', 'ep', CORE, 'v1', NAMESPACED),
  resource('events', 'Event', 'ev', CORE, 'v1', NAMESPACED),
  resource('limitranges', 'LimitRange', 'limits', CORE, 'v1', NAMESPACED),
  resource('namespaces', 'Namespace', 'ns', CORE, 'v1', CLUSTER),
  resource('nodes', 'Node', 'no', CORE, 'v1', CLUSTER),
  resource('persistentvolumeclaims', 'PersistentVolumeClaim', 'pvc', CORE, 'v1', NAMESPACED),
  resource('persistentvolumes', 'PersistentVolume', 'pv', CORE, 'v1', CLUSTER),
  resource('pods', 'Pod', 'po', CORE, 'v1', NAMESPACED),
  resource('podtemplates', 'PodTemplate', '', CORE, 'v1', NAMESPACED),
  resource('replicationcontrollers', 'ReplicationController', 'rc', CORE, 'v1', NAMESPACED),
  resource('resourcequotas', 'ResourceQuota', 'quota', CORE, 'v1', NAMESPACED),
  resource('secrets', 'Secret', '', CORE, 'v1', NAMESPACED),
  resource('serviceaccounts', 'ServiceAccount', 'sa', CORE, 'v1', NAMESPACED),
  resource('services', 'Service', 'svc', CORE, 'v1', NAMESPACED),
  resource('mutatingadmissionpolicies', 'MutatingAdmissionPolicy', '', ADMISSION, 'v1alpha1', CLUSTER),
  resource('mutatingadmissionpolicybindings', 'MutatingAdmissionPolicyBinding', '', ADMISSION, 'v1alpha1', CLUSTER),
  resource('mutatingwebhookconfigurations', 'MutatingWebhookConfiguration', '', ADMISSION, 'v1 v1beta1', CLUSTER),
  resource('validatingadmissionpolicies', 'ValidatingAdmissionPolicy', '', ADMISSION, 'v1 v1beta1 v1alpha1', CLUSTER),
  resource('validatingadmissionpolicybindings', 'ValidatingAdmissionPolicyBinding', '', ADMISSION, 'v1 v1beta1 v1alpha1', CLUSTER),
  resource('validatingwebhookconfigurations', 'ValidatingWebhookConfiguration', '', ADMISSION, 'v1 v1beta1', CLUSTER),
  resource('customresourcedefinitions', 'CustomResourceDefinition', 'crd crds', 'apiextensions.k8s.io', 'v1', CLUSTER),
  resource('apiservices', 'APIService', '', 'apiregistration.k8s.io', 'v1', CLUSTER),
  resource('controllerrevisions', 'ControllerRevision', '', 'apps', 'v1 v1beta2 v1beta1', NAMESPACED),
  resource('daemonsets', 'DaemonSet', 'ds', 'apps', 'v1 v1beta2', NAMESPACED),
  resource('deployments', 'Deployment', 'deploy', 'apps', 'v1 v1beta2 v1beta1', NAMESPACED),
  resource('replicasets', 'ReplicaSet', 'rs', 'apps', 'v1 v1beta2', NAMESPACED),
  resource('statefulsets', 'StatefulSet', 'sts', 'apps', 'v1 v1beta2 v1beta1', NAMESPACED),
  resource('selfsubjectreviews', 'SelfSubjectReview', '', AUTHN, 'v1 v1beta1 v1alpha1', CLUSTER),
  resource('tokenreviews', 'TokenReview', '', AUTHN, 'v1 v1beta1', CLUSTER),
  resource('localsubjectaccessreviews', 'LocalSubjectAccessReview', '', AUTHZ, 'v1 v1beta1', NAMESPACED),
  resource('selfsubjectaccessreviews', 'SelfSubjectAccessReview', '', AUTHZ, 'v1 v1beta1', CLUSTER),
  resource('selfsubjectrulesreviews', 'SelfSubjectRulesReview', '', AUTHZ, 'v1 v1beta1', CLUSTER),
  resource('subjectaccessreviews', 'SubjectAccessReview', '', AUTHZ, 'v1 v1beta1', CLUSTER),
  resource('horizontalpodautoscalers', 'HorizontalPodAutoscaler', 'hpa', 'autoscaling', 'v2 v1 v2beta2 v2beta1', NAMESPACED),
  resource('cronjobs', 'CronJob', 'cj', 'batch', 'v1 v1beta1', NAMESPACED),
  resource('jobs', 'Job', '', 'batch', 'v1', NAMESPACED),
  resource('certificatesigningrequests', 'CertificateSigningRequest', 'csr', 'certificates.k8s.io', 'v1 v1beta1', CLUSTER),
  resource('clustertrustbundles', 'ClusterTrustBundle', '', 'certificates.k8s.io', 'v1alpha1', CLUSTER),
  resource('leasecandidates', 'LeaseCandidate', '', COORDINATION, 'v1alpha2', NAMESPACED),
  resource('leases', 'Lease', '', COORDINATION, 'v1 v1beta1', NAMESPACED),
  resource('endpointslices', 'EndpointSlice', '', 'discovery.k8s.io', 'v1 v1beta1', NAMESPACED),
  resource('events', 'Event', 'ev', 'events.k8s.io', 'v1 v1beta1', NAMESPACED),
  resource('flowschemas', 'FlowSchema', '', FLOWCONTROL, 'v1 v1beta3 v1beta2 v1beta1', CLUSTER),
  resource('prioritylevelconfigurations', 'PriorityLevelConfiguration', '', FLOWCONTROL, 'v1 v1beta3 v1beta2 v1beta1', CLUSTER),
  resource('storageversions', 'StorageVersion', '', 'internal.apiserver.k8s.io', 'v1alpha1', CLUSTER),
  resource('ingressclasses', 'IngressClass', '', NETWORKING, 'v1 v1beta1', CLUSTER),
  resource('ingresses', 'Ingress', 'ing', NETWORKING, 'v1 v1beta1', NAMESPACED),
  resource('ipaddresses', 'IPAddress', 'ip', NETWORKING, 'v1beta1 v1alpha1', CLUSTER),
  resource('networkpolicies', 'NetworkPolicy', 'netpol', NETWORKING, 'v1', NAMESPACED),
  resource('servicecidrs', 'ServiceCIDR', '', NETWORKING, 'v1beta1 v1alpha1', CLUSTER),
  resource('runtimeclasses', 'RuntimeClass', '', 'node.k8s.io', 'v1 v1beta1 v1alpha1', CLUSTER),
  resource('poddisruptionbudgets', 'PodDisruptionBudget', 'pdb', 'policy', 'v1 v1beta1', NAMESPACED),
  resource('clusterrolebindings', 'ClusterRoleBinding', '', RBAC, 'v1 v1beta1 v1alpha1', CLUSTER),
  resource('clusterroles', 'ClusterRole', '', RBAC, 'v1 v1beta1 v1alpha1', CLUSTER),
  resource('rolebindings', 'RoleBinding', '', RBAC, 'v1 v1beta1 v1alpha1', NAMESPACED),
  resource('roles', 'Role', '', RBAC, 'v1 v1beta1 v1alpha1', NAMESPACED),
  resource('deviceclasses', 'DeviceClass', '', RESOURCE, 'v1beta1 v1alpha3', CLUSTER),
  resource('resourceclaims', 'ResourceClaim', '', RESOURCE, 'v1beta1 v1alpha3', NAMESPACED),
  resource('resourceclaimtemplates', 'ResourceClaimTemplate', '', RESOURCE, 'v1beta1 v1alpha3', NAMESPACED),
  resource('resourceslices', 'ResourceSlice', '', RESOURCE, 'v1beta1 v1alpha3', CLUSTER),
  resource('priorityclasses', 'PriorityClass', 'pc', 'scheduling.k8s.io', 'v1 v1beta1 v1alpha1', CLUSTER),
  resource('csidrivers', 'CSIDriver', '', STORAGE, 'v1 v1beta1', CLUSTER),
  resource('csinodes', 'CSINode', '', STORAGE, 'v1 v1beta1', CLUSTER),
  resource('csistoragecapacities', 'CSIStorageCapacity', '', STORAGE, 'v1 v1beta1 v1alpha1', NAMESPACED),
  resource('storageclasses', 'StorageClass', 'sc', STORAGE, 'v1 v1beta1', CLUSTER),
  resource('volumeattachments', 'VolumeAttachment', '', STORAGE, 'v1 v1beta1 v1alpha1', CLUSTER),
  resource('volumeattributesclasses', 'VolumeAttributesClass', 'vac', STORAGE, 'v1beta1 v1alpha1', CLUSTER),
  resource('storageversionmigrations', 'StorageVersionMigration', '', 'storagemigration.k8s.io', 'v1alpha1', CLUSTER),
];

/** Every lowercase name kubectl matches a built-in by: plural, singular (the kind lowercased), short names. */
export function spellingsOf(entry: BuiltinResource): string[] {
  return [...new Set([entry.plural, entry.kind.toLowerCase(), ...entry.shortNames])];
}

/** Groups of the built-ins without a dot in their name; every other built-in group ends in `.k8s.io`. */
const DOTLESS_GROUPS = new Set(['apps', 'autoscaling', 'batch', 'policy', 'extensions']);

/**
 * Whether an API group belongs to Kubernetes itself: the core group, the dotless legacy groups,
 * and anything under `k8s.io` (which includes CRD-served groups such as gateway.networking.k8s.io,
 * kept out on purpose: they extend Kubernetes' own APIs).
 */
export function isBuiltinGroup(group: string): boolean {
  const lower = group.toLowerCase();
  return lower === '' || DOTLESS_GROUPS.has(lower) || lower === 'k8s.io' || lower.endsWith('.k8s.io');
}
