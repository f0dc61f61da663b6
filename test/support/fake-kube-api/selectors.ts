/** Label and field selectors as list requests send them, and JSON merge patches. */
import { at, Json, KubeObject } from './kube-json';

export function labelMatcher(selector: string | undefined): (labels: Record<string, Json>) => boolean {
  const tests = (selector?.match(/[^,(]+(\([^)]*\))?/g) ?? []).map((raw): ((l: Record<string, Json>) => boolean) => {
    const term = raw.trim();
    const set = /^(\S+)\s+(in|notin)\s+\((.*)\)$/.exec(term);
    if (set) {
      const [, key, op, values] = set;
      const has = (l: Record<string, Json>) => key in l && values.split(',').map((v) => v.trim()).includes(String(l[key]));
      return op === 'in' ? has : (l) => !has(l);
    }
    const eq = /^(.+?)\s*(!=|==|=)\s*(.*)$/.exec(term);
    if (eq) return (l) => (String(l[eq[1]] ?? '\0') === eq[3]) === (eq[2] !== '!=');
    return term.startsWith('!') ? (l) => !(term.slice(1) in l) : (l) => term in l;
  });
  return (labels) => tests.every((test) => test(labels));
}

export function fieldMatcher(selector: string | undefined): (o: KubeObject) => boolean {
  const tests = (selector ? selector.split(',') : []).map((term) => {
    const [, path, op, value] = /^(.+?)(!=|==|=)(.*)$/.exec(term.trim()) ?? ['', term, '=', ''];
    return (o: KubeObject) => (String(at(o, path ?? '') ?? '') === value) === (op !== '!=');
  });
  return (o) => tests.every((test) => test(o));
}

export function mergePatch(target: Json | undefined, patch: Json): Json {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: KubeObject = target && typeof target === 'object' && !Array.isArray(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}
