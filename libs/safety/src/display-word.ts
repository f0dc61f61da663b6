/** Longest quoted word a verdict message carries, so a hostile command cannot flood logs. */
export const DISPLAY_WORD_MAX_LENGTH = 60;

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

function escapeUnit(unit: string): string {
  const short = SHORT_ESCAPES[unit];
  if (short !== undefined) return short;
  const code = unit.charCodeAt(0);
  if (code >= 0x20 && code <= 0x7e) return unit;
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * A word quoted for a message: JSON-style escapes for anything that is not printable ASCII
 * (so zero-width or bidi characters become visible), truncated to about 60 characters.
 */
export function displayWord(word: string): string {
  const pieces = word.split('').map(escapeUnit);
  const full = pieces.join('');
  if (full.length <= DISPLAY_WORD_MAX_LENGTH) return `"${full}"`;
  let out = '';
  for (const piece of pieces) {
    if (out.length + piece.length > DISPLAY_WORD_MAX_LENGTH - 3) break;
    out += piece;
  }
  return `"${out}..."`;
}
