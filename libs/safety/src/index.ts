export { SafetyModule } from './safety.module';
export { CommandPolicy } from './command-policy';
export type { EvaluateOptions } from './command-policy';
export { DEFAULT_NAMESPACE } from './safety.options';
export type { SafetyOptions } from './safety.options';
export { SAFETY_OPTIONS } from './safety.constants';
/** Exported for type and `isGenuine` checks; `ApprovedCommand.issue` is internal to the policy. */
export { ApprovedCommand } from './approved-command';
export type { ApprovedTier } from './approved-command';
export { VerdictCode, MALFORMED_CODES } from './verdict';
export type { Verdict, Decision } from './verdict';
export { parseCommand, COMMAND_MAX_LENGTH } from './command-parser';
export type { ParseResult, ParseRejection, MalformedCode } from './command-parser';
export { sanitizeQuery, normalizeQueryKey, QUERY_MIN_LENGTH, QUERY_MAX_LENGTH } from './query-sanitizer';
