import { displayWord } from './display-word';
import { decodePatch, isPatchProblem, PatchNode, PatchProblem } from './patch-document';
import { findForbiddenField } from './patch-rules';
import { denial, PolicyDenial } from './policy-denial';
import { CommandLine } from './verb-rule';
import { VerdictCode } from './verdict';

const UNKNOWN: PatchNode = { kind: 'unknown' };
const OPERATIONS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);
const OPERATION_FIELDS = new Set(['op', 'path', 'value', 'from']);

function invalid(reason: string): PolicyDenial {
  return denial(VerdictCode.PATCH_INVALID, `the patch cannot be judged: ${reason}`);
}

function text(node: PatchNode | undefined): string | undefined {
  return node?.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
}

/** JSON pointer segments (RFC 6901): `~1` is `/`, `~0` is `~`, any other `~` is malformed. */
function pointer(path: string): string[] | PatchProblem {
  if (path === '') return [];
  if (!path.startsWith('/')) return { invalid: `the path ${JSON.stringify(path)} does not start with /` };
  const segments = path.slice(1).split('/');
  if (segments.some((segment) => /~[^01]|~$/.test(segment))) return { invalid: `the path ${JSON.stringify(path)} has a bad ~ escape` };
  return segments.map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** What a value at `segments` looks like from the object's root, so one walk judges both forms. */
function nest(segments: readonly string[], value: PatchNode): PatchNode {
  return segments.reduceRight<PatchNode>((inner, key) => ({ kind: 'map', entries: [[key, inner]] }), value);
}

/**
 * A JSON patch as the trees it writes: each operation's value placed at its path, `remove`,
 * `move` and `copy` putting a value the patch does not show there, and `from` judged as a path
 * too (moving `.../secretKeyRef` elsewhere is refused like adding it).
 */
function jsonPatchTrees(body: PatchNode): PatchNode[] | PatchProblem {
  if (body.kind !== 'list') return { invalid: 'a JSON patch (--type json) is a list of operations' };
  const trees: PatchNode[] = [];
  for (const operation of body.items) {
    if (operation.kind !== 'map') return { invalid: 'each JSON-patch operation is an object' };
    const fields = new Map(operation.entries);
    const unexpected = [...fields.keys()].find((key) => !OPERATION_FIELDS.has(key));
    if (unexpected !== undefined) return { invalid: `unexpected field ${JSON.stringify(unexpected)} in an operation` };
    const op = text(fields.get('op'));
    const path = text(fields.get('path'));
    if (op === undefined || !OPERATIONS.has(op) || path === undefined) return { invalid: 'each operation needs a known op and a path' };
    const target = pointer(path);
    if (isPatchProblem(target)) return target;
    const showsValue = op === 'add' || op === 'replace' || op === 'test';
    const value = fields.get('value');
    if (showsValue && value === undefined) return { invalid: `"${op}" needs a value` };
    trees.push(nest(target, showsValue ? (value as PatchNode) : UNKNOWN));
    if (op === 'move' || op === 'copy') {
      const from = text(fields.get('from'));
      const source = from === undefined ? { invalid: `"${op}" needs a from path` } : pointer(from);
      if (isPatchProblem(source)) return source;
      trees.push(nest(source, UNKNOWN));
    }
  }
  return trees;
}

function judgeBody(patch: string, type: string): PolicyDenial | undefined {
  const body = decodePatch(patch);
  if (isPatchProblem(body)) return invalid(body.invalid);
  const trees = type === 'json' ? jsonPatchTrees(body) : body.kind === 'map' ? [body] : { invalid: `a ${type} patch is an object` };
  if (isPatchProblem(trees)) return invalid(trees.invalid);
  for (const tree of trees) {
    const finding = findForbiddenField(tree);
    if (finding) return denial(VerdictCode.PATCH_DENIED, `the patch may not set ${displayWord(finding.field)}: ${finding.reason}`);
  }
  return undefined;
}

/**
 * Judges every `-p/--patch` body of a `kubectl patch` by its decoded structure, whatever the
 * dry-run mode (a client dry run would print the patched object).
 */
export function checkPatchContent(command: CommandLine): PolicyDenial | undefined {
  const type = command.last('type') ?? 'strategic';
  for (const patch of command.values('patch')) {
    const problem = judgeBody(patch, type);
    if (problem) return problem;
  }
  return undefined;
}
