import { ApprovedCommand } from './approved-command';

export type Decision = 'read' | 'write' | 'deny';

/** Stable codes: clients and metrics rely on them, so only add, never rename. */
export enum VerdictCode {
  READ_ALLOWED = 'READ_ALLOWED',
  WRITE_ALLOWED = 'WRITE_ALLOWED',
  DRY_RUN_ALLOWED = 'DRY_RUN_ALLOWED',
  EMPTY = 'EMPTY',
  TOO_LONG = 'TOO_LONG',
  INVALID_CHARACTERS = 'INVALID_CHARACTERS',
  SHELL_SYNTAX = 'SHELL_SYNTAX',
  UNBALANCED_QUOTES = 'UNBALANCED_QUOTES',
  NOT_KUBECTL = 'NOT_KUBECTL',
  VERB_DENIED = 'VERB_DENIED',
  UNKNOWN_VERB = 'UNKNOWN_VERB',
  FLAG_DENIED = 'FLAG_DENIED',
  UNKNOWN_FLAG = 'UNKNOWN_FLAG',
  INVALID_ARGUMENT = 'INVALID_ARGUMENT',
  RESOURCE_DENIED = 'RESOURCE_DENIED',
  NAMESPACE_DENIED = 'NAMESPACE_DENIED',
  WRITES_DISABLED = 'WRITES_DISABLED',
  /** A dry run was asked of a write kubectl cannot dry-run (rollout restart, pause, resume). */
  DRY_RUN_UNSUPPORTED = 'DRY_RUN_UNSUPPORTED',
  /** The policy allows the command, but not to this caller (its tier or its namespaces); raised by the app. */
  SCOPE_DENIED = 'SCOPE_DENIED',
  /** A change that evicts running pods without honouring PodDisruptionBudgets (a NoExecute taint). */
  EVICTION_DENIED = 'EVICTION_DENIED',
  /** A patch body that cannot be judged: not JSON or YAML, the wrong shape, or YAML features that decode ambiguously. */
  PATCH_INVALID = 'PATCH_INVALID',
  /** A patch that sets a field the policy refuses (Secret references, service accounts, host access, privileges). */
  PATCH_DENIED = 'PATCH_DENIED',
}

/**
 * Malformed commands (the text cannot be read as a kubectl argv) as opposed to
 * well-formed commands the policy refuses. The API answers the first with 400, the second with 403.
 */
export const MALFORMED_CODES: ReadonlySet<VerdictCode> = new Set([
  VerdictCode.EMPTY,
  VerdictCode.TOO_LONG,
  VerdictCode.INVALID_CHARACTERS,
  VerdictCode.SHELL_SYNTAX,
  VerdictCode.UNBALANCED_QUOTES,
  VerdictCode.NOT_KUBECTL,
]);

export interface Verdict {
  readonly decision: Decision;
  readonly code: VerdictCode;
  /** Human-readable reason naming the offending word (escaped and truncated). */
  readonly message: string;
  /** The words kubectl would receive, without `kubectl`; empty when the text could not be parsed. */
  readonly argv: readonly string[];
  /** Present exactly when the command may run. */
  readonly approved?: ApprovedCommand;
  /** What the command names, as written, once the policy has read it (absent when it stopped earlier). */
  readonly targets?: CommandTargets;
}

/** The resource types and namespaces a command names, for checks against the live cluster. */
export interface CommandTargets {
  /** Resource types as written (`po`, `deployments.apps`, `widgets.v1.example.com`); categories such as `all` included. */
  readonly types: readonly string[];
  /** Namespaces given with `-n`/`--namespace`. */
  readonly namespaces: readonly string[];
  /**
   * The types among `types` the policy took for custom resources (no built-in has the name, and no
   * built-in group is written). A write to one may run only once the live cluster confirms it is a
   * namespaced custom resource of an allowed type: the policy cannot resolve short names or scopes.
   */
  readonly customTypes: readonly string[];
}
