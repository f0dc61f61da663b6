import { createHash } from 'node:crypto';

/** One resource type the cluster serves, as `kubectl api-resources -o wide` lists it. */
export interface ClusterResource {
  readonly name: string;
  readonly shortNames: readonly string[];
  readonly kind: string;
  /** '' for the core group. */
  readonly group: string;
  readonly version: string;
  readonly namespaced: boolean;
  readonly verbs: readonly string[];
  readonly categories: readonly string[];
}

/** What discovery last read about the cluster. */
export interface ClusterPicture {
  readonly resources: readonly ClusterResource[];
  /** Sorted. */
  readonly namespaces: readonly string[];
  /** The kubeconfig's namespace, else `default`. */
  readonly defaultNamespace: string;
  /** Changes exactly when the contents change. */
  readonly fingerprint: string;
  readonly takenAt: number;
}

const COLUMNS = ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', 'VERBS', 'CATEGORIES'] as const;

/**
 * Reads `api-resources -o wide`: cells are cut at the header's column starts (SHORTNAMES and
 * CATEGORIES are often empty, so splitting on spaces would shift the columns).
 */
export function parseApiResources(stdout: string): ClusterResource[] {
  const lines = stdout.split('\n').filter((line) => line.trim() !== '');
  const header = lines.shift();
  if (header === undefined) throw new Error('api-resources printed nothing');
  const starts = COLUMNS.map((column) => new RegExp(`(^| )${column}( |$)`).exec(header));
  if (starts.some((match) => match === null)) throw new Error(`unexpected api-resources header: ${header.slice(0, 200)}`);
  const offsets = starts.map((match) => (match!.index === 0 ? 0 : match!.index + 1));
  return lines.map((line) => {
    const cell = (index: number) => line.slice(offsets[index], offsets[index + 1] ?? line.length).trim();
    const apiVersion = cell(2);
    const slash = apiVersion.indexOf('/');
    return {
      name: cell(0),
      shortNames: words(cell(1), ','),
      group: slash < 0 ? '' : apiVersion.slice(0, slash),
      version: slash < 0 ? apiVersion : apiVersion.slice(slash + 1),
      namespaced: cell(3) === 'true',
      kind: cell(4),
      verbs: words(cell(5).replace(/^\[|\]$/g, ''), /[ ,]/),
      categories: words(cell(6), ','),
    };
  });
}

/** Reads `get namespaces -o name`: one `namespace/<name>` per line. */
export function parseNamespaceNames(stdout: string): string[] {
  return stdout
    .split('\n')
    .map((line) => line.trim().replace(/^namespace\//, ''))
    .filter(Boolean)
    .sort();
}

export function buildPicture(resources: readonly ClusterResource[], namespaces: readonly string[], defaultNamespace: string, takenAt: number): ClusterPicture {
  const sortedNamespaces = [...new Set(namespaces)].sort();
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([resources, sortedNamespaces, defaultNamespace]))
    .digest('hex')
    .slice(0, 16);
  return { resources, namespaces: sortedNamespaces, defaultNamespace, fingerprint, takenAt };
}

function words(text: string, separator: string | RegExp): string[] {
  return text
    .split(separator)
    .map((word) => word.trim())
    .filter(Boolean);
}
