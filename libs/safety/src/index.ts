// The library's contract: only what other packages use. Tests reach internals by path, and
// `testing/approved-for-test.ts` stands in for the policy where a test needs an approval.
export { SafetyModule } from './safety.module';
export { CommandPolicy } from './command-policy';
/** Exported for type and `isGenuine` checks; only the policy issues instances. */
export { ApprovedCommand } from './approved-command';
export type { OutputFormat } from './approved-command';
export { VerdictCode, MALFORMED_CODES } from './verdict';
export type { CommandTargets, Verdict } from './verdict';
export { VERIFIED_KUBECTL_VERSION } from './kubectl-version';
export { sanitizeQuery, normalizeQueryKey, QUERY_MIN_LENGTH, QUERY_MAX_LENGTH } from './query-sanitizer';
/** For validating KUBECTL_DENIED_RESOURCES at start-up. */
export { isDeniedResourceEntry } from './denied-resources';
/** For discovery's check that a type the policy took for a custom resource is not in Kubernetes' own groups. */
export { isBuiltinGroup } from './builtin-resources';
