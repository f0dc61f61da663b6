/** Scoring by effect: the API requests a kubectl run made, reduced to what decides its result. */
import type { RecordedRequest } from '../support/fake-kube-api-server';

/** Discovery and version probes say nothing about what a command does. */
const DISCOVERY = [/^\/(api|apis|version)$/, /^\/api\/[^/]+$/, /^\/apis\/[^/]+(\/[^/]+)?$/, /^\/openapi(\/|$)/];

/** `kubectl describe` selects events by the object's uid, which differs between fixture clusters. */
const UID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Splits a selector on commas outside `in (a,b)` sets, so `b=2,a=1` and `a=1, b=2` compare equal. */
export function normalizeSelector(selector: string | undefined): string {
  if (!selector) return '';
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of selector) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      terms.push(current);
      current = '';
    } else current += char;
  }
  terms.push(current);
  return terms
    .map((term) => term.replace(/\s+/g, '').replace(/==/g, '=').replace(UID, '<uid>'))
    .map((term) => term.replace(/\(([^)]*)\)/, (_, set: string) => `(${set.split(',').sort().join(',')})`))
    .filter(Boolean)
    .sort()
    .join(',');
}

function isResourceRequest(request: RecordedRequest): boolean {
  const path = request.path.replace(/\/+$/, '') || '/';
  return !DISCOVERY.some((pattern) => pattern.test(path));
}

/** One line per distinct resource request: method, path, label and field selectors. */
export function effectOf(requests: readonly RecordedRequest[]): string[] {
  const keys = requests.filter(isResourceRequest).map((request) => {
    const labels = normalizeSelector(request.query.labelSelector);
    const fields = normalizeSelector(request.query.fieldSelector);
    return `${request.method} ${request.path.replace(/\/+$/, '')}${labels ? ` labels=${labels}` : ''}${fields ? ` fields=${fields}` : ''}`;
  });
  return [...new Set(keys)].sort();
}

export function sameEffect(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((key, i) => key === b[i]);
}
