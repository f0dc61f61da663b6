import { buildPicture, ClusterPicture, ClusterResource } from '../cluster-picture';

function resource(name: string, shortNames: string, kind: string, apiVersion: string, namespaced = true): ClusterResource {
  const slash = apiVersion.indexOf('/');
  return {
    name,
    shortNames: shortNames.split(' ').filter(Boolean),
    kind,
    group: slash < 0 ? '' : apiVersion.slice(0, slash),
    version: slash < 0 ? apiVersion : apiVersion.slice(slash + 1),
    namespaced,
    verbs: ['get', 'list'],
    categories: [],
  };
}

/**
 * A small cluster: a few built-ins, Secrets, a CRD (widgets.example.com, `wdg`), a secret-like CRD,
 * a cluster-scoped CRD (clusterwidgets.example.com, `cwdg`) and a CRD in a built-in group (httproutes).
 */
export const FIXTURE_RESOURCES: readonly ClusterResource[] = [
  resource('namespaces', 'ns', 'Namespace', 'v1', false),
  resource('pods', 'po', 'Pod', 'v1'),
  resource('services', 'svc', 'Service', 'v1'),
  resource('secrets', '', 'Secret', 'v1'),
  resource('deployments', 'deploy', 'Deployment', 'apps/v1'),
  resource('widgets', 'wdg', 'Widget', 'example.com/v1'),
  resource('sealedsecrets', 'ss', 'SealedSecret', 'bitnami.com/v1alpha1'),
  resource('clusterwidgets', 'cwdg', 'ClusterWidget', 'example.com/v1', false),
  resource('httproutes', '', 'HTTPRoute', 'gateway.networking.k8s.io/v1'),
];

export function fixturePicture(namespaces: readonly string[] = ['default', 'kube-system', 'team-a', 'team-b'], defaultNamespace = 'default'): ClusterPicture {
  return buildPicture(FIXTURE_RESOURCES, namespaces, defaultNamespace, Date.now());
}
