import { isAlias, isMap, isScalar, isSeq, Node, parseDocument } from 'yaml';

/** A decoded patch body, independent of the YAML library: what the API server will receive. */
export type PatchNode =
  | { readonly kind: 'map'; readonly entries: readonly (readonly [string, PatchNode])[] }
  | { readonly kind: 'list'; readonly items: readonly PatchNode[] }
  | { readonly kind: 'scalar'; readonly value: string | number | boolean | null; readonly source: string }
  /** A value the patch does not show: what a JSON-patch `remove`, `move` or `copy` puts at its path. */
  | { readonly kind: 'unknown' };

/** Why a body cannot be judged; the caller turns it into PATCH_INVALID. */
export interface PatchProblem {
  readonly invalid: string;
}

/** Bounds that keep a crafted body from costing more than a normal one (the command is at most 1000 characters). */
export const PATCH_MAX_DEPTH = 64;
export const PATCH_MAX_NODES = 2_000;

function problem(invalid: string): PatchProblem {
  return { invalid };
}

export function isPatchProblem(value: unknown): value is PatchProblem {
  return typeof value === 'object' && value !== null && 'invalid' in value;
}

class Converter {
  private nodes = 0;

  constructor(private readonly text: string) {}

  convert(node: unknown, depth: number): PatchNode | PatchProblem {
    if (++this.nodes > PATCH_MAX_NODES) return problem(`it has more than ${PATCH_MAX_NODES} values`);
    if (depth > PATCH_MAX_DEPTH) return problem(`it is nested more than ${PATCH_MAX_DEPTH} levels deep`);
    if (isAlias(node)) return problem('YAML aliases are not allowed');
    const shown = node as Node;
    if (shown.anchor) return problem('YAML anchors are not allowed');
    // Explicit tags change what a value decodes to (!!binary turns base64 into a string): never needed.
    if (shown.tag) return problem(`YAML tags (${shown.tag}) are not allowed`);
    if (isMap(node)) return this.map(node.items, depth);
    if (isSeq(node)) return this.list(node.items, depth);
    if (isScalar(node)) return this.scalar(node.value, node.range);
    return problem('it holds a value that is not JSON');
  }

  private map(pairs: readonly { key: unknown; value: unknown }[], depth: number): PatchNode | PatchProblem {
    const entries: (readonly [string, PatchNode])[] = [];
    const seen = new Set<string>();
    for (const pair of pairs) {
      const key = this.key(pair.key);
      if (isPatchProblem(key)) return key;
      if (seen.has(key)) return problem(`the key ${JSON.stringify(key)} appears twice`);
      seen.add(key);
      const value = pair.value === null ? { kind: 'scalar' as const, value: null, source: '' } : this.convert(pair.value, depth + 1);
      if (isPatchProblem(value)) return value;
      entries.push([key, value]);
    }
    return { kind: 'map', entries };
  }

  private list(items: readonly unknown[], depth: number): PatchNode | PatchProblem {
    const converted: PatchNode[] = [];
    for (const item of items) {
      const value = this.convert(item, depth + 1);
      if (isPatchProblem(value)) return value;
      converted.push(value);
    }
    return { kind: 'list', items: converted };
  }

  /** Keys as the JSON the API server receives spells them; `<<` merge keys and complex keys are refused. */
  private key(node: unknown): string | PatchProblem {
    if (!isScalar(node)) return problem('map keys must be plain values');
    if (node.anchor || node.tag) return problem('YAML anchors and tags are not allowed');
    const source = this.source(node.range);
    if (source === '<<' || typeof node.value === 'symbol') return problem('YAML merge keys (<<) are not allowed');
    const value = node.value;
    if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) return problem('map keys must be plain values');
    return String(value);
  }

  private scalar(value: unknown, range: unknown): PatchNode | PatchProblem {
    if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) {
      return problem('it holds a value that is not JSON');
    }
    return { kind: 'scalar', value: value as string | number | boolean | null, source: this.source(range) };
  }

  private source(range: unknown): string {
    return Array.isArray(range) ? this.text.slice(range[0], range[1]) : '';
  }
}

/**
 * Decodes a `-p` body the way kubectl does (it reads every patch as YAML, JSON included, with
 * YAML 1.1 scalars: `yes` is true): escapes are decoded, and anything that could make two
 * readers disagree (aliases, anchors, tags, merge keys, duplicate keys, several documents) is
 * refused rather than guessed at. Bounded in depth and size.
 */
export function decodePatch(text: string): PatchNode | PatchProblem {
  let document;
  try {
    document = parseDocument(text, { version: '1.1', strict: true, prettyErrors: false, merge: false, uniqueKeys: true });
  } catch {
    return problem('it is neither JSON nor YAML');
  }
  const error = document.errors[0];
  if (error?.code === 'DUPLICATE_KEY') return problem('a key appears twice in one object');
  if (error) return problem(`it is neither JSON nor YAML (${error.code})`);
  if (document.contents === null) return problem('it is empty');
  return new Converter(text).convert(document.contents, 0);
}
