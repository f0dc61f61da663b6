const REASONING_BLOCK = /<(think|thinking|reasoning)>[\s\S]*?<\/\1\s*>/gi;
// Some servers put the opening <think> in the chat template, so only the closing tag reaches us.
const REASONING_WITHOUT_OPENING = /^[\s\S]*<\/(?:think|thinking|reasoning)\s*>/i;
// A reply cut off mid-reasoning (token limit) has an opening tag and no end: none of it is the answer.
const REASONING_WITHOUT_CLOSING = /<(?:think|thinking|reasoning)>[\s\S]*$/i;

/** Removes reasoning blocks (<think>…</think>) that models such as DeepSeek-R1 and Qwen3 emit before answering. */
export function stripReasoning(text: string): string {
  return text.replace(REASONING_BLOCK, '').replace(REASONING_WITHOUT_OPENING, '').replace(REASONING_WITHOUT_CLOSING, '');
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
    if (line.endsWith('\\') && !line.endsWith('\\\\')) {
      pending += `${line.slice(0, -1).trimEnd()} `;
      continue;
    }
    lines.push(pending + line);
    pending = '';
  }
  if (pending) lines.push(pending.trimEnd());
  return lines;
}
