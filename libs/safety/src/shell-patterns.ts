import { ScanProblem, shellSyntax, ShellWord } from './word-scanner';

/**
 * Words that hold an output template or a JSONPath: kubectl's own examples write them unquoted
 * (`-o custom-columns=NAME:.spec.containers[0].name`, `--template={{.status.phase}}`).
 */
const TEMPLATE_WORD =
  /^(?:(?:-o=?|--output=)?(?:jsonpath|jsonpath-as-json|custom-columns|go-template|template)=|--template=|--sort-by=|--for=jsonpath=)/i;
/** Flags whose detached value is a template or a JSONPath. */
const TEMPLATE_FLAGS = new Set(['--template', '--sort-by']);
/** A bash sequence expression: `{1..5}`, `{a..z}`, `{0..10..2}`. */
const SEQUENCE = /^(?:-?\d+\.\.-?\d+|[A-Za-z]\.\.[A-Za-z])(?:\.\.-?\d+)?$/;

/** The characters a shell may act on where they stand unquoted (judged below). */
const EVERYWHERE = new Set(['~', '#', '^']);
const BRACKETS_AND_BRACES = new Set(['[', ']', '{', '}']);
const WILDCARDS = new Set(['*', '?']);

/** True when bash would brace-expand: an unquoted `{...}` with a top-level unquoted comma, or a sequence. */
function hasBraceExpansion(word: ShellWord): boolean {
  const open: number[] = [];
  for (let at = 0; at < word.text.length; at++) {
    if (!word.bare[at]) continue;
    if (word.text[at] === '{') open.push(at);
    if (word.text[at] === '}' && open.length > 0) {
      const from = open.pop() as number;
      if (expands(word, from + 1, at)) return true;
    }
  }
  return false;
}

function expands(word: ShellWord, from: number, to: number): boolean {
  let depth = 0;
  for (let at = from; at < to; at++) {
    if (!word.bare[at]) continue;
    const char = word.text[at];
    if (char === '{') depth++;
    if (char === '}') depth--;
    if (char === ',' && depth === 0) return true;
  }
  const content = word.text.slice(from, to);
  return word.bare.slice(from, to).every(Boolean) && SEQUENCE.test(content);
}

/** Unquoted `*` or `?` outside a bracket pair: a wildcard that could match files. */
function looseWildcard(word: ShellWord): number {
  let inBrackets = false;
  for (let at = 0; at < word.text.length; at++) {
    if (!word.bare[at]) continue;
    const char = word.text[at];
    if (char === '[') inBrackets = true;
    if (char === ']') inBrackets = false;
    if (WILDCARDS.has(char) && !inBrackets) return at;
  }
  return -1;
}

function problemAt(word: ShellWord, at: number): ScanProblem {
  return shellSyntax(word.text[at], word.offsets[at], '');
}

/**
 * Refuses words a shell would expand. Unquoted `[ ] { }` are data in a template word (a pattern
 * there could only match a file named like the template itself), unless bash would brace-expand
 * them; `*` and `?` are data only inside a subscript (`[*]`). Everywhere else unquoted glob,
 * brace, tilde, comment and history characters are refused: quote them.
 */
export function checkShellPatterns(line: string, words: readonly ShellWord[]): ScanProblem | undefined {
  for (let index = 0; index < words.length; index++) {
    const word = words[index];
    const template = TEMPLATE_WORD.test(word.text) || TEMPLATE_FLAGS.has(words[index - 1]?.text ?? '');
    if (template && hasBraceExpansion(word)) return problemAt(word, word.text.indexOf('{'));
    for (let at = 0; at < word.text.length; at++) {
      if (!word.bare[at]) continue;
      const char = word.text[at];
      // `!=` is no history expansion (`--field-selector=status.phase!=Running`).
      if (char === '!' && line[word.offsets[at] + 1] !== '=') return problemAt(word, at);
      if (EVERYWHERE.has(char)) return problemAt(word, at);
      if (!template && (BRACKETS_AND_BRACES.has(char) || WILDCARDS.has(char))) return problemAt(word, at);
    }
    const wildcard = template ? looseWildcard(word) : -1;
    if (wildcard >= 0) return problemAt(word, wildcard);
  }
  return undefined;
}
