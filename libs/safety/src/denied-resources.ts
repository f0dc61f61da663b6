/** KUBECTL_DENIED_RESOURCES' default: Secrets, and anything named like one (sealedsecrets, externalsecrets). */
export const DEFAULT_DENIED_RESOURCES: readonly string[] = ['secrets', '*secret*'];

/** `name` or `name.group`; `*` in the name matches any run of characters. */
const ENTRY = /^[a-z0-9*][a-z0-9*-]*(\.[a-z0-9-]+(\.[a-z0-9-]+)*)?$/;

export function isDeniedResourceEntry(entry: string): boolean {
  return entry.length <= 253 && ENTRY.test(entry);
}

interface Rule {
  readonly name: RegExp;
  readonly group: string | null;
}

/**
 * Resource types no command may name (KUBECTL_DENIED_RESOURCES), matched by resource name (plural,
 * as kubectl and api-resources spell it), optionally with its API group.
 */
export class DeniedResources {
  private readonly rules: readonly Rule[];

  constructor(readonly entries: readonly string[]) {
    this.rules = entries.map((entry) => {
      const dot = entry.indexOf('.');
      const name = dot < 0 ? entry : entry.slice(0, dot);
      const pattern = name.split('*').map((part) => part.replace(/[-]/g, '\\-')).join('.*');
      return { name: new RegExp(`^${pattern}$`), group: dot < 0 ? null : entry.slice(dot + 1) };
    });
  }

  /** `group` is the resource's API group when known ('' for core), or the suffix as written (`v1.example.com`). */
  matches(name: string, group?: string): boolean {
    const lower = name.toLowerCase();
    const suffix = group?.toLowerCase();
    return this.rules.some(
      (rule) => rule.name.test(lower) && (rule.group === null || (suffix !== undefined && (suffix === rule.group || suffix.endsWith(`.${rule.group}`)))),
    );
  }
}
