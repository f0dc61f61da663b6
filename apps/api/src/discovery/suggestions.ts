/** At most this many suggestions accompany an unknown name. */
export const MAX_SUGGESTIONS = 3;

/** Levenshtein distance, two rows at a time. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The closest candidates to `word`: each candidate is a spelling (a name, short name or kind) and
 * what to suggest for it (the resource's name). Candidates further away
 * are not worth suggesting: at most a third of the word (and 2) may differ.
 */
export function closest(word: string, candidates: ReadonlyArray<readonly [spelling: string, suggestion: string]>): string[] {
  const target = word.toLowerCase();
  const limit = Math.max(2, Math.floor(target.length / 3));
  const best = new Map<string, number>();
  for (const [spelling, suggestion] of candidates) {
    const distance = editDistance(target, spelling.toLowerCase());
    if (distance > limit) continue;
    if (distance < (best.get(suggestion) ?? Number.POSITIVE_INFINITY)) best.set(suggestion, distance);
  }
  return [...best.entries()]
    .sort(([a, da], [b, db]) => da - db || a.localeCompare(b))
    .slice(0, MAX_SUGGESTIONS)
    .map(([suggestion]) => suggestion);
}
