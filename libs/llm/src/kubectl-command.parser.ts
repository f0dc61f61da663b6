import { type Candidate, distinctCommands } from './distinct-commands';
import { LlmError, LlmErrorCode } from './llm.errors';
import { continuesOnNextLine, toLogicalLines } from './model-reply.normalizer';

/** Longest model reply kept on an LlmError for server logs. */
export const MAX_LOGGED_REPLY_LENGTH = 2_000;
/**
 * Only this many characters of a reply are read. Replies are capped at LLM_MAX_TOKENS (512 by
 * default, about 2 KB of text), so 16 KiB leaves room for a larger cap and for visible reasoning;
 * anything beyond comes from a server that ignored the cap and is not worth the service's time.
 */
export const MAX_EXAMINED_REPLY_CHARS = 16_384;

const FENCE_LINE = /^\s*(```|~~~)[\w+.-]*\s*$/;
const FENCE_MARKS = /^\s*(```|~~~)|(```|~~~)\s*$/g;
const LIST_MARKER = /^(?:[-*+•]|\d+[.)])\s+/;
const PROMPT = /^(?:\$|>|PS [^>]*>|PS>)\s*/;
const KUBECTL_START = /^kubectl\s+\S/;
// `[\s\S]*` rather than `.*`: `.` stops at U+2028, and then every colon would rescan the rest of the line.
const AFTER_COLON = /:\s+(?:\*\*|__)?["'“‘]?(kubectl\s+\S[\s\S]*)$/;
const INLINE_CODE = /`([^`\n]+)`/g;
// A second kubectl after a shell operator means the reply chains several commands.
const CHAINED_KUBECTL = /(?:&&|\|\||[;&|]|\$\(|`)\s*(?:sudo\s+)?kubectl\b/;
const JSON_COMMAND_KEYS = ['command', 'kubectl_command', 'cmd'] as const;

/**
 * Extracts the single kubectl command from a model reply (bare, fenced, inline, prompted, wrapped
 * in prose or reasoning). Throws LLM_OUTPUT_INVALID when the reply holds none or several.
 * Shell syntax is left untouched: judging it is the safety policy's job.
 * Only the first `limit` characters are read, cut back to the last line break so that no command
 * is ever read cut short; the work is linear in what is read.
 */
export function extractKubectlCommand(raw: string, limit = MAX_EXAMINED_REPLY_CHARS): string {
  const examined = leadingLines(raw, limit);
  const candidates = distinctCommands(collectCandidates(jsonCommandOf(examined) ?? examined));
  if (candidates.length === 1 && !CHAINED_KUBECTL.test(candidates[0])) return candidates[0];
  const several = candidates.length > 1 || candidates.some((command) => CHAINED_KUBECTL.test(command));
  const message = several
    ? 'The model replied with several kubectl commands; exactly one is required. Rephrase the request as a single task.'
    : raw.trim() === ''
      ? 'The model returned an empty reply instead of a kubectl command.'
      : 'The model reply contained no kubectl command. Rephrase the request as a Kubernetes task.';
  const unread = examined.length < raw.length ? ` Only the first ${limit} characters of the ${raw.length}-character reply were read.` : '';
  throw new LlmError(LlmErrorCode.LLM_OUTPUT_INVALID, message + unread, {
    modelReply: raw.slice(0, MAX_LOGGED_REPLY_LENGTH),
  });
}

/**
 * The complete lines within the first `limit` characters (all of `raw` when it is that short). A
 * command continued (`\` at the end of a line) past the cut is dropped whole rather than read short.
 */
function leadingLines(raw: string, limit: number): string {
  if (raw.length <= limit) return raw;
  const lines = raw.slice(0, limit + 1).replace(/\r\n?/g, '\n').split('\n');
  lines.pop(); // the line the limit cuts through
  while (lines.length > 0 && continuesOnNextLine(lines[lines.length - 1])) lines.pop();
  return lines.join('\n');
}

function collectCandidates(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const line of toLogicalLines(text)) {
    if (FENCE_LINE.test(line)) continue;
    // One push per candidate: spreading thousands of arguments can overflow the stack.
    for (const candidate of candidatesInLine(line.replace(FENCE_MARKS, '').trim())) found.push(candidate);
  }
  return found;
}

function candidatesInLine(line: string): Candidate[] {
  const text = stripPrompt(line.replace(LIST_MARKER, ''));
  if (text.startsWith('#')) return [];
  const inline = [...text.matchAll(INLINE_CODE)]
    .map((match) => stripPrompt(match[1].trim()))
    .filter((code) => KUBECTL_START.test(code))
    .map((command) => ({ command: command.trim(), inline: true }));
  if (inline.length > 0) return inline;
  const bare = unwrap(text);
  if (KUBECTL_START.test(bare)) return [{ command: cleanTail(bare), inline: false }];
  const afterColon = AFTER_COLON.exec(text);
  return afterColon ? [{ command: cleanTail(afterColon[1]), inline: false }] : [];
}

function stripPrompt(text: string): string {
  return text.replace(PROMPT, '');
}

/** Removes markdown emphasis or quotes wrapped around a whole line. */
function unwrap(text: string): string {
  const emphasis = /^(\*\*|__)(.*)\1$/.exec(text);
  const inner = emphasis ? emphasis[2].trim() : text;
  const quoted = /^(["'“‘])(.*)(["'”’])$/.exec(inner);
  return quoted ? quoted[2].trim() : inner;
}

/** Cuts prose that follows the command on the same line and stray closing wrappers. */
function cleanTail(command: string): string {
  let result = cutAtSentenceEnd(command).trim();
  result = result.replace(/(\*\*|__)$/, '').trimEnd();
  for (const quote of ['"', "'", '”', '’']) {
    const unbalanced = quote === '"' || quote === "'" ? count(result, quote) % 2 === 1 : true;
    if (result.endsWith(quote) && unbalanced) result = result.slice(0, -1).trimEnd();
  }
  // "kubectl get pods." ends a sentence; "kubectl apply -f ." names a directory.
  return /[^\s.]\.$/.test(result) ? result.slice(0, -1) : result;
}

/** "kubectl get pods -A. This lists…" → "kubectl get pods -A." (outside quotes only). */
function cutAtSentenceEnd(command: string): string {
  let quote: string | null = null;
  for (let i = 0; i < command.length; i++) {
    const char = command[i];
    if (quote) {
      if (char === quote) quote = null;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '.' && /^\.\s+[A-Z]/.test(command.slice(i, i + 3))) {
      return command.slice(0, i + 1);
    }
  }
  return command;
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

/** Some models answer in JSON ({"command": "kubectl …"}) despite being asked not to. */
function jsonCommandOf(raw: string): string | undefined {
  const trimmed = raw.trim();
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return undefined;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const fields = parsed as Record<string, unknown>;
    const value = JSON_COMMAND_KEYS.map((key) => fields[key]).find((field) => typeof field === 'string');
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
