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
  /** How many words each flag word took (1, or 2 with a detached value), by argv index. */
  readonly spans: ReadonlyMap<number, number>;
  /** The words after `--`, for commands that pass them to a container; null without `--`. */
  readonly afterDash: readonly string[] | null;
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
  if (raw === '' && !spec.allowEmpty) return denial(VerdictCode.INVALID_ARGUMENT, `${shown} has an empty value`);
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
  /**
   * `positions` are the argv indices kubectl parses as flags and arguments, in order: argv
   * without the words that name the command (cobra removes those before pflag reads the rest).
   */
  constructor(
    private readonly argv: readonly string[],
    private readonly positions: readonly number[] = argv.map((_, index) => index),
  ) {}

  /**
   * Reads flags and positionals with flags anywhere (pflag's interspersed mode). A `--` ends the
   * flags when `dash` is true (its words come back in `afterDash`) and is refused otherwise.
   */
  readArguments(table: FlagTable, dash = false): ReadArguments | PolicyDenial {
    const flags: FlagUse[] = [];
    const positionals: string[] = [];
    const spans = new Map<number, number>();
    let at = 0;
    while (at < this.positions.length) {
      const word = this.wordAt(at);
      if (word === '--' && dash) {
        const afterDash = this.positions.slice(at + 1).map((index) => this.argv[index]);
        return { flags, positionals, spans, afterDash };
      }
      if (!isFlagWord(word)) {
        positionals.push(word);
        at++;
        continue;
      }
      const next = this.readFlag(at, table, flags);
      if (typeof next !== 'number') return next;
      spans.set(this.positions[at], next - at);
      at = next;
    }
    return { flags, positionals, spans, afterDash: null };
  }

  private wordAt(at: number): string {
    return this.argv[this.positions[at]];
  }

  /** Reads the flag word at position `at` (and a detached value); returns the next position. */
  private readFlag(at: number, table: FlagTable, uses: FlagUse[]): number | PolicyDenial {
    const word = this.wordAt(at);
    if (word === '--') {
      return denial(VerdictCode.FLAG_DENIED, 'the "--" separator is not allowed: it passes the rest to a program or plugin');
    }
    return word.startsWith('--') ? this.readLong(at, table, uses) : this.readShorts(at, table, uses);
  }

  private readLong(at: number, table: FlagTable, uses: FlagUse[]): number | PolicyDenial {
    const word = this.wordAt(at);
    const body = word.slice(2);
    if (body.startsWith('-') || body.startsWith('=')) {
      return denial(VerdictCode.UNKNOWN_FLAG, `bad flag syntax ${displayWord(word)}`);
    }
    const equals = body.indexOf('=');
    const spec = lookupLong(table, equals < 0 ? body : body.slice(0, equals));
    if (spec === undefined) return denial(VerdictCode.UNKNOWN_FLAG, `unknown flag ${displayWord(word)}`);
    if (spec.denied) return refused(spec, word);
    if (equals >= 0) return this.record(uses, spec, at, body.slice(equals + 1), word) ?? at + 1;
    if (spec.arity !== 'value') return this.record(uses, spec, at, spec.bare ?? 'true', word) ?? at + 1;
    return this.readDetached(spec, word, at, uses);
  }

  private readShorts(at: number, table: FlagTable, uses: FlagUse[]): number | PolicyDenial {
    const word = this.wordAt(at);
    let shorthands = word.slice(1);
    while (shorthands.length > 0) {
      const spec = table.short.get(shorthands[0]);
      if (spec === undefined || shorthands.startsWith('test.')) {
        return denial(VerdictCode.UNKNOWN_FLAG, `unknown shorthand flag -${shorthands[0]} in ${displayWord(word)}`);
      }
      if (spec.denied) return refused(spec, word);
      if (shorthands.length > 2 && shorthands[1] === '=') {
        return this.record(uses, spec, at, shorthands.slice(2), word) ?? at + 1;
      }
      if (spec.arity !== 'value') {
        const problem = this.record(uses, spec, at, spec.bare ?? 'true', word);
        if (problem) return problem;
        shorthands = shorthands.slice(1);
        continue;
      }
      if (shorthands.length > 1) return this.record(uses, spec, at, shorthands.slice(1), word) ?? at + 1;
      return this.readDetached(spec, word, at, uses);
    }
    return at + 1;
  }

  private readDetached(spec: FlagSpec, word: string, at: number, uses: FlagUse[]): number | PolicyDenial {
    if (at + 1 >= this.positions.length) {
      return denial(VerdictCode.INVALID_ARGUMENT, `flag ${displayWord(word)} needs a value`);
    }
    const value = this.wordAt(at + 1);
    if (value.startsWith('-')) {
      return denial(VerdictCode.INVALID_ARGUMENT, `value ${displayWord(value)} of ${displayWord(word)} looks like a flag`);
    }
    return this.record(uses, spec, at, value, `${word} ${value}`) ?? at + 2;
  }

  private record(uses: FlagUse[], spec: FlagSpec, at: number, raw: string, written: string): PolicyDenial | undefined {
    const value = normalizedValue(spec, raw, written);
    if (typeof value !== 'string') return value;
    uses.push({ spec, value, index: this.positions[at] });
    return undefined;
  }
}

/** A long flag by name, the way pflag looks it up (after kubectl's `_` to `-` normalization). */
export function lookupLong(table: FlagTable, name: string): FlagSpec | undefined {
  return table.long.get(normalizeName(name));
}

function refused(spec: FlagSpec, word: string): PolicyDenial {
  return denial(VerdictCode.FLAG_DENIED, `flag ${displayWord(word)}${named(spec, word)} is not allowed: ${spec.denied}`);
}
