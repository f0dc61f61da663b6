/** A command found in a model reply. */
export interface Candidate {
  readonly command: string;
  /** Inline-code mentions in prose ("the `kubectl get` command…") may be fragments of the real command. */
  readonly inline: boolean;
}

interface WordNode {
  readonly next: Map<string, WordNode>;
}

function normalize(command: string): string {
  return command.replace(/\s+/g, ' ').trim();
}

/**
 * The distinct commands among `candidates`, in order of first appearance. A command found both
 * inline and on its own line counts once; an inline mention that another candidate extends by
 * whole words (`kubectl logs` beside `kubectl logs web-0`) is dropped as a fragment.
 * Linear in the total length of the candidates: fragments are found with a trie of words rather
 * than by comparing every pair, which a reply with thousands of snippets would make quadratic.
 */
export function distinctCommands(candidates: readonly Candidate[]): string[] {
  const byKey = new Map<string, Candidate>();
  for (const candidate of candidates) {
    const key = normalize(candidate.command);
    const known = byKey.get(key);
    if (!known || (known.inline && !candidate.inline)) byKey.set(key, candidate);
  }
  const root: WordNode = { next: new Map() };
  const ends = new Map<string, WordNode>();
  for (const key of byKey.keys()) {
    let node = root;
    for (const word of key.split(' ')) {
      let child = node.next.get(word);
      if (!child) node.next.set(word, (child = { next: new Map() }));
      node = child;
    }
    ends.set(key, node);
  }
  const distinct: string[] = [];
  for (const [key, candidate] of byKey) {
    const extendedByAnother = (ends.get(key)?.next.size ?? 0) > 0;
    if (!candidate.inline || !extendedByAnother) distinct.push(candidate.command);
  }
  return distinct;
}
