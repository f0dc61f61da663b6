// One token pattern for every reasoning tag. Each '<' starts at most one short attempt, so a scan is
// linear; the removals below are done with one scan each instead of lazy `[\s\S]*?` patterns, which
// turn quadratic on replies holding thousands of unclosed tags.
const REASONING_TAG = /<(\/?)(think|thinking|reasoning)(\s*)>/gi;

interface ReasoningTag {
  readonly start: number;
  readonly end: number;
  readonly name: string;
  readonly closing: boolean;
}

function reasoningTags(text: string): ReasoningTag[] {
  const tags: ReasoningTag[] = [];
  for (const match of text.matchAll(REASONING_TAG)) {
    const closing = match[1] === '/';
    // `<think >` is not an opening tag; `</think >` is a closing one.
    if (!closing && match[3] !== '') continue;
    tags.push({ start: match.index, end: match.index + match[0].length, name: match[2].toLowerCase(), closing });
  }
  return tags;
}

/** Removes every `<name>…</name>` block, each opening tag paired with the nearest closing tag of its name. */
function removeClosedBlocks(text: string): string {
  const tags = reasoningTags(text);
  // nextClosing[i]: index of the first closing tag after tag i with the same name (one backward pass).
  const nextClosing = new Array<number>(tags.length).fill(-1);
  const closingAhead = new Map<string, number>();
  for (let i = tags.length - 1; i >= 0; i--) {
    nextClosing[i] = closingAhead.get(tags[i].name) ?? -1;
    if (tags[i].closing) closingAhead.set(tags[i].name, i);
  }
  const kept: string[] = [];
  let cursor = 0;
  for (let i = 0; i < tags.length; i++) {
    const close = nextClosing[i];
    if (tags[i].closing || close < 0) continue;
    kept.push(text.slice(cursor, tags[i].start));
    cursor = tags[close].end;
    i = close;
  }
  kept.push(text.slice(cursor));
  return kept.join('');
}

/**
 * Removes reasoning blocks (<think>…</think>) that models such as DeepSeek-R1 and Qwen3 emit before
 * answering. Linear in the length of the text.
 */
export function stripReasoning(text: string): string {
  let result = removeClosedBlocks(text);
  // Some servers put the opening <think> in the chat template, so only the closing tag reaches us.
  const lastClosing = reasoningTags(result).findLast((tag) => tag.closing);
  if (lastClosing) result = result.slice(lastClosing.end);
  // A reply cut off mid-reasoning (token limit) has an opening tag and no end: none of it is the answer.
  const firstOpening = reasoningTags(result).find((tag) => !tag.closing);
  return firstOpening ? result.slice(0, firstOpening.start) : result;
}

/** True when a line ends with a shell line continuation: one `\` (an escaped `\\` is not one). */
export function continuesOnNextLine(line: string): boolean {
  const trimmed = line.trimEnd();
  return trimmed.endsWith('\\') && !trimmed.endsWith('\\\\');
}

/**
 * Normalizes a raw model reply into logical lines: unified line endings, no reasoning blocks,
 * no non-breaking spaces, and shell line continuations (`\` at end of line) joined.
 */
export function toLogicalLines(raw: string): string[] {
  const text = stripReasoning(raw.replace(/\r\n?/g, '\n')).replace(/[\u00a0\u2007\u202f]/g, ' ').replace(/[\u200b-\u200d\ufeff]/g, '');
  const lines: string[] = [];
  let pending = '';
  for (const rawLine of text.split('\n')) {
    const line = pending ? rawLine.trim() : rawLine.trimEnd();
    if (continuesOnNextLine(line)) {
      pending += `${line.slice(0, -1).trimEnd()} `;
      continue;
    }
    lines.push(pending + line);
    pending = '';
  }
  if (pending) lines.push(pending.trimEnd());
  return lines;
}
