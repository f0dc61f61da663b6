import { displayWord } from './display-word';
import { checkShellPatterns } from './shell-patterns';
import { VerdictCode } from './verdict';
import { WordScanner } from './word-scanner';

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

const ENV_ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

function reject(code: MalformedCode, message: string): ParseRejection {
  return { ok: false, code, message };
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
 * POSIX shell does, without ever running a shell, and refusing what a shell would act on
 * (operators, expansions, globs, comments): the text must mean the same argv to a reader and to
 * any shell it is pasted into. Never throws.
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
  if (!Array.isArray(words)) return reject(words.code, words.message);
  const pattern = checkShellPatterns(text, words);
  if (pattern) return reject(pattern.code, pattern.message);
  const [program, ...argv] = words.map((word) => word.text);
  if (ENV_ASSIGNMENT.test(program)) {
    return reject(VerdictCode.NOT_KUBECTL, `environment assignment ${displayWord(program)} before kubectl is not allowed`);
  }
  if (program !== 'kubectl') {
    return reject(VerdictCode.NOT_KUBECTL, `the command must start with kubectl, not ${displayWord(program)}`);
  }
  return { ok: true, argv };
}
