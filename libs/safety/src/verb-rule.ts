import { FlagUse } from './flag-reader';
import { FlagTable } from './flag-spec';
import { PolicyDenial } from './policy-denial';
import { ResourceType } from './resource-names';

export type Tier = 'read' | 'write';

/**
 * How a verb relates to namespaces, for namespace scoping: `none` (no namespaced data),
 * `namespaced` (always works in one namespace), `cluster` (cluster-wide), or `resources`
 * (depends on the resource types it names).
 */
export type NamespaceScope = 'none' | 'namespaced' | 'cluster' | 'resources';

/** A command as kubectl will read it: the verb path, its flags, and its positional words. */
export class CommandLine {
  constructor(
    readonly argv: readonly string[],
    readonly verb: string,
    readonly flags: readonly FlagUse[],
    readonly positionals: readonly string[],
    /** The words after `--` (a container's command), for the verbs that take one. */
    readonly afterDash: readonly string[] = [],
  ) {}

  /** All values of a flag in order (repeated string flags: the last one wins in kubectl). */
  values(name: string): string[] {
    return this.flags.filter((use) => use.spec.name === name).map((use) => use.value);
  }

  last(name: string): string | undefined {
    return this.values(name).at(-1);
  }

  has(name: string): boolean {
    return this.flags.some((use) => use.spec.name === name);
  }

  isTrue(name: string): boolean {
    return this.last(name) === 'true';
  }
}

/** What a verb's check found: the resource types it touches (for namespace scoping). */
export interface Inspection {
  readonly types: readonly ResourceType[];
}

export const NO_TYPES: Inspection = { types: [] };

/** The policy for one allowed kubectl verb (or verb path such as `rollout status`). */
export interface VerbRule {
  readonly verb: string;
  readonly tier: Tier;
  readonly flags: FlagTable;
  readonly scope: NamespaceScope;
  /** Whether kubectl accepts --dry-run for this verb (writes only). */
  readonly dryRun: boolean;
  /** Write forms that only print (`label --list`): they are judged, and run, as reads. */
  readonly printsOnly?: (command: CommandLine) => boolean;
  /** Allowed only as `--dry-run=client`, which prints the object without sending it (`run`, RBAC). */
  readonly clientDryRunOnly?: boolean;
  /** What `-o` defaults to when it is not given (`apply view-last-applied` prints YAML). */
  readonly defaultOutput?: string;
  /** Set when `--` is allowed: the words after it become the container's command, checked here. */
  readonly afterDash?: (words: readonly string[]) => PolicyDenial | undefined;
  /** Checks positionals and flag combinations the flag table alone cannot express. */
  readonly inspect: (command: CommandLine) => Inspection | PolicyDenial;
}
