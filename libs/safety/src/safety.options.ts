import { isDnsLabel } from './flag-values';
import { DEFAULT_DENIED_RESOURCES, DeniedResources, isDeniedResourceEntry } from './denied-resources';
import { NamespaceScoping } from './namespace-scope';

/** Options of the command policy (SafetyModule.forRoot / forRootAsync). */
export interface SafetyOptions {
  /** KUBECTL_ALLOW_WRITES: whether write verbs may run for real (dry runs are always possible). */
  readonly allowWrites: boolean;
  /** Namespaces commands may touch; null or absent turns namespace scoping off. */
  readonly allowedNamespaces?: readonly string[] | null;
  /** Namespace pinned on commands that name none: every command while scoping is on, and writes always. Default: `default`. */
  readonly defaultNamespace?: string;
  /**
   * Longest wait, in ms, left to `kubectl wait` and `kubectl rollout status`: a longer `--timeout`
   * (or none, when kubectl's default is longer) is lowered to it. Null or absent: no lowering.
   */
  readonly maxWaitMs?: number | null;
  /**
   * KUBECTL_PROTECTED_NAMESPACES: namespaces no write may touch unless allowedNamespaces lists them.
   * null or absent: PROTECTED_NAMESPACES.
   */
  readonly protectedNamespaces?: readonly string[] | null;
  /**
   * KUBECTL_DENIED_RESOURCES: resource names or `name.group` (`*` as wildcard) no command may name.
   * null or absent: DEFAULT_DENIED_RESOURCES. Secrets in any spelling stay refused whatever the list.
   */
  readonly deniedResources?: readonly string[] | null;
}

export const DEFAULT_NAMESPACE = 'default';

/** The control plane's own namespaces: a write there can take the cluster down or escalate. */
export const PROTECTED_NAMESPACES: readonly string[] = ['kube-system', 'kube-public', 'kube-node-lease'];

export interface ResolvedSafetyOptions extends NamespaceScoping {
  readonly allowWrites: boolean;
  readonly maxWaitMs: number | null;
  /** Protected namespaces the operator did not explicitly allow. */
  readonly protectedNamespaces: ReadonlySet<string>;
  readonly deniedResources: DeniedResources;
}

/** Validates the options once, at start-up: a bad namespace name is a configuration error. */
export function resolveSafetyOptions(options: SafetyOptions): ResolvedSafetyOptions {
  const defaultNamespace = options.defaultNamespace ?? DEFAULT_NAMESPACE;
  const allowedNamespaces = options.allowedNamespaces ?? null;
  const protectedNamespaces = options.protectedNamespaces ?? PROTECTED_NAMESPACES;
  const invalid = [defaultNamespace, ...(allowedNamespaces ?? []), ...protectedNamespaces].find((name) => !isDnsLabel(name));
  if (invalid !== undefined) {
    throw new TypeError(`SafetyOptions: ${JSON.stringify(invalid)} is not a valid namespace name`);
  }
  const deniedResources = options.deniedResources ?? DEFAULT_DENIED_RESOURCES;
  const badEntry = deniedResources.find((entry) => !isDeniedResourceEntry(entry));
  if (badEntry !== undefined) {
    throw new TypeError(`SafetyOptions: ${JSON.stringify(badEntry)} is not a resource name or name.group`);
  }
  const maxWaitMs = options.maxWaitMs ?? null;
  if (maxWaitMs !== null && !(Number.isSafeInteger(maxWaitMs) && maxWaitMs > 0)) {
    throw new TypeError(`SafetyOptions: maxWaitMs must be a positive whole number of ms, got ${maxWaitMs}`);
  }
  const allowed = allowedNamespaces === null ? null : new Set(allowedNamespaces);
  return {
    allowWrites: options.allowWrites === true,
    maxWaitMs,
    allowed,
    defaultNamespace,
    protectedNamespaces: new Set(protectedNamespaces.filter((name) => !allowed?.has(name))),
    deniedResources: new DeniedResources(deniedResources),
  };
}
