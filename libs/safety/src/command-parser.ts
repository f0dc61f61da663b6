import { displayWord } from './display-word';
import { VerdictCode } from './verdict';

export const COMMAND_MAX_LENGTH = 1000;

export type MalformedCode =
  | VerdictCode.EMPTY
  | VerdictCode.TOO_LONG
  | VerdictCode.INVALID_CHARACTERS
  | VerdictCode.SHELL_SYNTAX
  | VerdictCode.UNBALANCED_QUOTES
  | VerdictCode.NOT_KUBECTL;

export interface ParseRejection {
  readonly ok: false;
  readonly code: MalformedCode;
  readonly message: string;
}

/** The words kubectl would receive, without the leading `kubectl`. */
export type ParseResult = { readonly ok: true; readonly argv: readonly string[] } | ParseRejection;

/**
 * Characters that chain, redirect to or substitute commands. They are refused even inside
 * quotes: an approved command is shown to people as a command line and may be pasted into a
 * shell, and no kubectl read needs them.
 */
const ALWAYS_REFUSED: ReadonlyMap<string, string> = new Map([
  [';', 'command separator'],
  ['&', 'background/and operator'],
  ['|', 'pipe'],
  ['`', 'command substitution'],
  ['$', 'expansion'],
]);

/** Characters a shell would act on when unquoted; quoting them makes them literal. */
const UNQUOTED_REFUSED: ReadonlyMap<string, string> = new Map([
  ['<', 'redirection'],
  ['>', 'redirection'],
  ['(', 'subshell'],
  [')', 'subshell'],
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

const ENV_ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

function reject(code: MalformedCode, message: string): ParseRejection {
  return { ok: false, code, message };
}

function refusedHere(char: string, offset: number, quoted: boolean): ParseRejection {
  const reason = ALWAYS_REFUSED.get(char) ?? UNQUOTED_REFUSED.get(char);
  const where = quoted ? ', even quoted' : '';
  return reject(VerdictCode.SHELL_SYNTAX, `shell ${reason} ${displayWord(char)} at offset ${offset} is not allowed${where}`);
}

/** Splits a command line into words the way a POSIX shell would, refusing what a shell would act on. */
class WordScanner {
  private pos = 0;
  private word: string | null = null;
  private readonly words: string[] = [];

  constructor(private readonly text: string) {}

  scan(): string[] | ParseRejection {
    while (this.pos < this.text.length) {
      const problem = this.step(this.text[this.pos]);
      if (problem) return problem;
    }
    this.endWord();
    return this.words;
  }

  private step(char: string): ParseRejection | undefined {
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
    if (this.word !== null) this.words.push(this.word);
    this.word = null;
  }

  private append(text: string): void {
    this.word = (this.word ?? '') + text;
  }

  private isHistoryExpansion(offset: number): boolean {
    return this.text[offset] === '!' && this.text[offset + 1] !== '=';
  }

  private plain(char: string): ParseRejection | undefined {
    if (ALWAYS_REFUSED.has(char)) return refusedHere(char, this.pos, false);
    if (UNQUOTED_REFUSED.has(char) && (char !== '!' || this.isHistoryExpansion(this.pos))) {
      return refusedHere(char, this.pos, false);
    }
    this.append(char);
    this.pos++;
    return undefined;
  }

  private escaped(): ParseRejection | undefined {
    const next = this.text[this.pos + 1];
    if (next === undefined) {
      return reject(VerdictCode.UNBALANCED_QUOTES, `dangling backslash at offset ${this.pos}`);
    }
    if (ALWAYS_REFUSED.has(next)) return refusedHere(next, this.pos + 1, true);
    this.append(next);
    this.pos += 2;
    return undefined;
  }

  private singleQuoted(): ParseRejection | undefined {
    const start = this.pos;
    const end = this.text.indexOf("'", start + 1);
    if (end < 0) return reject(VerdictCode.UNBALANCED_QUOTES, `unterminated single quote at offset ${start}`);
    for (let at = start + 1; at < end; at++) {
      if (ALWAYS_REFUSED.has(this.text[at])) return refusedHere(this.text[at], at, true);
    }
    this.append(this.text.slice(start + 1, end));
    this.pos = end + 1;
    return undefined;
  }

  private doubleQuoted(): ParseRejection | undefined {
    const start = this.pos;
    let content = '';
    for (let at = start + 1; at < this.text.length; at++) {
      const char = this.text[at];
      if (char === '"') {
        this.append(content);
        this.pos = at + 1;
        return undefined;
      }
      if (ALWAYS_REFUSED.has(char)) return refusedHere(char, at, true);
      if (this.isHistoryExpansion(at)) return refusedHere(char, at, true);
      if (char === '\\' && '"\\'.includes(this.text[at + 1] ?? '')) {
        content += this.text[at + 1];
        at++;
        continue;
      }
      if (char === '\\' && ALWAYS_REFUSED.has(this.text[at + 1] ?? '')) {
        return refusedHere(this.text[at + 1], at + 1, true);
      }
      content += char;
    }
    return reject(VerdictCode.UNBALANCED_QUOTES, `unterminated double quote at offset ${start}`);
  }
}

function firstInvalidCharacter(text: string): number {
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code < 0x20 || code > 0x7e) return at;
  }
  return -1;
}

/**
 * Turns a command line into the argv kubectl would receive, reading quotes and backslashes as a
 * POSIX shell does, without ever running a shell. Never throws.
 */
export function parseCommand(text: unknown): ParseResult {
  if (typeof text !== 'string' || text.replace(/ /g, '') === '') {
    return reject(VerdictCode.EMPTY, 'the command is empty');
  }
  if (text.length > COMMAND_MAX_LENGTH) {
    return reject(VerdictCode.TOO_LONG, `the command has ${text.length} characters; the limit is ${COMMAND_MAX_LENGTH}`);
  }
  const invalid = firstInvalidCharacter(text);
  if (invalid >= 0) {
    return reject(
      VerdictCode.INVALID_CHARACTERS,
      `character ${displayWord(text[invalid])} at offset ${invalid} is not allowed: only printable ASCII and spaces are`,
    );
  }
  const words = new WordScanner(text).scan();
  if (!Array.isArray(words)) return words;
  const [program, ...argv] = words;
  if (ENV_ASSIGNMENT.test(program)) {
    return reject(VerdictCode.NOT_KUBECTL, `environment assignment ${displayWord(program)} before kubectl is not allowed`);
  }
  if (program !== 'kubectl') {
    return reject(VerdictCode.NOT_KUBECTL, `the command must start with kubectl, not ${displayWord(program)}`);
  }
  return { ok: true, argv };
}
