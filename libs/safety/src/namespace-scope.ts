import { displayWord } from './display-word';
import { denial, PolicyDenial } from './policy-denial';
import { CommandLine, Inspection, VerbRule } from './verb-rule';
import { VerdictCode } from './verdict';

/** Namespace scoping as configured: `allowed` is null when scoping is off. */
export interface NamespaceScoping {
  readonly allowed: ReadonlySet<string> | null;
  readonly defaultNamespace: string;
}

/** What scoping adds to an allowed command: the namespace to pin when none was given. */
export interface ScopeOutcome {
  readonly pinNamespace?: string;
}

const UNCHANGED: ScopeOutcome = {};

function refuse(message: string): PolicyDenial {
  return denial(VerdictCode.NAMESPACE_DENIED, message);
}

function clusterWideTarget(rule: VerbRule, inspection: Inspection): PolicyDenial | undefined {
  if (rule.scope === 'cluster') {
    return refuse(`kubectl ${rule.verb} works on cluster-scoped objects, which namespace scoping does not allow`);
  }
  if (rule.scope !== 'resources') return undefined;
  for (const type of inspection.types) {
    if (type.builtin === undefined) {
      const written = displayWord(type.written);
      return refuse(`cannot tell whether ${written} is namespaced; namespace scoping allows built-in namespaced types only`);
    }
    if (!type.builtin.namespaced) {
      return refuse(`${displayWord(type.written)} is cluster-scoped, which namespace scoping does not allow`);
    }
  }
  return undefined;
}

/**
 * With scoping on, a command may only touch allowed namespaces. A command that names none is
 * pinned to the default namespace (so kubeconfig's own default never decides), or refused when
 * the default is not allowed.
 */
export function checkNamespaceScope(
  line: CommandLine,
  rule: VerbRule,
  inspection: Inspection,
  scoping: NamespaceScoping,
): ScopeOutcome | PolicyDenial {
  const allowed = scoping.allowed;
  if (allowed === null) return UNCHANGED;
  const explicit = line.values('namespace');
  const outside = explicit.find((namespace) => !allowed.has(namespace));
  if (outside !== undefined) return refuse(`namespace ${displayWord(outside)} is not in the allowed namespaces`);
  if (line.isTrue('all-namespaces')) return refuse('--all-namespaces reaches namespaces outside the allowed ones');
  if (rule.scope === 'none') return UNCHANGED;
  const clusterWide = clusterWideTarget(rule, inspection);
  if (clusterWide) return clusterWide;
  if (explicit.length > 0) return UNCHANGED;
  if (!allowed.has(scoping.defaultNamespace)) {
    return refuse(`no namespace given and the default namespace ${displayWord(scoping.defaultNamespace)} is not allowed`);
  }
  return { pinNamespace: scoping.defaultNamespace };
}
