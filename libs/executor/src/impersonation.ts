import { ExecutorError, ExecutorErrorCode } from './executor.errors';

/** The Kubernetes identity a caller's commands run as (`kubectl --as`, `--as-group`). */
export interface Impersonation {
  readonly user: string;
  readonly groups: readonly string[];
}

/** Longest user or group name accepted: a DNS subdomain's bound, ample for e-mail addresses. */
export const IMPERSONATION_NAME_MAX_LENGTH = 253;

/**
 * Characters no identity may hold: controls (C0, DEL, C1), invisible format characters (zero-width,
 * bidi), line and paragraph separators, lone surrogates, private-use and unassigned code points.
 */
const UNSAFE_CHARACTER = /[\p{C}\p{Zl}\p{Zp}]/u;

/**
 * Why `impersonation` cannot be sent to the API server, or null when it can. The names travel as
 * HTTP header values (`Impersonate-User`, one `Impersonate-Group` per group), so besides controls
 * this refuses what a server or proxy would change on the way: surrounding spaces (trimmed) and
 * commas (repeated headers may be joined with commas).
 */
export function findImpersonationProblem(impersonation: Impersonation): string | null {
  const { user, groups } = impersonation as { user: unknown; groups: unknown };
  const userProblem = nameProblem(user);
  if (userProblem) return `impersonate.user ${userProblem}`;
  if (!Array.isArray(groups)) return 'impersonate.groups must be a list';
  for (const [index, group] of (groups as unknown[]).entries()) {
    const problem = nameProblem(group);
    if (problem) return `impersonate.groups[${index}] ${problem}`;
  }
  return null;
}

/**
 * The argv kubectl runs as `impersonation`: `--as=<user>` and one `--as-group=<group>` per group
 * first, then the approved words untouched (a new array; the approval is not changed). First,
 * because nothing there can take them for a flag's value, and they come before any `--`, after
 * which words belong to a container's command (`create job x --image=busybox -- echo hi`). cobra's
 * command lookup skips `--name=value` words, so kubectl finds the same verb as without them.
 * Throws IMPERSONATION_INVALID when a name cannot be sent (see findImpersonationProblem).
 */
export function impersonatedArgv(argv: readonly string[], impersonation: Impersonation | null | undefined): readonly string[] {
  if (!impersonation) return argv;
  const problem = findImpersonationProblem(impersonation);
  if (problem) {
    throw new ExecutorError(ExecutorErrorCode.IMPERSONATION_INVALID, `The caller's impersonation settings are invalid: ${problem}`);
  }
  return [`--as=${impersonation.user}`, ...impersonation.groups.map((group) => `--as-group=${group}`), ...argv];
}

function nameProblem(name: unknown): string | null {
  if (typeof name !== 'string' || name === '') return 'must be a non-empty string';
  if (name.length > IMPERSONATION_NAME_MAX_LENGTH) return `must be at most ${IMPERSONATION_NAME_MAX_LENGTH} characters`;
  if (UNSAFE_CHARACTER.test(name)) return 'must not hold control, invisible or separator characters';
  if (name !== name.trim()) return 'must not start or end with a space';
  if (name.includes(',')) return 'must not hold a comma';
  return null;
}
