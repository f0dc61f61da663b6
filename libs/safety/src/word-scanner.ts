import { displayWord } from './display-word';
import { VerdictCode } from './verdict';

/** A shell word: its text, and which of its characters were written without quotes or backslash. */
export interface ShellWord {
  readonly text: string;
  /** `bare[i]` is true when `text[i]` was neither quoted nor escaped, so a shell could act on it. */
  readonly bare: readonly boolean[];
  /** `offsets[i]`: where `text[i]` stands in the command line. */
  readonly offsets: readonly number[];
}

export interface ScanProblem {
  readonly code: VerdictCode.SHELL_SYNTAX | VerdictCode.UNBALANCED_QUOTES;
  readonly message: string;
}

/** Run, chain or redirect commands: refused where a shell acts on them (unquoted). */
const OPERATORS: ReadonlyMap<string, string> = new Map([
  [';', 'command separator'],
  ['&', 'background/and operator'],
  ['|', 'pipe'],
  ['<', 'redirection'],
  ['>', 'redirection'],
  ['(', 'subshell'],
  [')', 'subshell'],
]);

/** Expansions a shell performs outside single quotes, double quotes included. */
const EXPANSIONS: ReadonlyMap<string, string> = new Map([
  ['$', 'expansion'],
  ['`', 'command substitution'],
]);

/** Characters a shell acts on at least in some unquoted positions; judged per word afterwards. */
export const PATTERN_CHARACTERS: ReadonlyMap<string, string> = new Map([
  ['*', 'glob'],
  ['?', 'glob'],
  ['[', 'glob'],
  [']', 'glob'],
  ['{', 'brace expansion'],
  ['}', 'brace expansion'],
  ['~', 'tilde expansion'],
  ['#', 'comment'],
  ['^', 'history substitution'],
  ['!', 'history expansion'],
]);

/** Refused even after a backslash, so no obfuscated spelling of a chain or an expansion remains. */
const REFUSED_ESCAPED = new Set([';', '&', '|', '$', '`']);

export function shellSyntax(char: string, offset: number, where: string): ScanProblem {
  const reason = OPERATORS.get(char) ?? EXPANSIONS.get(char) ?? PATTERN_CHARACTERS.get(char) ?? 'syntax';
  return { code: VerdictCode.SHELL_SYNTAX, message: `shell ${reason} ${displayWord(char)} at offset ${offset} is not allowed${where}` };
}

function unbalanced(message: string): ScanProblem {
  return { code: VerdictCode.UNBALANCED_QUOTES, message };
}

/**
 * Splits a command line into words the way a POSIX shell would: single quotes make everything
 * literal; double quotes keep `$`, backquote and `!` special; a backslash quotes the next
 * character. Refuses operators and expansions where a shell would act on them, and a backslash
 * before `;&|$` or backquote.
 */
export class WordScanner {
  private pos = 0;
  private text: string | null = null;
  private bare: boolean[] = [];
  private offsets: number[] = [];
  private readonly words: ShellWord[] = [];

  constructor(private readonly line: string) {}

  scan(): ShellWord[] | ScanProblem {
    while (this.pos < this.line.length) {
      const problem = this.step(this.line[this.pos]);
      if (problem) return problem;
    }
    this.endWord();
    return this.words;
  }

  private step(char: string): ScanProblem | undefined {
    switch (char) {
      case ' ':
        this.endWord();
        this.pos++;
        return undefined;
      case "'":
        return this.singleQuoted();
      case '"':
        return this.doubleQuoted();
      case '\\':
        return this.escaped();
      default:
        return this.plain(char);
    }
  }

  private endWord(): void {
    if (this.text !== null) this.words.push({ text: this.text, bare: this.bare, offsets: this.offsets });
    this.text = null;
    this.bare = [];
    this.offsets = [];
  }

  /** Adds characters to the current word; `from` is the line offset of each (or of the first, if consecutive). */
  private append(text: string, bare: boolean, from: readonly number[]): void {
    this.text = (this.text ?? '') + text;
    for (let at = 0; at < text.length; at++) {
      this.bare.push(bare);
      this.offsets.push(from.length === text.length ? from[at] : from[0] + at);
    }
  }

  private plain(char: string): ScanProblem | undefined {
    if (OPERATORS.has(char) || EXPANSIONS.has(char)) return shellSyntax(char, this.pos, '');
    this.append(char, true, [this.pos]);
    this.pos++;
    return undefined;
  }

  private escaped(): ScanProblem | undefined {
    const next = this.line[this.pos + 1];
    if (next === undefined) return unbalanced(`dangling backslash at offset ${this.pos}`);
    if (REFUSED_ESCAPED.has(next)) return shellSyntax(next, this.pos + 1, ', even escaped');
    this.append(next, false, [this.pos + 1]);
    this.pos += 2;
    return undefined;
  }

  private singleQuoted(): ScanProblem | undefined {
    const end = this.line.indexOf("'", this.pos + 1);
    if (end < 0) return unbalanced(`unterminated single quote at offset ${this.pos}`);
    this.append(this.line.slice(this.pos + 1, end), false, [this.pos + 1]);
    this.pos = end + 1;
    return undefined;
  }

  private doubleQuoted(): ScanProblem | undefined {
    const start = this.pos;
    let content = '';
    const offsets: number[] = [];
    for (let at = start + 1; at < this.line.length; at++) {
      const char = this.line[at];
      if (char === '"') {
        this.append(content, false, offsets);
        this.pos = at + 1;
        return undefined;
      }
      if (EXPANSIONS.has(char)) return shellSyntax(char, at, ' inside double quotes');
      if (char === '!' && this.line[at + 1] !== '=') return shellSyntax(char, at, ' inside double quotes');
      const next = this.line[at + 1] ?? '';
      if (char === '\\' && EXPANSIONS.has(next)) return shellSyntax(next, at + 1, ', even escaped');
      if (char === '\\' && (next === '"' || next === '\\')) {
        content += next;
        offsets.push(++at);
        continue;
      }
      content += char;
      offsets.push(at);
    }
    return unbalanced(`unterminated double quote at offset ${start}`);
  }
}
