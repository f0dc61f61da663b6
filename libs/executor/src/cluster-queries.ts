/**
 * The fixed, internal kubectl reads the service makes about the cluster itself (discovery). They
 * never come from a client, so they do not pass the command policy (which refuses `config`); the
 * executor runs them with the same environment, timeout, output cap and slots as any command.
 */
export const CLUSTER_QUERIES = {
  /** NAME SHORTNAMES APIVERSION NAMESPACED KIND VERBS CATEGORIES; `--cached=false` is kubectl's default. */
  apiResources: ['api-resources', '-o', 'wide'],
  /** One `namespace/<name>` per line. */
  namespaces: ['get', 'namespaces', '-o', 'name'],
  /** The current context's namespace; empty when the kubeconfig sets none. */
  defaultNamespace: ['config', 'view', '--minify', '-o', 'jsonpath={..namespace}'],
} as const satisfies Record<string, readonly string[]>;

export type ClusterQuery = keyof typeof CLUSTER_QUERIES;

/** Slots are shared per caller; discovery is one caller of its own. */
export const DISCOVERY_CALLER = 'discovery';
