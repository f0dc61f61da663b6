/**
 * The variables kubectl may inherit: where to find binaries and its config, plus what client-go's
 * in-cluster config reads (KUBERNETES_SERVICE_HOST/PORT; the token and CA come from fixed files)
 * and POD_NAMESPACE, which kubectl uses as the default namespace in a pod. Everything else,
 * notably KUBECTL_* (KUBECTL_EXTERNAL_DIFF runs a program), KUBE_EDITOR/EDITOR and the app's
 * secrets, stays out of the child.
 */
export const KUBECTL_ENV_NAMES = [
  'PATH',
  'HOME',
  'KUBECONFIG',
  'KUBERNETES_SERVICE_HOST',
  'KUBERNETES_SERVICE_PORT',
  'POD_NAMESPACE',
] as const;

/** The child's complete environment: the allowed names that are set (and non-empty) in `base`. */
export function buildKubectlEnvironment(base: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of KUBECTL_ENV_NAMES) {
    const value = base[name];
    if (value !== undefined && value !== '') env[name] = value;
  }
  return env;
}
