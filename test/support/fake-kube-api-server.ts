/**
 * A loopback Kubernetes API server that the real kubectl (v1.32) can talk to over plain HTTP.
 *
 * `startFakeKubeApiServer(options)` listens on 127.0.0.1:0 and serves /version, legacy discovery
 * (kubectl asks for aggregated discovery first and falls back to APIVersions/APIGroupList/
 * APIResourceList when the answer is plain `application/json`), and namespaces, nodes, pods
 * (+ `log`), events, services, secrets (core/v1), deployments (+ `scale`) and replicasets (apps/v1), and
 * the custom resource widgets (example.com/v1, short name `wdg`), as if a CRD had added it.
 * Lists honour `limit`/`continue`, `labelSelector` (equality, existence, in/notin) and
 * `fieldSelector` (=, ==, != on dotted paths). When the Accept header asks for
 * `as=Table;v=v1;g=meta.k8s.io` (kubectl's human output) the answer is a meta.k8s.io/v1 Table
 * whose columns match the real server's (wide columns have priority 1).
 * Writes (POST/PUT/PATCH/DELETE) change the in-memory state, except with `dryRun=All` (query, or
 * the DeleteOptions body kubectl sends with DELETE). Bodies may be JSON, YAML or, for typed
 * `kubectl create`, protobuf, of which only type and name/namespace/labels/annotations are read.
 * No OpenAPI is served, so `kubectl apply -f` needs `--validate=false`.
 * `watch=true` and `logs -f` requests never finish (like a real watch with no events); a watch answers
 * 200 at once and then stays open, as a real server's does, so `kubectl wait`'s own `--timeout` ends it.
 *
 * Seeded cluster (restored by `reset()`): namespaces default, kube-system, x; nodes node-1
 * (control-plane), node-2; in default: pods nginx-7c5ddbdf54-2xkqz and web-0 (2 restarts),
 * deployment nginx with replicaset nginx-7c5ddbdf54, service kubernetes, events Pulled (x2, for
 * nginx) and BackOff (Warning, for web-0), widget sprocket; in x: deployment api, pods api-5d8f7b9c4-k2m9p
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
 * Every request is recorded in `requests` (method, path, query, accept, bodyBytes, at, and the
 * `Impersonate-*` headers kubectl sends for `--as`/`--as-group`: `impersonation` maps each such
 * header's lower-case name to its values, one per header line, in order; `{}` when none);
 * `writesSeen()` filters the non-GET ones; `reset()` clears the record, the in-flight maximum
 * and restores the seeded objects. `inFlight()` / `maxInFlight()` count resource requests only
 * (each kubectl process makes at most one at a time, so they bound concurrent processes).
 */
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { once } from 'node:events';
import { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { readBody, parseBody, sendJson, sendStatus, streamDocument, take } from './fake-kube-api/http-io';
import { at, Json, KubeObject, list, str } from './fake-kube-api/kube-json';
import { discoveryDocument, NAME, parseResourcePath, RESOURCE_TYPES, ResourceType, Route } from './fake-kube-api/resource-types';
import { meta, pod, seedObjects } from './fake-kube-api/seed-cluster';
import { fieldMatcher, labelMatcher, mergePatch } from './fake-kube-api/selectors';

export type { KubeObject } from './fake-kube-api/kube-json';
export type { ResourceType } from './fake-kube-api/resource-types';

export interface FakeKubeApiServerOptions {
  hangingNamespaces?: readonly string[];
  bulk?: { namespace: string; podCount: number };
  latencyMs?: number;
  /** Resource types served besides the built-in ones (their discovery included), e.g. a custom resource. */
  extraTypes?: readonly ResourceType[];
  /** Objects added to the seeded cluster on every reset, of built-in or extra types. */
  extraObjects?: (now: number) => KubeObject[];
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  accept: string;
  bodyBytes: number;
  at: number;
  /** `Impersonate-User`, `Impersonate-Group`... (lower-case) to their values, one per header line. */
  impersonation: Record<string, string[]>;
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

class FakeKubeApi {
  readonly requests: RecordedRequest[] = [];
  private readonly store = new Map<string, KubeObject>();
  private readonly hanging = new Set<ServerResponse>();
  private readonly hangingNamespaces: ReadonlySet<string>;
  private readonly types: readonly ResourceType[];
  private latencyMs: number;
  private active = 0;
  private activeMax = 0;
  private version = 1000;
  port = 0;

  constructor(private readonly options: FakeKubeApiServerOptions) {
    this.hangingNamespaces = new Set(options.hangingNamespaces ?? ['hang']);
    this.latencyMs = options.latencyMs ?? 0;
    this.types = [...RESOURCE_TYPES, ...(options.extraTypes ?? [])];
    this.reset();
  }

  reset(): void {
    this.requests.length = 0;
    this.activeMax = this.active;
    this.store.clear();
    const now = Date.now();
    const bulk = this.options.bulk;
    const extra: KubeObject[] = bulk ? [{ apiVersion: 'v1', kind: 'Namespace', metadata: meta(bulk.namespace, undefined, 86400, now), status: { phase: 'Active' } }] : [];
    for (const o of [...seedObjects(now), ...extra, ...(this.options.extraObjects?.(now) ?? [])]) this.put(o);
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
    this.requests.push({ method, path: url.pathname, query, accept, bodyBytes: body.length, at: Date.now(), impersonation: impersonationHeaders(req) });

    if (url.pathname === '/version') {
      return sendJson(res, 200, { major: '1', minor: '32', gitVersion: 'v1.32.4', platform: 'linux/amd64' });
    }
    const discovery = discoveryDocument(url.pathname, this.port, this.types);
    if (discovery) return sendJson(res, 200, discovery);
    const route = parseResourcePath(url.pathname, this.types);
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
    } else if (query.watch === 'true' && !(route.namespace && this.hangingNamespaces.has(route.namespace))) {
      // A real watch answers at once and then streams events; kubectl's own --timeout relies on it.
      res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
      res.flushHeaders();
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
    const type = this.types.find((t) => t.kind === o.kind);
    return `${type?.name}|${str(o, 'metadata.namespace', '')}|${str(o, 'metadata.name')}`;
  }

  private put(o: KubeObject): void {
    this.store.set(this.key(o), o);
  }
}

/**
 * Every `Impersonate-*` header line, from rawHeaders: Node joins repeated headers of names it does
 * not know with ', ' in `headers`, which would hide how many groups were sent.
 */
function impersonationHeaders(req: IncomingMessage): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i].toLowerCase();
    if (name.startsWith('impersonate-')) (found[name] ??= []).push(req.rawHeaders[i + 1]);
  }
  return found;
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
