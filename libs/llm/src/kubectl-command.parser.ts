import { LlmError, LlmErrorCode } from './llm.errors';
import { toLogicalLines } from './model-reply.normalizer';

/** Longest model reply kept on an LlmError for server logs. */
export const MAX_LOGGED_REPLY_LENGTH = 2_000;
/** Replies beyond this are rejected unread: even long reasoning stays far below it. */
export const MAX_REPLY_LENGTH = 200_000;

interface Candidate {
  readonly command: string;
  /** Inline-code mentions in prose ("the `kubectl get` command…") may be fragments of the real command. */
  readonly inline: boolean;
}

const FENCE_LINE = /^\s*(```|~~~)[\w+.-]*\s*$/;
const FENCE_MARKS = /^\s*(```|~~~)|(```|~~~)\s*$/g;
const LIST_MARKER = /^(?:[-*+•]|\d+[.)])\s+/;
const PROMPT = /^(?:\$|>|PS [^>]*>|PS>)\s*/;
const KUBECTL_START = /^kubectl\s+\S/;
const AFTER_COLON = /:\s+(?:\*\*|__)?["'“‘]?(kubectl\s+\S.*)$/;
const INLINE_CODE = /`([^`\n]+)`/g;
// A second kubectl after a shell operator means the reply chains several commands.
const CHAINED_KUBECTL = /(?:&&|\|\||[;&|]|\$\(|`)\s*(?:sudo\s+)?kubectl\b/;
const JSON_COMMAND_KEYS = ['command', 'kubectl_command', 'cmd'] as const;

/**
 * Extracts the single kubectl command from a model reply (bare, fenced, inline, prompted, wrapped
 * in prose or reasoning). Throws LLM_OUTPUT_INVALID when the reply holds none or several.
 * Shell syntax is left untouched: judging it is the safety policy's job.
 */
export function extractKubectlCommand(raw: string): string {
  if (raw.length > MAX_REPLY_LENGTH) {
    throw new LlmError(LlmErrorCode.LLM_OUTPUT_INVALID, 'The model reply was far too long to hold a single kubectl command.', {
      modelReply: raw.slice(0, MAX_LOGGED_REPLY_LENGTH),
    });
  }
  const candidates = distinctCandidates(collectCandidates(jsonCommandOf(raw) ?? raw));
  if (candidates.length === 1 && !CHAINED_KUBECTL.test(candidates[0])) return candidates[0];
  const several = candidates.length > 1 || candidates.some((command) => CHAINED_KUBECTL.test(command));
  const message = several
    ? 'The model replied with several kubectl commands; exactly one is required. Rephrase the request as a single task.'
    : raw.trim() === ''
      ? 'The model returned an empty reply instead of a kubectl command.'
      : 'The model reply contained no kubectl command. Rephrase the request as a Kubernetes task.';
  throw new LlmError(LlmErrorCode.LLM_OUTPUT_INVALID, message, {
    modelReply: raw.slice(0, MAX_LOGGED_REPLY_LENGTH),
  });
}

function collectCandidates(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const line of toLogicalLines(text)) {
    if (FENCE_LINE.test(line)) continue;
    found.push(...candidatesInLine(line.replace(FENCE_MARKS, '').trim()));
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

function distinctCandidates(candidates: Candidate[]): string[] {
  const byKey = new Map<string, Candidate>();
  for (const candidate of candidates) {
    const key = normalize(candidate.command);
    const known = byKey.get(key);
    if (!known || (known.inline && !candidate.inline)) byKey.set(key, candidate);
  }
  const unique = [...byKey.values()];
  return unique
    .filter(
      (candidate) =>
        !candidate.inline ||
        !unique.some((other) => other !== candidate && normalize(other.command).startsWith(`${normalize(candidate.command)} `)),
    )
    .map((candidate) => candidate.command);
}

function normalize(command: string): string {
  return command.replace(/\s+/g, ' ').trim();
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
