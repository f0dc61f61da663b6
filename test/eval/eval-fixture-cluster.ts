/**
 * The eval's fixture cluster: the fake API server's seed (namespaces default, kube-system, x) plus
 * namespaces prod, staging and monitoring with deployments, pods, services, config maps,
 * statefulsets, daemonsets, jobs, cronjobs, ingresses, a third node and custom resources
 * (cert-manager, Prometheus operator). Tasks may name objects and namespaces that do not exist:
 * the server records those requests too, so they still compare.
 */
import type { KubeObject, ResourceType } from '../support/fake-kube-api-server';
import { age, at, str } from '../support/fake-kube-api/kube-json';
import { deployment, event, meta, node, pod } from '../support/fake-kube-api/seed-cluster';

const NAME = { name: 'Name', type: 'string', cell: (o: KubeObject) => str(o, 'metadata.name') } as const;
const AGE = { name: 'Age', type: 'string', cell: (o: KubeObject, now: number) => age(at(o, 'metadata.creationTimestamp'), now) } as const;

function simpleType(name: string, kind: string, groupVersion: string, shortNames: string[] = [], namespaced = true): ResourceType {
  return { name, kind, groupVersion, namespaced, shortNames, columns: [NAME, AGE] };
}

export const EVAL_EXTRA_TYPES: ResourceType[] = [
  simpleType('configmaps', 'ConfigMap', 'v1', ['cm']),
  simpleType('persistentvolumeclaims', 'PersistentVolumeClaim', 'v1', ['pvc']),
  simpleType('serviceaccounts', 'ServiceAccount', 'v1', ['sa']),
  { ...simpleType('statefulsets', 'StatefulSet', 'apps/v1', ['sts']), subresources: ['scale', 'status'] },
  simpleType('daemonsets', 'DaemonSet', 'apps/v1', ['ds']),
  simpleType('jobs', 'Job', 'batch/v1'),
  simpleType('cronjobs', 'CronJob', 'batch/v1', ['cj']),
  simpleType('ingresses', 'Ingress', 'networking.k8s.io/v1', ['ing']),
  simpleType('certificates', 'Certificate', 'cert-manager.io/v1', ['cert', 'certs']),
  // Types a task may name that the cluster holds no objects of: without them kubectl would stop at
  // discovery, before any request, and a right and a wrong answer could not be told apart.
  simpleType('endpoints', 'Endpoints', 'v1', ['ep']),
  simpleType('persistentvolumes', 'PersistentVolume', 'v1', ['pv'], false),
  simpleType('resourcequotas', 'ResourceQuota', 'v1', ['quota']),
  simpleType('limitranges', 'LimitRange', 'v1', ['limits']),
  simpleType('replicationcontrollers', 'ReplicationController', 'v1', ['rc']),
  simpleType('controllerrevisions', 'ControllerRevision', 'apps/v1'),
  simpleType('horizontalpodautoscalers', 'HorizontalPodAutoscaler', 'autoscaling/v2', ['hpa']),
  simpleType('poddisruptionbudgets', 'PodDisruptionBudget', 'policy/v1', ['pdb']),
  simpleType('networkpolicies', 'NetworkPolicy', 'networking.k8s.io/v1', ['netpol']),
  simpleType('ingressclasses', 'IngressClass', 'networking.k8s.io/v1', [], false),
  simpleType('roles', 'Role', 'rbac.authorization.k8s.io/v1'),
  simpleType('rolebindings', 'RoleBinding', 'rbac.authorization.k8s.io/v1'),
  simpleType('clusterroles', 'ClusterRole', 'rbac.authorization.k8s.io/v1', [], false),
  simpleType('clusterrolebindings', 'ClusterRoleBinding', 'rbac.authorization.k8s.io/v1', [], false),
  simpleType('storageclasses', 'StorageClass', 'storage.k8s.io/v1', ['sc'], false),
  simpleType('customresourcedefinitions', 'CustomResourceDefinition', 'apiextensions.k8s.io/v1', ['crd', 'crds'], false),
  simpleType('endpointslices', 'EndpointSlice', 'discovery.k8s.io/v1'),
  simpleType('leases', 'Lease', 'coordination.k8s.io/v1'),
  simpleType('priorityclasses', 'PriorityClass', 'scheduling.k8s.io/v1', ['pc'], false),
  simpleType('issuers', 'Issuer', 'cert-manager.io/v1'),
  simpleType('clusterissuers', 'ClusterIssuer', 'cert-manager.io/v1', [], false),
  simpleType('certificaterequests', 'CertificateRequest', 'cert-manager.io/v1', ['cr', 'crs']),
  simpleType('servicemonitors', 'ServiceMonitor', 'monitoring.coreos.com/v1', ['smon']),
  simpleType('prometheusrules', 'PrometheusRule', 'monitoring.coreos.com/v1', ['promrule']),
];

function labelled(o: KubeObject, labels: Record<string, string>): KubeObject {
  const metadata = o.metadata as KubeObject;
  return { ...o, metadata: { ...metadata, labels: { ...(metadata.labels as KubeObject), ...labels } } };
}

function plain(apiVersion: string, kind: string, name: string, namespace: string, now: number, spec: KubeObject = {}, labels: Record<string, string> = {}): KubeObject {
  return { apiVersion, kind, metadata: meta(name, namespace, 2 * 86400, now, { labels }), spec };
}

/** Objects added to the fake server's seed for the bundled tasks. */
export function evalFixtureObjects(now: number): KubeObject[] {
  const namespaces = ['prod', 'staging', 'monitoring'].map((n): KubeObject => ({
    apiVersion: 'v1', kind: 'Namespace', metadata: meta(n, undefined, 10 * 86400, now, { labels: { 'kubernetes.io/metadata.name': n, env: n } }), status: { phase: 'Active' },
  }));
  const apps = [
    { name: 'web', namespace: 'prod', tier: 'frontend', replicas: 3 },
    { name: 'api', namespace: 'prod', tier: 'backend', replicas: 2 },
    { name: 'worker', namespace: 'prod', tier: 'backend', replicas: 1 },
    { name: 'web', namespace: 'staging', tier: 'frontend', replicas: 1 },
    { name: 'prometheus', namespace: 'monitoring', tier: 'monitoring', replicas: 1 },
  ];
  const objects: KubeObject[] = [...namespaces, node('node-3', now, false)];
  for (const app of apps) {
    const labels = { tier: app.tier, env: app.namespace };
    objects.push(labelled(deployment(app.name, app.namespace, app.replicas, now), labels));
    for (let i = 0; i < app.replicas; i++) {
      const phase = app.name === 'worker' ? 'Failed' : 'Running';
      objects.push(labelled(pod(`${app.name}-6b7f9c-${String.fromCharCode(97 + i)}x${i}q`, app.namespace, app.name, now, app.name === 'api' ? 4 : 0, phase), labels));
    }
    objects.push({ apiVersion: 'v1', kind: 'Service', metadata: meta(app.name, app.namespace, 2 * 86400, now, { labels }),
      spec: { type: app.tier === 'frontend' ? 'LoadBalancer' : 'ClusterIP', clusterIP: '10.96.12.7', selector: { app: app.name }, ports: [{ port: 80, protocol: 'TCP' }] } });
  }
  const crashing = pod('api-6b7f9c-ax0q', 'prod', 'api', now, 4);
  objects.push(
    event('api-6b7f9c-ax0q.18b1', 'prod', crashing, 'BackOff', 'Back-off restarting failed container api', 7, 3600, 30, now, 'Warning'),
    event('web.18b2', 'prod', deployment('web', 'prod', 3, now), 'ScalingReplicaSet', 'Scaled up replica set web-6b7f9c to 3', 1, 7200, 7200, now),
    plain('v1', 'ConfigMap', 'web-config', 'prod', now, {}, { app: 'web' }),
    plain('v1', 'ConfigMap', 'api-config', 'prod', now, {}, { app: 'api' }),
    plain('v1', 'PersistentVolumeClaim', 'data-postgres-0', 'prod', now, { accessModes: ['ReadWriteOnce'] }),
    plain('v1', 'ServiceAccount', 'deployer', 'prod', now),
    plain('apps/v1', 'StatefulSet', 'postgres', 'prod', now, { replicas: 1 }, { app: 'postgres' }),
    plain('apps/v1', 'DaemonSet', 'node-exporter', 'monitoring', now, {}, { app: 'node-exporter' }),
    plain('batch/v1', 'Job', 'db-migrate', 'prod', now, {}, { app: 'api' }),
    plain('batch/v1', 'CronJob', 'nightly-backup', 'prod', now, { schedule: '0 2 * * *' }),
    plain('networking.k8s.io/v1', 'Ingress', 'web', 'prod', now, { rules: [{ host: 'shop.example.com' }] }),
    plain('cert-manager.io/v1', 'Certificate', 'shop-tls', 'prod', now, { secretName: 'shop-tls', dnsNames: ['shop.example.com'] }),
    plain('cert-manager.io/v1', 'Certificate', 'grafana-tls', 'monitoring', now, { secretName: 'grafana-tls', dnsNames: ['grafana.example.com'] }),
    plain('cert-manager.io/v1', 'Issuer', 'letsencrypt', 'prod', now),
    plain('monitoring.coreos.com/v1', 'ServiceMonitor', 'api', 'monitoring', now, {}, { app: 'api' }),
    plain('autoscaling/v2', 'HorizontalPodAutoscaler', 'web', 'prod', now, { minReplicas: 2, maxReplicas: 10 }),
    plain('policy/v1', 'PodDisruptionBudget', 'web', 'prod', now, { minAvailable: 2 }),
    plain('networking.k8s.io/v1', 'NetworkPolicy', 'deny-all', 'prod', now),
  );
  return objects;
}
