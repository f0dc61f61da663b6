import { VerdictCode } from './verdict';

/**
 * How pflag reads a flag: `bool` and `optional` flags have a default for the bare form (so only
 * `--flag=value` gives them a value), `value` flags take `--flag=value`, `--flag value`, `-fvalue`.
 */
export type FlagArity = 'bool' | 'value' | 'optional';

/** What is wrong with a flag value; the reader turns it into a message naming the flag. */
export interface ValueProblem {
  readonly code: VerdictCode;
  readonly reason: string;
}

export type ValueCheck = (value: string) => ValueProblem | undefined;

export interface FlagSpec {
  /** The long name as kubectl spells it (after `_` is normalized to `-`). */
  readonly name: string;
  readonly short?: string;
  readonly arity: FlagArity;
  /** The value kubectl uses for a bare `optional` flag. */
  readonly bare?: string;
  readonly check?: ValueCheck;
  /** Set when kubectl has the flag but the policy never lets it through. */
  readonly denied?: string;
  /** Booleans that are harmless when false but refused when true (watch, follow, bulk). */
  readonly deniedWhenTrue?: string;
  /** An empty value means "none" to kubectl (`--field-selector ""`), so it is accepted. */
  readonly allowEmpty?: boolean;
}

export interface FlagTable {
  readonly long: ReadonlyMap<string, FlagSpec>;
  readonly short: ReadonlyMap<string, FlagSpec>;
}

export function invalidValue(reason: string): ValueProblem {
  return { code: VerdictCode.INVALID_ARGUMENT, reason };
}

export function refusedValue(reason: string, code: VerdictCode = VerdictCode.FLAG_DENIED): ValueProblem {
  return { code, reason };
}

export function boolFlag(name: string, short?: string): FlagSpec {
  return { name, short, arity: 'bool' };
}

export function valueFlag(name: string, check?: ValueCheck, short?: string): FlagSpec {
  return { name, short, arity: 'value', check };
}

export function optionalFlag(name: string, bare: string, check: ValueCheck): FlagSpec {
  return { name, arity: 'optional', bare, check };
}

/** A flag kubectl has that the policy refuses; the arity only matters for messages. */
export function deniedFlag(name: string, reason: string, short?: string, arity: FlagArity = 'value'): FlagSpec {
  return { name, short, arity, denied: reason };
}

/** The same flag, with an empty value accepted. */
export function emptyAllowed(spec: FlagSpec): FlagSpec {
  return { ...spec, allowEmpty: true };
}

/** A boolean refused when true, such as --watch or --all. */
export function guardedBool(name: string, reason: string, short?: string): FlagSpec {
  return { name, short, arity: 'bool', deniedWhenTrue: reason };
}

/** Merges flag groups; a later group redefines a flag of an earlier one. */
export function flagTable(...groups: readonly (readonly FlagSpec[])[]): FlagTable {
  const long = new Map<string, FlagSpec>();
  const short = new Map<string, FlagSpec>();
  for (const spec of groups.flat()) {
    const previous = long.get(spec.name);
    if (previous?.short !== undefined) short.delete(previous.short);
    long.set(spec.name, spec);
    if (spec.short !== undefined) short.set(spec.short, spec);
  }
  return { long, short };
}
