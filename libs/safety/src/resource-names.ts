import { BUILTIN_RESOURCES, BuiltinResource, isBuiltinGroup, spellingsOf } from './builtin-resources';

export type { BuiltinResource } from './builtin-resources';

const BY_NAME = new Map<string, BuiltinResource[]>();
for (const entry of BUILTIN_RESOURCES) {
  for (const name of spellingsOf(entry)) BY_NAME.set(name, [...(BY_NAME.get(name) ?? []), entry]);
}

/** A resource type as written on the command line (`Deployments.v1.apps`, `po`, `secrets.`). */
export interface ResourceType {
  readonly written: string;
  /** The part before the first dot, lowercased: what kubectl matches names against. */
  readonly name: string;
  /** The built-in resource it names, when name and group both match one. */
  readonly builtin?: BuiltinResource;
  /**
   * A custom resource: no built-in is spelled this way in any group, and the group written (if
   * any) is not Kubernetes' own. Only the cluster can tell what it is (discovery confirms it).
   */
  readonly custom: boolean;
}

const TYPE_SYNTAX = /^[a-z0-9][a-z0-9-]*(\.[a-z0-9-]*)*$/;

export function isResourceTypeSyntax(written: string): boolean {
  return written.length <= 253 && TYPE_SYNTAX.test(written.toLowerCase());
}

function groupMatches(entry: BuiltinResource, suffix: string): boolean {
  if (suffix === '' || suffix === entry.group) return true;
  return entry.versions.some((version) => suffix === `${version}.${entry.group}` || (entry.group === '' && suffix === version));
}

/** Resolves a type the way kubectl's REST mapper would (case-insensitive, optional version and group). */
export function resolveResourceType(written: string): ResourceType {
  const lower = written.toLowerCase();
  const dot = lower.indexOf('.');
  const name = dot < 0 ? lower : lower.slice(0, dot);
  const suffix = dot < 0 ? '' : lower.slice(dot + 1);
  const builtin = (BY_NAME.get(name) ?? []).find((entry) => groupMatches(entry, suffix));
  return { written, name, builtin, custom: !BY_NAME.has(name) && !namesBuiltinGroup(suffix) };
}

/**
 * Whether a written suffix could place the type in a built-in group. kubectl reads `a.b.c` both as
 * resource `a` in group `b.c` and as version `b` of group `c`; a suffix without a dot is a version
 * of the core group or a dotless built-in group (custom resource groups always have a dot).
 */
function namesBuiltinGroup(suffix: string): boolean {
  if (suffix === '') return false;
  const dot = suffix.indexOf('.');
  return dot < 0 || isBuiltinGroup(suffix) || isBuiltinGroup(suffix.slice(dot + 1));
}

/** Secrets and look-alikes (sealedsecrets, externalsecrets, secretstores): never read or changed. */
export function isSecretLike(type: ResourceType): boolean {
  return type.name.includes('secret');
}

/** True for a built-in of one of the given plurals (a CRD that reuses the name does not count). */
export function isBuiltinOf(type: ResourceType, plurals: ReadonlySet<string>): boolean {
  return type.builtin !== undefined && plurals.has(type.builtin.plural);
}
