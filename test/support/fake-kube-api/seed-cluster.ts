/** Builders of the seeded cluster's objects, shaped like a real server's. */
import { randomUUID } from 'node:crypto';
import { KubeObject } from './kube-json';

export const ago = (now: number, seconds: number): string => new Date(now - seconds * 1000).toISOString();

export function meta(name: string, namespace: string | undefined, createdAgo: number, now: number, extra: KubeObject = {}): KubeObject {
  return {
    name, ...(namespace ? { namespace } : {}), uid: randomUUID(), resourceVersion: '1',
    creationTimestamp: ago(now, createdAgo), ...extra,
  };
}

export function pod(name: string, namespace: string, app: string, now: number, restarts = 0, phase = 'Running'): KubeObject {
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

export function deployment(name: string, namespace: string, replicas: number, now: number): KubeObject {
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

export function event(name: string, namespace: string, involved: KubeObject, reason: string, message: string, count: number, firstAgo: number, lastAgo: number, now: number, type = 'Normal'): KubeObject {
  const im = involved.metadata as KubeObject;
  return {
    apiVersion: 'v1', kind: 'Event', metadata: meta(name, namespace, firstAgo, now),
    involvedObject: { kind: involved.kind, namespace, name: im.name, uid: im.uid, apiVersion: involved.apiVersion },
    reason, message, type, count, source: { component: 'kubelet', host: 'node-1' },
    firstTimestamp: ago(now, firstAgo), lastTimestamp: ago(now, lastAgo),
  };
}

export function node(name: string, now: number, controlPlane: boolean): KubeObject {
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
export function seedObjects(now: number): KubeObject[] {
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
    { apiVersion: 'example.com/v1', kind: 'Widget', metadata: meta('sprocket', 'default', 86400, now), spec: { size: 'large' } },
    event('web-0.17a2', 'default', web, 'BackOff', 'Back-off restarting failed container web in pod web-0_default', 1, 90, 60, now, 'Warning'),
  ];
}
