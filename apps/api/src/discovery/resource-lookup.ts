import { ClusterPicture, ClusterResource } from './cluster-picture';
import { closest } from './suggestions';

/** Categories kubectl expands itself (`get all`); api-resources lists the others per resource. */
const BUILTIN_CATEGORIES = ['all'];

/**
 * Finds what a written resource type (`po`, `Deployment`, `deployments.v1.apps`, `wdg.example.com`)
 * names in a picture, the way kubectl's REST mapper matches: case-insensitive, by name, short name,
 * singular (the kind lowercased) or kind, with an optional `.version.group` or `.group` suffix.
 * Returns the matching resources; an empty list means the cluster serves no such type.
 */
export function lookUpResource(picture: ClusterPicture, written: string): readonly ClusterResource[] | 'category' {
  const lower = written.toLowerCase();
  const dot = lower.indexOf('.');
  const name = dot < 0 ? lower : lower.slice(0, dot);
  const suffix = dot < 0 ? '' : lower.slice(dot + 1);
  if (suffix === '' && (BUILTIN_CATEGORIES.includes(name) || picture.resources.some((resource) => resource.categories.includes(name)))) {
    return 'category';
  }
  return picture.resources.filter((resource) => spellingsOf(resource).includes(name) && suffixMatches(resource, suffix));
}

/** Up to three resources the cluster serves (and `hides` lets through) whose spellings are closest to a written type. */
export function suggestResources(picture: ClusterPicture, written: string, hides: (resource: ClusterResource) => boolean = () => false): string[] {
  const name = written.toLowerCase().split('.')[0];
  const candidates = picture.resources.filter((resource) => !hides(resource)).flatMap((resource) => spellingsOf(resource).map((spelling) => [spelling, displayName(resource)] as const));
  return closest(name, candidates);
}

/** How the context and suggestions name a resource: plain for built-in groups, with the group for the others. */
export function displayName(resource: ClusterResource): string {
  return resource.group === '' || resource.group.endsWith('.k8s.io') || !resource.group.includes('.') ? resource.name : `${resource.name}.${resource.group}`;
}

function spellingsOf(resource: ClusterResource): string[] {
  return [resource.name, ...resource.shortNames, resource.kind.toLowerCase()].map((spelling) => spelling.toLowerCase());
}

function suffixMatches(resource: ClusterResource, suffix: string): boolean {
  if (suffix === '') return true;
  if (suffix === resource.group) return true;
  if (resource.group === '') return suffix === resource.version;
  return suffix === `${resource.version}.${resource.group}`;
}
