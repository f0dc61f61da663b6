import { MAX_EXAMINED_REPLY_CHARS } from './kubectl-command.parser';

/** Longest explanation passed on: one sentence, not a essay the model was asked not to write. */
export const MAX_EXPLANATION_CHARS = 300;

const FENCE = /^\s*(```|~~~)/;
const COMMAND_LINE = /^\s*(?:[-*+•]\s+|\d+[.)]\s+)?(?:\$\s*)?[`"']?kubectl\s+\S/;
const LABEL = /^(?:[-*+•#>]+\s*)?(?:\*\*|__)?(?:explanation|description|what it does)(?:\*\*|__)?\s*[:\-–]\s*/i;
const THINK_END = /<\/think>/i;

/**
 * The one-sentence explanation in a model reply: the `explanation` field of a JSON reply (structured
 * output), else the first line of prose after the command line. Null when there is none (a one-line
 * reply). Reads only the examined prefix of a reply, in linear time.
 */
export function explanationOf(reply: string): string | null {
  const examined = reply.slice(0, MAX_EXAMINED_REPLY_CHARS);
  const fromJson = jsonExplanationOf(examined);
  if (fromJson !== undefined) return fromJson;
  const afterThinking = examined.split(THINK_END).pop() ?? examined;
  const lines = afterThinking.replace(/\r\n?/g, '\n').split('\n');
  const commandAt = lines.findIndex((line) => COMMAND_LINE.test(line));
  if (commandAt < 0) return null;
  for (const line of lines.slice(commandAt + 1)) {
    const text = line.trim();
    if (text === '' || FENCE.test(text) || COMMAND_LINE.test(text)) continue;
    return clean(text.replace(LABEL, ''));
  }
  return null;
}

function jsonExplanationOf(text: string): string | null | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') || !trimmed.endsWith('}')) return undefined;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const explanation = (parsed as Record<string, unknown>).explanation;
    return typeof explanation === 'string' ? clean(explanation) : null;
  } catch {
    return undefined;
  }
}

/** One line of plain text, bounded; markdown emphasis and control characters removed. */
function clean(text: string): string | null {
  const plain = text
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\*\*|__|`/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain === '') return null;
  return plain.length <= MAX_EXPLANATION_CHARS ? plain : `${plain.slice(0, MAX_EXPLANATION_CHARS - 1).trimEnd()}…`;
}
