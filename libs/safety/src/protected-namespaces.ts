import { displayWord } from './display-word';
import { denial, PolicyDenial } from './policy-denial';
import { resolveResourceType } from './resource-names';
import { CommandLine, Inspection, VerbRule } from './verb-rule';
import { VerdictCode } from './verdict';

function isNamespaceType(written: string): boolean {
  return resolveResourceType(written).builtin?.plural === 'namespaces';
}

/** Namespace objects a write names: `create namespace NAME`, `ns NAME...`, `namespace/NAME`. */
function namespaceObjects(line: CommandLine): string[] {
  if (line.verb === 'create namespace') return [...line.positionals];
  // KEY=VALUE words (label, annotate, set) come after the objects.
  const words = line.positionals.filter((word) => !word.includes('='));
  if (words.some((word) => word.includes('/'))) {
    return words
      .filter((word) => word.includes('/') && isNamespaceType(word.slice(0, word.indexOf('/'))))
      .map((word) => word.slice(word.indexOf('/') + 1));
  }
  return words.length > 0 && words[0].split(',').some(isNamespaceType) ? words.slice(1) : [];
}

function refuse(namespace: string, how: string): PolicyDenial {
  return denial(
    VerdictCode.NAMESPACE_DENIED,
    `${how} namespace ${displayWord(namespace)}, which is protected: writes there are refused unless ` +
      'KUBECTL_ALLOWED_NAMESPACES lists it (or KUBECTL_PROTECTED_NAMESPACES leaves it out)',
  );
}

/**
 * Writes (server dry runs included) may not touch a protected namespace: not through
 * `-n/--namespace`, and not the namespace object itself. Reads and client dry runs may.
 */
export function checkProtectedNamespaces(line: CommandLine, protectedNamespaces: ReadonlySet<string>): PolicyDenial | undefined {
  const flagged = line.values('namespace').find((namespace) => protectedNamespaces.has(namespace));
  if (flagged !== undefined) return refuse(flagged, 'the write targets');
  const object = namespaceObjects(line).find((name) => protectedNamespaces.has(name));
  return object === undefined ? undefined : refuse(object, 'the write changes');
}

/** Whether a write lands in a namespace (so kubeconfig's default namespace would decide where). */
export function writesInNamespace(rule: VerbRule, inspection: Inspection): boolean {
  if (rule.scope === 'namespaced') return true;
  return rule.scope === 'resources' && inspection.types.some((type) => type.builtin?.namespaced !== false);
}
