/**
 * A loopback Kubernetes API server that the real kubectl (v1.32) can talk to over plain HTTP.
 *
 * `startFakeKubeApiServer(options)` listens on 127.0.0.1:0 and serves /version, legacy discovery
 * (kubectl asks for aggregated discovery first and falls back to APIVersions/APIGroupList/
 * APIResourceList when the answer is plain `application/json`), and namespaces, nodes, pods
 * (+ `log`), events, services (core/v1), deployments (+ `scale`) and replicasets (apps/v1).
 * Lists honour `limit`/`continue`, `labelSelector` (equality, existence, in/notin) and
 * `fieldSelector` (=, ==, != on dotted paths). When the Accept header asks for
 * `as=Table;v=v1;g=meta.k8s.io` (kubectl's human output) the answer is a meta.k8s.io/v1 Table
 * whose columns match the real server's (wide columns have priority 1).
 * Writes (POST/PUT/PATCH/DELETE) change the in-memory state, except with `dryRun=All` (query, or
 * the DeleteOptions body kubectl sends with DELETE). Bodies may be JSON, YAML or, for typed
 * `kubectl create`, protobuf, of which only type and name/namespace/labels/annotations are read.
 * No OpenAPI is served, so `kubectl apply -f` needs `--validate=false`.
 * `watch=true` and `logs -f` requests never finish (like a real watch with no events).
 *
 * Seeded cluster (restored by `reset()`): namespaces default, kube-system, x; nodes node-1
 * (control-plane), node-2; in default: pods nginx-7c5ddbdf54-2xkqz and web-0 (2 restarts),
 * deployment nginx with replicaset nginx-7c5ddbdf54, service kubernetes, events Pulled (x2, for
 * nginx) and BackOff (Warning, for web-0); in x: deployment api, pods api-5d8f7b9c4-k2m9p
 * (Running) and api-5d8f7b9c4-q7w3e (Pending: its logs answer 400). Running pods have 20 log lines.
 *
 * Options (all optional):
 * - `hangingNamespaces` (default `['hang']`): every request under `/namespaces/<ns>/` is accepted
 *   and never answered, for timeout tests. `openHangingRequests()` counts those still connected.
 * - `bulk` (default none): `{ namespace, podCount }` adds a namespace holding `podCount` pods
 *   generated on demand, page by page, and streamed, so huge listings never exist as one string.
 *   Bulk pods only appear in lists of that namespace (not in `-A` listings, to keep those small).
 * - `latencyMs` (default 0): delay before answering each resource request (not /version or
 *   discovery); also `setLatencyMs(ms)` at run time.
 *
 * Every request is recorded in `requests` (method, path, query, accept, bodyBytes, at);
 * `writesSeen()` filters the non-GET ones; `reset()` clears the record, the in-flight maximum
 * and restores the seeded objects. `inFlight()` / `maxInFlight()` count resource requests only
 * (each kubectl process makes at most one at a time, so they bound concurrent processes).
 */
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { once } from 'node:events';
import { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { parse as parseYaml } from 'yaml';

export interface FakeKubeApiServerOptions {
  hangingNamespaces?: readonly string[];
  bulk?: { namespace: string; podCount: number };
  latencyMs?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  accept: string;
  bodyBytes: number;
  at: number;
}

export interface FakeKubeApiServer {
  url: string;
  port: number;
  /** Live record of every request, oldest first. */
  requests: RecordedRequest[];
  writesSeen(): RecordedRequest[];
  inFlight(): number;
  maxInFlight(): number;
  openHangingRequests(): number;
  setLatencyMs(ms: number): void;
  /** A stored object (`resource` is the plural, e.g. 'pods'), or undefined. */
  getObject(resource: string, namespace: string | undefined, name: string): KubeObject | undefined;
  reset(): void;
  close(): Promise<void>;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type KubeObject = { [key: string]: Json };

interface Column {
  name: string;
  type: 'string' | 'integer';
  priority?: number;
  cell(o: KubeObject, now: number): string | number;
}

interface ResourceType {
  name: string;
  kind: string;
  groupVersion: string;
  namespaced: boolean;
  shortNames?: string[];
  all?: boolean;
  subresources?: string[];
  columns: Column[];
}

const at = (o: Json | undefined, path: string): Json | undefined =>
  path.split('.').reduce<Json | undefined>(
    (v, k) => (v && typeof v === 'object' && !Array.isArray(v) ? v[k] : undefined),
    o,
  );
const str = (o: KubeObject, path: string, fallback = '<none>'): string => {
  const v = at(o, path);
  return v === undefined || v === null || v === '' ? fallback : String(v);
};
const list = (o: KubeObject, path: string): KubeObject[] => {
  const v = at(o, path);
  return Array.isArray(v) ? (v as KubeObject[]) : [];
};

function age(iso: Json | undefined, now: number): string {
  if (typeof iso !== 'string') return '<unknown>';
  const s = Math.max(0, Math.floor((now - Date.parse(iso)) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 180 * 60) return `${Math.floor(s / 60)}m`;
  if (s < 48 * 3600) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

const NAME: Column = { name: 'Name', type: 'string', cell: (o) => str(o, 'metadata.name') };
const AGE: Column = { name: 'Age', type: 'string', cell: (o, now) => age(at(o, 'metadata.creationTimestamp'), now) };

const RESOURCE_TYPES: ResourceType[] = [
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
  { name: 'replicasets', kind: 'ReplicaSet', groupVersion: 'apps/v1', namespaced: true, shortNames: ['rs'], all: true,
    columns: [NAME,
      { name: 'Desired', type: 'integer', cell: (o) => Number(at(o, 'spec.replicas') ?? 0) },
      { name: 'Current', type: 'integer', cell: (o) => Number(at(o, 'status.replicas') ?? 0) },
      { name: 'Ready', type: 'integer', cell: (o) => Number(at(o, 'status.readyReplicas') ?? 0) },
      AGE] },
];

const ago = (now: number, seconds: number): string => new Date(now - seconds * 1000).toISOString();

function meta(name: string, namespace: string | undefined, createdAgo: number, now: number, extra: KubeObject = {}): KubeObject {
  return {
    name, ...(namespace ? { namespace } : {}), uid: randomUUID(), resourceVersion: '1',
    creationTimestamp: ago(now, createdAgo), ...extra,
  };
}

function pod(name: string, namespace: string, app: string, now: number, restarts = 0, phase = 'Running'): KubeObject {
  const running = phase === 'Running';
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: meta(name, namespace, 3 * 3600, now, { labels: { app } }),
    spec: { nodeName: 'node-1', restartPolicy: 'Always', serviceAccountName: 'default',
      containers: [{ name: app, image: `${app}:1.27`, ports: [{ containerPort: 80, protocol: 'TCP' }] }] },
    status: {
      phase, podIP: '10.244.0.12', hostIP: '192.168.49.2', startTime: ago(now, 3 * 3600), qosClass: 'BestEffort',
      conditions: [{ type: 'Ready', status: running ? 'True' : 'False' }],
      containerStatuses: [{ name: app, ready: running, restartCount: restarts, image: `${app}:1.27`, started: running,
        state: running ? { running: { startedAt: ago(now, 3 * 3600) } } : { waiting: { reason: 'ContainerCreating' } } }],
    },
  };
}

function deployment(name: string, namespace: string, replicas: number, now: number): KubeObject {
  const labels = { app: name };
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: meta(name, namespace, 3 * 3600, now, { labels, generation: 1 }),
    spec: { replicas, selector: { matchLabels: labels }, strategy: { type: 'RollingUpdate' },
      template: { metadata: { labels }, spec: { containers: [{ name, image: `${name}:1.27` }] } } },
    status: { observedGeneration: 1, replicas, readyReplicas: replicas, updatedReplicas: replicas, availableReplicas: replicas,
      conditions: [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' }] },
  };
}

function event(name: string, namespace: string, involved: KubeObject, reason: string, message: string, count: number, firstAgo: number, lastAgo: number, now: number, type = 'Normal'): KubeObject {
  const im = involved.metadata as KubeObject;
  return {
    apiVersion: 'v1', kind: 'Event', metadata: meta(name, namespace, firstAgo, now),
    involvedObject: { kind: involved.kind, namespace, name: im.name, uid: im.uid, apiVersion: involved.apiVersion },
    reason, message, type, count, source: { component: 'kubelet', host: 'node-1' },
    firstTimestamp: ago(now, firstAgo), lastTimestamp: ago(now, lastAgo),
  };
}

function node(name: string, now: number, controlPlane: boolean): KubeObject {
  const labels: KubeObject = { 'kubernetes.io/hostname': name, ...(controlPlane ? { 'node-role.kubernetes.io/control-plane': '' } : {}) };
  return {
    apiVersion: 'v1', kind: 'Node', metadata: meta(name, undefined, 30 * 86400, now, { labels }),
    spec: { podCIDR: '10.244.0.0/24' },
    status: {
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
      addresses: [{ type: 'InternalIP', address: controlPlane ? '192.168.49.2' : '192.168.49.3' }, { type: 'Hostname', address: name }],
      nodeInfo: { kubeletVersion: 'v1.32.4', osImage: 'Ubuntu 22.04.4 LTS', kernelVersion: '6.8.0-45-generic',
        containerRuntimeVersion: 'containerd://1.7.22', architecture: 'amd64', operatingSystem: 'linux' },
      capacity: { cpu: '4', memory: '16Gi', pods: '110' }, allocatable: { cpu: '4', memory: '16Gi', pods: '110' },
    },
  };
}

/** The cluster every test starts from: namespaces default, kube-system and x. */
function seedObjects(now: number): KubeObject[] {
  const namespaces = ['default', 'kube-system', 'x'].map((n): KubeObject => ({
    apiVersion: 'v1', kind: 'Namespace', metadata: meta(n, undefined, 30 * 86400, now, { labels: { 'kubernetes.io/metadata.name': n } }), status: { phase: 'Active' },
  }));
  const nginx = pod('nginx-7c5ddbdf54-2xkqz', 'default', 'nginx', now);
  const web = pod('web-0', 'default', 'web', now, 2);
  const rs: KubeObject = {
    apiVersion: 'apps/v1', kind: 'ReplicaSet',
    metadata: meta('nginx-7c5ddbdf54', 'default', 3 * 3600, now, { labels: { app: 'nginx', 'pod-template-hash': '7c5ddbdf54' } }),
    spec: { replicas: 1, selector: { matchLabels: { app: 'nginx' } }, template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
    status: { replicas: 1, readyReplicas: 1, availableReplicas: 1 },
  };
  return [
    ...namespaces, node('node-1', now, true), node('node-2', now, false),
    nginx, web, pod('api-5d8f7b9c4-k2m9p', 'x', 'api', now), pod('api-5d8f7b9c4-q7w3e', 'x', 'api', now, 0, 'Pending'),
    deployment('nginx', 'default', 1, now), deployment('api', 'x', 2, now), rs,
    { apiVersion: 'v1', kind: 'Service', metadata: meta('kubernetes', 'default', 30 * 86400, now),
      spec: { type: 'ClusterIP', clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP' }] } },
    event('nginx.17a1', 'default', nginx, 'Pulled', 'Container image "nginx:1.27" already present on machine', 2, 3 * 3600, 5 * 60, now),
    event('web-0.17a2', 'default', web, 'BackOff', 'Back-off restarting failed container web in pod web-0_default', 1, 90, 60, now, 'Warning'),
  ];
}

interface Route {
  type: ResourceType;
  namespace?: string;
  name?: string;
  sub?: string;
}

function parseResourcePath(path: string): Route | undefined {
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
  const type = RESOURCE_TYPES.find((t) => t.groupVersion === groupVersion && t.name === resource);
  if (!type || segments.length > 3 || (namespace !== undefined && !type.namespaced)) return undefined;
  return { type, namespace, name, sub };
}

function discoveryDocument(path: string, port: number): Json | undefined {
  const apps = { name: 'apps', versions: [{ groupVersion: 'apps/v1', version: 'v1' }], preferredVersion: { groupVersion: 'apps/v1', version: 'v1' } };
  if (path === '/api') return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: `127.0.0.1:${port}` }] };
  if (path === '/apis') return { kind: 'APIGroupList', apiVersion: 'v1', groups: [apps] };
  if (path === '/apis/apps') return { kind: 'APIGroup', apiVersion: 'v1', ...apps };
  const groupVersion = path === '/api/v1' ? 'v1' : path === '/apis/apps/v1' ? 'apps/v1' : undefined;
  if (!groupVersion) return undefined;
  const verbs = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
  const resources = RESOURCE_TYPES.filter((t) => t.groupVersion === groupVersion).flatMap((t): Json[] => [
    { name: t.name, singularName: t.kind.toLowerCase(), namespaced: t.namespaced, kind: t.kind, verbs,
      ...(t.shortNames ? { shortNames: t.shortNames } : {}), ...(t.all ? { categories: ['all'] } : {}) },
    ...(t.subresources ?? []).map((s): Json => ({ name: `${t.name}/${s}`, singularName: '', namespaced: t.namespaced,
      kind: s === 'scale' ? 'Scale' : t.kind, verbs: s === 'log' ? ['get'] : ['get', 'patch', 'update'] })),
  ]);
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion, resources };
}

function labelMatcher(selector: string | undefined): (labels: Record<string, Json>) => boolean {
  const tests = (selector?.match(/[^,(]+(\([^)]*\))?/g) ?? []).map((raw): ((l: Record<string, Json>) => boolean) => {
    const term = raw.trim();
    const set = /^(\S+)\s+(in|notin)\s+\((.*)\)$/.exec(term);
    if (set) {
      const [, key, op, values] = set;
      const has = (l: Record<string, Json>) => key in l && values.split(',').map((v) => v.trim()).includes(String(l[key]));
      return op === 'in' ? has : (l) => !has(l);
    }
    const eq = /^(.+?)\s*(!=|==|=)\s*(.*)$/.exec(term);
    if (eq) return (l) => (String(l[eq[1]] ?? '\0') === eq[3]) === (eq[2] !== '!=');
    return term.startsWith('!') ? (l) => !(term.slice(1) in l) : (l) => term in l;
  });
  return (labels) => tests.every((test) => test(labels));
}

function fieldMatcher(selector: string | undefined): (o: KubeObject) => boolean {
  const tests = (selector ? selector.split(',') : []).map((term) => {
    const [, path, op, value] = /^(.+?)(!=|==|=)(.*)$/.exec(term.trim()) ?? ['', term, '=', ''];
    return (o: KubeObject) => (String(at(o, path ?? '') ?? '') === value) === (op !== '!=');
  });
  return (o) => tests.every((test) => test(o));
}

function mergePatch(target: Json | undefined, patch: Json): Json {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: KubeObject = target && typeof target === 'object' && !Array.isArray(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

function sendJson(res: ServerResponse, code: number, body: Json): void {
  res.writeHead(code, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function sendStatus(res: ServerResponse, code: number, reason: string, message: string): void {
  sendJson(res, code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });
}

function waitForDrain(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** Writes `{...head, [key]: [items]}` item by item, honouring back-pressure, so nothing big is built in memory. */
async function streamDocument(res: ServerResponse, head: KubeObject, key: string, items: Iterable<Json>): Promise<void> {
  res.writeHead(200, { 'content-type': 'application/json' });
  let chunk = JSON.stringify({ ...head, [key]: [] }).slice(0, -2);
  let separator = '';
  for (const item of items) {
    chunk += separator + JSON.stringify(item);
    separator = ',';
    if (chunk.length < 64 * 1024) continue;
    if (res.destroyed) return;
    if (!res.write(chunk)) await waitForDrain(res);
    chunk = '';
  }
  if (!res.destroyed) res.end(`${chunk}]}`);
}

function* take<T>(items: Iterable<T>, skip: number, count: number): Generator<T> {
  if (count <= 0) return;
  let index = 0;
  for (const item of items) {
    if (index++ < skip) continue;
    yield item;
    if (index - skip >= count) return;
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** JSON, YAML (server-side apply) or kubectl's protobuf envelope (typed `kubectl create`). */
function parseBody(body: Buffer): Json | undefined {
  if (body.subarray(0, 4).toString('latin1') === 'k8s\0') return decodeProtobufEnvelope(body.subarray(4));
  try {
    return parseYaml(body.toString('utf8')) as Json;
  } catch {
    return undefined;
  }
}

type ProtoField = [field: number, value: Buffer | number];

function protoFields(buf: Buffer): ProtoField[] {
  const fields: ProtoField[] = [];
  let i = 0;
  const varint = (): number => {
    let value = 0;
    for (let shift = 0; i < buf.length; shift += 7) {
      const byte = buf[i++];
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) break;
    }
    return value;
  };
  while (i < buf.length) {
    const tag = varint();
    const wire = tag & 7;
    if (wire === 0) fields.push([tag >>> 3, varint()]);
    else if (wire === 2) {
      const length = varint();
      fields.push([tag >>> 3, buf.subarray(i, (i += length))]);
    } else if (wire === 1 || wire === 5) i += wire === 1 ? 8 : 4;
    else break;
  }
  return fields;
}

const protoText = (fields: ProtoField[], n: number): string | undefined => {
  const value = fields.find(([f]) => f === n)?.[1];
  return Buffer.isBuffer(value) ? value.toString('utf8') : undefined;
};
const protoMessage = (fields: ProtoField[], n: number): ProtoField[] => {
  const value = fields.find(([f]) => f === n)?.[1];
  return Buffer.isBuffer(value) ? protoFields(value) : [];
};
const protoMap = (fields: ProtoField[], n: number): KubeObject =>
  Object.fromEntries(fields.filter(([f, v]) => f === n && Buffer.isBuffer(v)).map(([, v]) => {
    const entry = protoFields(v as Buffer);
    return [protoText(entry, 1) ?? '', protoText(entry, 2) ?? ''];
  }));

/**
 * Reads only what every object shares (type and the first ObjectMeta fields: name, generateName,
 * namespace, labels, annotations); the spec is dropped, which is enough to answer and record a create.
 */
function decodeProtobufEnvelope(buf: Buffer): KubeObject {
  const unknown = protoFields(buf);
  const typeMeta = protoMessage(unknown, 1);
  const metadata = protoMessage(protoMessage(unknown, 2), 1);
  const texts = (fields: ProtoField[], names: string[]): KubeObject =>
    Object.fromEntries(names.flatMap((name, i) => (protoText(fields, i + 1) ? [[name, protoText(fields, i + 1) as string]] : [])));
  return {
    ...texts(typeMeta, ['apiVersion', 'kind']),
    metadata: { ...texts(metadata, ['name', 'generateName', 'namespace']), labels: protoMap(metadata, 11), annotations: protoMap(metadata, 12) },
  };
}

class FakeKubeApi {
  readonly requests: RecordedRequest[] = [];
  private readonly store = new Map<string, KubeObject>();
  private readonly hanging = new Set<ServerResponse>();
  private readonly hangingNamespaces: ReadonlySet<string>;
  private latencyMs: number;
  private active = 0;
  private activeMax = 0;
  private version = 1000;
  port = 0;

  constructor(private readonly options: FakeKubeApiServerOptions) {
    this.hangingNamespaces = new Set(options.hangingNamespaces ?? ['hang']);
    this.latencyMs = options.latencyMs ?? 0;
    this.reset();
  }

  reset(): void {
    this.requests.length = 0;
    this.activeMax = this.active;
    this.store.clear();
    const now = Date.now();
    const bulk = this.options.bulk;
    const extra: KubeObject[] = bulk ? [{ apiVersion: 'v1', kind: 'Namespace', metadata: meta(bulk.namespace, undefined, 86400, now), status: { phase: 'Active' } }] : [];
    for (const o of [...seedObjects(now), ...extra]) this.put(o);
  }

  inFlight = (): number => this.active;
  maxInFlight = (): number => this.activeMax;
  openHangingRequests = (): number => this.hanging.size;
  setLatencyMs = (ms: number): void => void (this.latencyMs = ms);

  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.store.get(`${resource}|${namespace ?? ''}|${name}`) ?? this.bulkPod(resource, namespace, name);
  }

  closeHanging(): void {
    for (const res of this.hanging) res.destroy();
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const body = await readBody(req);
    const method = req.method ?? 'GET';
    const accept = req.headers.accept ?? '';
    const query = Object.fromEntries(url.searchParams);
    this.requests.push({ method, path: url.pathname, query, accept, bodyBytes: body.length, at: Date.now() });

    if (url.pathname === '/version') {
      return sendJson(res, 200, { major: '1', minor: '32', gitVersion: 'v1.32.4', platform: 'linux/amd64' });
    }
    const discovery = discoveryDocument(url.pathname, this.port);
    if (discovery) return sendJson(res, 200, discovery);
    const route = parseResourcePath(url.pathname);
    if (!route) return sendStatus(res, 404, 'NotFound', 'the server could not find the requested resource');
    if ((route.namespace && this.hangingNamespaces.has(route.namespace)) || query.watch === 'true' || query.follow === 'true') {
      return this.hang(res, route, query);
    }
    this.active++;
    this.activeMax = Math.max(this.activeMax, this.active);
    res.once('close', () => this.active--);
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    const contentType = String(req.headers['content-type'] ?? '');
    await this.serve(method, route, query, accept.includes('as=Table'), body, contentType, res);
  }

  private hang(res: ServerResponse, route: Route, query: Record<string, string>): void {
    this.hanging.add(res);
    res.once('close', () => this.hanging.delete(res));
    if (route.sub === 'log' && query.follow === 'true') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('following...\n');
    }
  }

  private async serve(method: string, route: Route, query: Record<string, string>, table: boolean, body: Buffer, contentType: string, res: ServerResponse): Promise<void> {
    const { type, namespace, name, sub } = route;
    const dryRun = query.dryRun === 'All';
    const existing = name ? this.get(type.name, namespace, name) : undefined;
    const notFound = (): void => sendStatus(res, 404, 'NotFound', `${type.name}${type.groupVersion === 'v1' ? '' : `.${type.groupVersion.split('/')[0]}`} "${name}" not found`);
    const supported = name ? ['GET', 'PUT', 'PATCH', 'DELETE'] : ['GET', 'POST'];
    if (!supported.includes(method)) return sendStatus(res, 405, 'MethodNotAllowed', `${method} is not supported here`);
    if (method === 'GET' && !name) return this.list(type, namespace, query, table, res);
    if (method === 'POST') return this.create(type, namespace, parseBody(body), dryRun, res);
    const isApply = method === 'PATCH' && contentType.includes('apply-patch');
    if (!existing) return isApply && !sub ? this.create(type, namespace, parseBody(body), dryRun, res) : notFound();
    if (sub === 'log') return this.log(existing, query, res);
    if (sub === 'scale') return this.scale(existing, method, parseBody(body), dryRun, res);
    if (method === 'GET' && table) return this.sendTable(res, type, {}, [existing]);
    if (method === 'GET') return sendJson(res, 200, existing);
    if (method === 'DELETE') {
      // kubectl sends DeleteOptions (and so its dryRun) in the body rather than the query.
      if (!dryRun && !String(at(parseBody(body) ?? null, 'dryRun')).includes('All')) this.store.delete(this.key(existing));
      return sendJson(res, 200, existing);
    }
    const patch = parseBody(body);
    if (patch === undefined || patch === null || typeof patch !== 'object') return sendStatus(res, 400, 'BadRequest', 'the body of the request was in an unknown format');
    const updated = (method === 'PUT' ? patch : Array.isArray(patch) ? existing : mergePatch(existing, patch)) as KubeObject;
    const stored = this.stamp(updated, existing);
    if (!dryRun) this.put(stored);
    sendJson(res, 200, stored);
  }

  private create(type: ResourceType, namespace: string | undefined, body: Json | undefined, dryRun: boolean, res: ServerResponse): void {
    if (!body || typeof body !== 'object' || Array.isArray(body)) return sendStatus(res, 400, 'BadRequest', 'the body of the request was in an unknown format');
    const metadata = (body.metadata ?? {}) as KubeObject;
    const name = String(metadata.name ?? `${metadata.generateName ?? type.kind.toLowerCase() + '-'}${randomUUID().slice(0, 5)}`);
    if (this.store.has(`${type.name}|${namespace ?? ''}|${name}`)) return sendStatus(res, 409, 'AlreadyExists', `${type.name} "${name}" already exists`);
    const created = this.stamp({ ...body, apiVersion: type.groupVersion, kind: type.kind, metadata: { ...metadata, name, ...(namespace ? { namespace } : {}) } });
    if (!dryRun) this.put(created);
    sendJson(res, 201, created);
  }

  private scale(deploy: KubeObject, method: string, body: Json | undefined, dryRun: boolean, res: ServerResponse): void {
    const requested = method === 'GET' ? undefined : at(body, 'spec.replicas');
    const updated = typeof requested === 'number' ? this.stamp(mergePatch(deploy, { spec: { replicas: requested } }) as KubeObject, deploy) : deploy;
    if (!dryRun && updated !== deploy) this.put(updated);
    const m = updated.metadata as KubeObject;
    sendJson(res, 200, { kind: 'Scale', apiVersion: 'autoscaling/v1', metadata: { name: m.name, namespace: m.namespace, resourceVersion: m.resourceVersion },
      spec: { replicas: at(updated, 'spec.replicas') ?? 1 }, status: { replicas: at(updated, 'status.replicas') ?? 0, selector: `app=${m.name}` } });
  }

  private log(pod: KubeObject, query: Record<string, string>, res: ServerResponse): void {
    const name = str(pod, 'metadata.name');
    if (at(pod, 'status.phase') !== 'Running') {
      return sendStatus(res, 400, 'BadRequest', `container "${list(pod, 'spec.containers')[0]?.name}" in pod "${name}" is waiting to start: ContainerCreating`);
    }
    const lines = Array.from({ length: 20 }, (_, i) => `2025-01-01T00:00:${String(i).padStart(2, '0')}Z INFO ${name} handled request ${i + 1}`);
    const tail = Number(query.tailLines);
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(`${(tail >= 0 ? lines.slice(Math.max(0, lines.length - tail)) : lines).join('\n')}\n`);
  }

  private async list(type: ResourceType, namespace: string | undefined, query: Record<string, string>, table: boolean, res: ServerResponse): Promise<void> {
    const labels = labelMatcher(query.labelSelector);
    const fields = fieldMatcher(query.fieldSelector);
    const filtered = Boolean(query.labelSelector || query.fieldSelector);
    const candidates = () => this.candidates(type, namespace);
    // Candidates are factories so that paging past bulk pods does not build them.
    const matching = function* (): Generator<() => KubeObject> {
      for (const make of candidates()) {
        const o = filtered ? make() : undefined;
        if (!o) yield make;
        else if (labels((at(o, 'metadata.labels') ?? {}) as Record<string, Json>) && fields(o)) yield () => o;
      }
    };
    const build = function* (makers: Iterable<() => KubeObject>): Generator<KubeObject> {
      for (const make of makers) yield make();
    };
    const offset = query.continue ? Number(Buffer.from(query.continue, 'base64url').toString()) : 0;
    const limit = Number(query.limit) > 0 ? Number(query.limit) : Infinity;
    let items: Iterable<KubeObject> = build(take(matching(), offset, limit));
    const metadata: KubeObject = { resourceVersion: String(this.version) };
    if (Number.isFinite(limit)) {
      const page = [...take(matching(), offset, limit + 1)];
      items = build(page.slice(0, limit));
      if (page.length > limit) metadata.continue = Buffer.from(String(offset + limit)).toString('base64url');
    }
    if (table) return this.sendTable(res, type, metadata, items);
    await streamDocument(res, { kind: `${type.kind}List`, apiVersion: type.groupVersion, metadata }, 'items', items);
  }

  private sendTable(res: ServerResponse, type: ResourceType, metadata: KubeObject, items: Iterable<KubeObject>): Promise<void> {
    const now = Date.now();
    const columnDefinitions = type.columns.map((c): Json => ({ name: c.name, type: c.type, format: c === NAME ? 'name' : '', description: '', priority: c.priority ?? 0 }));
    const rows = (function* (): Generator<Json> {
      for (const o of items) {
        yield { cells: type.columns.map((c) => c.cell(o, now)), object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata ?? {} } };
      }
    })();
    return streamDocument(res, { kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata, columnDefinitions }, 'rows', rows);
  }

  private *candidates(type: ResourceType, namespace: string | undefined): Generator<() => KubeObject> {
    for (const o of this.store.values()) {
      if (o.kind === type.kind && (namespace === undefined || at(o, 'metadata.namespace') === namespace)) yield () => o;
    }
    const bulk = this.options.bulk;
    if (type.name !== 'pods' || !bulk || namespace !== bulk.namespace) return;
    const now = Date.now();
    for (let i = 0; i < bulk.podCount; i++) yield () => pod(`bulk-${String(i).padStart(6, '0')}`, bulk.namespace, 'bulk', now);
  }

  private bulkPod(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const bulk = this.options.bulk;
    const index = Number(/^bulk-(\d{6})$/.exec(name)?.[1] ?? NaN);
    if (resource !== 'pods' || !bulk || namespace !== bulk.namespace || !(index < bulk.podCount)) return undefined;
    return pod(name, bulk.namespace, 'bulk', Date.now());
  }

  private stamp(o: KubeObject, previous?: KubeObject): KubeObject {
    const m = (o.metadata ?? {}) as KubeObject;
    const p = (previous?.metadata ?? {}) as KubeObject;
    return { ...o, metadata: { ...m, uid: p.uid ?? m.uid ?? randomUUID(), creationTimestamp: p.creationTimestamp ?? new Date().toISOString(), resourceVersion: String(++this.version) } };
  }

  private key(o: KubeObject): string {
    const type = RESOURCE_TYPES.find((t) => t.kind === o.kind);
    return `${type?.name}|${str(o, 'metadata.namespace', '')}|${str(o, 'metadata.name')}`;
  }

  private put(o: KubeObject): void {
    this.store.set(this.key(o), o);
  }
}

/** Starts the fake API server on 127.0.0.1 with an ephemeral port. */
export async function startFakeKubeApiServer(options: FakeKubeApiServerOptions = {}): Promise<FakeKubeApiServer> {
  const api = new FakeKubeApi(options);
  const server = createServer((req, res) => {
    api.handle(req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else sendStatus(res, 500, 'InternalError', String(error));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  api.port = port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests: api.requests,
    writesSeen: () => api.requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD'),
    inFlight: api.inFlight,
    maxInFlight: api.maxInFlight,
    openHangingRequests: api.openHangingRequests,
    setLatencyMs: api.setLatencyMs,
    getObject: (resource, namespace, name) => api.get(resource, namespace, name),
    reset: () => api.reset(),
    close: async () => {
      api.closeHanging();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
