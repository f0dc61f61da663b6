import { displayWord } from './display-word';
import { FlagSpec, FlagTable } from './flag-spec';
import { denial, PolicyDenial } from './policy-denial';
import { VerdictCode } from './verdict';

/** One flag as kubectl will see it: booleans are normalized to `true`/`false`. */
export interface FlagUse {
  readonly spec: FlagSpec;
  readonly value: string;
  /** Index in argv of the word that names the flag. */
  readonly index: number;
}

export interface ReadArguments {
  readonly flags: readonly FlagUse[];
  readonly positionals: readonly string[];
}

// strconv.ParseBool, which pflag uses for boolean flags.
const TRUE_WORDS = new Set(['1', 't', 'T', 'true', 'TRUE', 'True']);
const FALSE_WORDS = new Set(['0', 'f', 'F', 'false', 'FALSE', 'False']);

export function isFlagWord(word: string): boolean {
  return word.length > 1 && word.startsWith('-');
}

/** kubectl normalizes `_` to `-` in long flag names (`--all_namespaces` is `--all-namespaces`). */
function normalizeName(name: string): string {
  return name.replace(/_/g, '-');
}

/** The flag's names, for messages about a word that spells it differently (`-s`, `--ser_ver`). */
function named(spec: FlagSpec, written: string): string {
  const names = spec.short ? `-${spec.short}/--${spec.name}` : `--${spec.name}`;
  return written === `--${spec.name}` || written.startsWith(`--${spec.name}=`) ? '' : ` (${names})`;
}

/** The value kubectl will use, after the checks pflag and the policy apply to it. */
function normalizedValue(spec: FlagSpec, raw: string, written: string): string | PolicyDenial {
  const shown = `flag ${displayWord(written)}${named(spec, written)}`;
  if (raw === '') return denial(VerdictCode.INVALID_ARGUMENT, `${shown} has an empty value`);
  let value = raw;
  if (spec.arity === 'bool') {
    if (!TRUE_WORDS.has(raw) && !FALSE_WORDS.has(raw)) {
      return denial(VerdictCode.INVALID_ARGUMENT, `${shown}: expected true or false`);
    }
    value = TRUE_WORDS.has(raw) ? 'true' : 'false';
    if (value === 'true' && spec.deniedWhenTrue) {
      return denial(VerdictCode.FLAG_DENIED, `${shown} is not allowed: ${spec.deniedWhenTrue}`);
    }
  }
  const problem = spec.check?.(value);
  return problem ? denial(problem.code, `${shown}: ${problem.reason}`) : value;
}

/** Reads flags the way pflag does, so the policy and kubectl always agree on what each word is. */
export class FlagReader {
  constructor(private readonly argv: readonly string[]) {}

  /** Reads the flag word at `index` (and a detached value); returns the next index. */
  readFlag(index: number, table: FlagTable, uses: FlagUse[]): number | PolicyDenial {
    const word = this.argv[index];
    if (word === '--') {
      return denial(VerdictCode.FLAG_DENIED, 'the "--" separator is not allowed: it passes the rest to a program or plugin');
    }
    return word.startsWith('--') ? this.readLong(index, table, uses) : this.readShorts(index, table, uses);
  }

  /** Reads flags and positionals from `start` to the end, with flags anywhere (pflag interspersed mode). */
  readArguments(start: number, table: FlagTable): ReadArguments | PolicyDenial {
    const flags: FlagUse[] = [];
    const positionals: string[] = [];
    let index = start;
    while (index < this.argv.length) {
      const word = this.argv[index];
      if (!isFlagWord(word)) {
        positionals.push(word);
        index++;
        continue;
      }
      const next = this.readFlag(index, table, flags);
      if (typeof next !== 'number') return next;
      index = next;
    }
    return { flags, positionals };
  }

  private readLong(index: number, table: FlagTable, uses: FlagUse[]): number | PolicyDenial {
    const word = this.argv[index];
    const body = word.slice(2);
    if (body.startsWith('-') || body.startsWith('=')) {
      return denial(VerdictCode.UNKNOWN_FLAG, `bad flag syntax ${displayWord(word)}`);
    }
    const equals = body.indexOf('=');
    const name = normalizeName(equals < 0 ? body : body.slice(0, equals));
    const spec = table.long.get(name);
    if (spec === undefined) return denial(VerdictCode.UNKNOWN_FLAG, `unknown flag ${displayWord(word)}`);
    if (spec.denied) return this.refused(spec, word);
    if (equals >= 0) return this.record(uses, spec, index, body.slice(equals + 1), word) ?? index + 1;
    if (spec.arity !== 'value') return this.record(uses, spec, index, spec.bare ?? 'true', word) ?? index + 1;
    return this.readDetached(spec, word, index, uses);
  }

  private readShorts(index: number, table: FlagTable, uses: FlagUse[]): number | PolicyDenial {
    const word = this.argv[index];
    let shorthands = word.slice(1);
    while (shorthands.length > 0) {
      const spec = table.short.get(shorthands[0]);
      if (spec === undefined || shorthands.startsWith('test.')) {
        return denial(VerdictCode.UNKNOWN_FLAG, `unknown shorthand flag -${shorthands[0]} in ${displayWord(word)}`);
      }
      if (spec.denied) return this.refused(spec, word);
      if (shorthands.length > 2 && shorthands[1] === '=') {
        return this.record(uses, spec, index, shorthands.slice(2), word) ?? index + 1;
      }
      if (spec.arity !== 'value') {
        const problem = this.record(uses, spec, index, spec.bare ?? 'true', word);
        if (problem) return problem;
        shorthands = shorthands.slice(1);
        continue;
      }
      if (shorthands.length > 1) return this.record(uses, spec, index, shorthands.slice(1), word) ?? index + 1;
      return this.readDetached(spec, word, index, uses);
    }
    return index + 1;
  }

  private readDetached(spec: FlagSpec, word: string, index: number, uses: FlagUse[]): number | PolicyDenial {
    const value = this.argv[index + 1];
    if (value === undefined) {
      return denial(VerdictCode.INVALID_ARGUMENT, `flag ${displayWord(word)} needs a value`);
    }
    if (value.startsWith('-')) {
      return denial(VerdictCode.INVALID_ARGUMENT, `value ${displayWord(value)} of ${displayWord(word)} looks like a flag`);
    }
    return this.record(uses, spec, index, value, `${word} ${value}`) ?? index + 2;
  }

  private record(uses: FlagUse[], spec: FlagSpec, index: number, raw: string, written: string): PolicyDenial | undefined {
    const value = normalizedValue(spec, raw, written);
    if (typeof value !== 'string') return value;
    uses.push({ spec, value, index });
    return undefined;
  }

  private refused(spec: FlagSpec, word: string): PolicyDenial {
    return denial(VerdictCode.FLAG_DENIED, `flag ${displayWord(word)}${named(spec, word)} is not allowed: ${spec.denied}`);
  }
}
