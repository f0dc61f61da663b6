import { ClusterPicture, ClusterResource } from './cluster-picture';
import { displayName } from './resource-lookup';

/** Namespaces listed by name; the rest are counted. */
export const MAX_LISTED_NAMESPACES = 100;
/** The simple estimate the budget is kept with. */
export const CHARS_PER_TOKEN = 4;

export interface PromptView {
  /** Namespaces this caller may see; null: all of them. */
  readonly namespaces: ReadonlySet<string> | null;
  /** Resources the model should not be shown (denied by the policy). */
  readonly hides: (resource: ClusterResource) => boolean;
  readonly budgetTokens: number;
}

/**
 * The cluster context for the system message: default namespace, namespaces (the first 100 and a
 * count of the rest), and the resource types with their short names, cut to fit the budget.
 */
export function renderPromptContext(picture: ClusterPicture, view: PromptView): string {
  const maxChars = view.budgetTokens * CHARS_PER_TOKEN;
  const namespaces = view.namespaces === null ? picture.namespaces : picture.namespaces.filter((name) => view.namespaces!.has(name));
  const lines = ['Cluster context (read from the cluster; use these names, and only these namespaces):'];
  if (view.namespaces === null || view.namespaces.has(picture.defaultNamespace)) {
    lines.push(`Default namespace: ${picture.defaultNamespace}`);
  }
  lines.push(namespaceLine(namespaces));
  const fixed = lines.join('\n');
  return `${fixed}\n${resourceLine(visibleResources(picture, view), maxChars - fixed.length - 1)}`.slice(0, maxChars);
}

function namespaceLine(namespaces: readonly string[]): string {
  const listed = namespaces.slice(0, MAX_LISTED_NAMESPACES);
  const more = namespaces.length - listed.length;
  return `Namespaces (${namespaces.length}): ${listed.join(', ') || 'none'}${more > 0 ? ` and ${more} more` : ''}`;
}

function visibleResources(picture: ClusterPicture, view: PromptView): string[] {
  const entries = picture.resources
    .filter((resource) => !view.hides(resource))
    .map((resource) => (resource.shortNames.length ? `${displayName(resource)} (${resource.shortNames.join(', ')})` : displayName(resource)));
  return [...new Set(entries)];
}

/** As many resource types as fit in `room` characters, then how many were left out. */
function resourceLine(entries: readonly string[], room: number): string {
  const prefix = 'Resource types, name (short names): ';
  let line = prefix;
  for (const [index, entry] of entries.entries()) {
    const separator = index === 0 ? '' : ', ';
    const rest = entries.length - index;
    const tail = ` and ${rest} more (kubectl api-resources lists them)`;
    if (line.length + separator.length + entry.length + (rest > 1 ? tail.length : 0) > room) return `${line}${tail}`;
    line += separator + entry;
  }
  return line;
}
