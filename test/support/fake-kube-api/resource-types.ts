/** The resource types the fake server knows: discovery entries, paths, and the Table columns kubectl prints. */
import { age, at, KubeObject, Json, list, str } from './kube-json';

export interface Column {
  name: string;
  type: 'string' | 'integer';
  priority?: number;
  cell(o: KubeObject, now: number): string | number;
}

export interface ResourceType {
  name: string;
  kind: string;
  groupVersion: string;
  namespaced: boolean;
  shortNames?: string[];
  all?: boolean;
  subresources?: string[];
  columns: Column[];
}


export const NAME: Column = { name: 'Name', type: 'string', cell: (o) => str(o, 'metadata.name') };
const AGE: Column = { name: 'Age', type: 'string', cell: (o, now) => age(at(o, 'metadata.creationTimestamp'), now) };

export const RESOURCE_TYPES: ResourceType[] = [
  { name: 'namespaces', kind: 'Namespace', groupVersion: 'v1', namespaced: false, shortNames: ['ns'],
    columns: [NAME, { name: 'Status', type: 'string', cell: (o) => str(o, 'status.phase') }, AGE] },
  { name: 'nodes', kind: 'Node', groupVersion: 'v1', namespaced: false, shortNames: ['no'],
    columns: [NAME,
      { name: 'Status', type: 'string', cell: (o) => (list(o, 'status.conditions').some((c) => c.type === 'Ready' && c.status === 'True') ? 'Ready' : 'NotReady') },
      { name: 'Roles', type: 'string', cell: (o) => Object.keys((at(o, 'metadata.labels') as KubeObject) ?? {}).filter((k) => k.startsWith('node-role.kubernetes.io/')).map((k) => k.split('/')[1]).join(',') || '<none>' },
      AGE,
      { name: 'Version', type: 'string', cell: (o) => str(o, 'status.nodeInfo.kubeletVersion') },
      { name: 'Internal-IP', type: 'string', priority: 1, cell: (o) => String(list(o, 'status.addresses').find((a) => a.type === 'InternalIP')?.address ?? '<none>') },
      { name: 'External-IP', type: 'string', priority: 1, cell: () => '<none>' },
      { name: 'OS-Image', type: 'string', priority: 1, cell: (o) => str(o, 'status.nodeInfo.osImage') },
      { name: 'Kernel-Version', type: 'string', priority: 1, cell: (o) => str(o, 'status.nodeInfo.kernelVersion') },
      { name: 'Container-Runtime', type: 'string', priority: 1, cell: (o) => str(o, 'status.nodeInfo.containerRuntimeVersion') }] },
  { name: 'pods', kind: 'Pod', groupVersion: 'v1', namespaced: true, shortNames: ['po'], all: true, subresources: ['log', 'status'],
    columns: [NAME,
      { name: 'Ready', type: 'string', cell: (o) => `${list(o, 'status.containerStatuses').filter((c) => c.ready).length}/${list(o, 'spec.containers').length}` },
      { name: 'Status', type: 'string', cell: (o) => str(o, 'status.phase', 'Unknown') },
      { name: 'Restarts', type: 'string', cell: (o) => String(list(o, 'status.containerStatuses').reduce((n, c) => n + Number(c.restartCount ?? 0), 0)) },
      AGE,
      { name: 'IP', type: 'string', priority: 1, cell: (o) => str(o, 'status.podIP') },
      { name: 'Node', type: 'string', priority: 1, cell: (o) => str(o, 'spec.nodeName') },
      { name: 'Nominated Node', type: 'string', priority: 1, cell: () => '<none>' },
      { name: 'Readiness Gates', type: 'string', priority: 1, cell: () => '<none>' }] },
  { name: 'events', kind: 'Event', groupVersion: 'v1', namespaced: true, shortNames: ['ev'],
    columns: [
      { name: 'Last Seen', type: 'string', cell: (o, now) => (Number(at(o, 'count')) > 1 ? `${age(at(o, 'lastTimestamp'), now)} (x${at(o, 'count')} over ${age(at(o, 'firstTimestamp'), now)})` : age(at(o, 'lastTimestamp'), now)) },
      { name: 'Type', type: 'string', cell: (o) => str(o, 'type') },
      { name: 'Reason', type: 'string', cell: (o) => str(o, 'reason') },
      { name: 'Object', type: 'string', cell: (o) => `${str(o, 'involvedObject.kind').toLowerCase()}/${str(o, 'involvedObject.name')}` },
      { name: 'Subobject', type: 'string', priority: 1, cell: (o) => str(o, 'involvedObject.fieldPath', '') },
      { name: 'Source', type: 'string', priority: 1, cell: (o) => str(o, 'source.component') },
      { name: 'Message', type: 'string', cell: (o) => str(o, 'message', '') },
      { name: 'First Seen', type: 'string', priority: 1, cell: (o, now) => age(at(o, 'firstTimestamp'), now) },
      { name: 'Count', type: 'integer', priority: 1, cell: (o) => Number(at(o, 'count') ?? 1) },
      { name: 'Name', type: 'string', priority: 1, cell: (o) => str(o, 'metadata.name') }] },
  { name: 'services', kind: 'Service', groupVersion: 'v1', namespaced: true, shortNames: ['svc'], all: true,
    columns: [NAME, { name: 'Type', type: 'string', cell: (o) => str(o, 'spec.type', 'ClusterIP') },
      { name: 'Cluster-IP', type: 'string', cell: (o) => str(o, 'spec.clusterIP') },
      { name: 'External-IP', type: 'string', cell: () => '<none>' },
      { name: 'Port(s)', type: 'string', cell: (o) => list(o, 'spec.ports').map((p) => `${p.port}/${p.protocol ?? 'TCP'}`).join(',') || '<none>' },
      AGE] },
  { name: 'deployments', kind: 'Deployment', groupVersion: 'apps/v1', namespaced: true, shortNames: ['deploy'], all: true, subresources: ['scale', 'status'],
    columns: [NAME,
      { name: 'Ready', type: 'string', cell: (o) => `${at(o, 'status.readyReplicas') ?? 0}/${at(o, 'spec.replicas') ?? 1}` },
      { name: 'Up-to-date', type: 'integer', cell: (o) => Number(at(o, 'status.updatedReplicas') ?? 0) },
      { name: 'Available', type: 'integer', cell: (o) => Number(at(o, 'status.availableReplicas') ?? 0) },
      AGE,
      { name: 'Containers', type: 'string', priority: 1, cell: (o) => list(o, 'spec.template.spec.containers').map((c) => c.name).join(',') },
      { name: 'Images', type: 'string', priority: 1, cell: (o) => list(o, 'spec.template.spec.containers').map((c) => c.image).join(',') },
      { name: 'Selector', type: 'string', priority: 1, cell: (o) => Object.entries((at(o, 'spec.selector.matchLabels') as KubeObject) ?? {}).map(([k, v]) => `${k}=${v}`).join(',') }] },
  { name: 'secrets', kind: 'Secret', groupVersion: 'v1', namespaced: true, columns: [NAME,
      { name: 'Type', type: 'string', cell: (o) => str(o, 'type', 'Opaque') }, AGE] },
  // A custom resource, as a CRD would add it.
  { name: 'widgets', kind: 'Widget', groupVersion: 'example.com/v1', namespaced: true, shortNames: ['wdg'],
    columns: [NAME, { name: 'Size', type: 'string', cell: (o) => str(o, 'spec.size', '') }, AGE] },
  { name: 'replicasets', kind: 'ReplicaSet', groupVersion: 'apps/v1', namespaced: true, shortNames: ['rs'], all: true,
    columns: [NAME,
      { name: 'Desired', type: 'integer', cell: (o) => Number(at(o, 'spec.replicas') ?? 0) },
      { name: 'Current', type: 'integer', cell: (o) => Number(at(o, 'status.replicas') ?? 0) },
      { name: 'Ready', type: 'integer', cell: (o) => Number(at(o, 'status.readyReplicas') ?? 0) },
      AGE] },
];

export interface Route {
  type: ResourceType;
  namespace?: string;
  name?: string;
  sub?: string;
}

export function parseResourcePath(path: string, types: readonly ResourceType[] = RESOURCE_TYPES): Route | undefined {
  const m = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))\/(.+)$/.exec(path);
  if (!m) return undefined;
  const groupVersion = m[1] ?? `${m[2]}/${m[3]}`;
  let segments = m[4].split('/').filter(Boolean).map(decodeURIComponent);
  let namespace: string | undefined;
  if (segments[0] === 'namespaces' && segments.length >= 3) {
    namespace = segments[1];
    segments = segments.slice(2);
  }
  const [resource, name, sub] = segments;
  const type = types.find((t) => t.groupVersion === groupVersion && t.name === resource);
  if (!type || segments.length > 3 || (namespace !== undefined && !type.namespaced)) return undefined;
  return { type, namespace, name, sub };
}

/** Discovery for `types`: the API groups are those of the types outside the core group. */
export function discoveryDocument(path: string, port: number, types: readonly ResourceType[] = RESOURCE_TYPES): Json | undefined {
  const groupVersions = [...new Set(types.map((t) => t.groupVersion).filter((gv) => gv !== 'v1'))];
  const groups = groupVersions.map((gv): Json => {
    const [name, version] = gv.split('/');
    return { name, versions: [{ groupVersion: gv, version }], preferredVersion: { groupVersion: gv, version } };
  });
  if (path === '/api') return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: `127.0.0.1:${port}` }] };
  if (path === '/apis') return { kind: 'APIGroupList', apiVersion: 'v1', groups };
  const group = groups.find((g) => path === `/apis/${(g as { name: string }).name}`);
  if (group) return { kind: 'APIGroup', apiVersion: 'v1', ...(group as Record<string, Json>) };
  const groupVersion = path === '/api/v1' ? 'v1' : groupVersions.find((gv) => path === `/apis/${gv}`);
  if (!groupVersion) return undefined;
  const verbs = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
  const resources = types.filter((t) => t.groupVersion === groupVersion).flatMap((t): Json[] => [
    { name: t.name, singularName: t.kind.toLowerCase(), namespaced: t.namespaced, kind: t.kind, verbs,
      ...(t.shortNames ? { shortNames: t.shortNames } : {}), ...(t.all ? { categories: ['all'] } : {}) },
    ...(t.subresources ?? []).map((s): Json => ({ name: `${t.name}/${s}`, singularName: '', namespaced: t.namespaced,
      kind: s === 'scale' ? 'Scale' : t.kind, verbs: s === 'log' ? ['get'] : ['get', 'patch', 'update'] })),
  ]);
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources };
}
