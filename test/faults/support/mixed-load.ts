import { LoopbackRequest } from './loopback-client';

/** One request of the mixed load and the statuses it may be answered with. */
export interface MixedRequest extends LoopbackRequest {
  readonly kind: string;
  readonly allowed: readonly number[];
}

const json = { 'content-type': 'application/json' };
const withKey = (key: string) => ({ ...json, 'x-api-key': key });

function post(kind: string, path: string, body: string, headers: Record<string, string>, allowed: readonly number[]): MixedRequest {
  return { kind, method: 'POST', path, body, headers, allowed };
}

/** 503 EXECUTOR_BUSY is the documented answer when every slot and queue place is taken. */
const RAN_OR_BUSY = [200, 503];

function generation(key: string, i: number): MixedRequest {
  // Ten distinct queries, each asked several times at once: exercises coalescing under load.
  return post('generate', '/kubectl-command', JSON.stringify({ query: `list the pods, variant ${i % 10}` }), withKey(key), [200]);
}

function generationAndRun(key: string, i: number): MixedRequest {
  return post('generate+execute', '/kubectl-command', JSON.stringify({ query: `run: list the pods ${i % 3}`, execute: true }), withKey(key), RAN_OR_BUSY);
}

const READS = ['kubectl get pods -n default', 'kubectl get deployments -n x', 'kubectl get ns', 'kubectl get nodes'];
const DENIED: ReadonlyArray<readonly [string, number]> = [
  ['kubectl delete ns kube-system', 403],
  ['kubectl get secrets -n default', 403],
  ['kubectl exec -it web-0 -- sh', 403],
  ['kubectl get pods; rm -rf /', 400],
];

function execution(key: string, command: string, allowed: readonly number[], kind = 'execute'): MixedRequest {
  return post(kind, '/execute', JSON.stringify({ execute: command }), withKey(key), allowed);
}

function badBodies(key: string): MixedRequest[] {
  const bad = (body: string, headers: Record<string, string> = withKey(key), allowed = [400]) =>
    post('bad body', '/kubectl-command', body, headers, allowed);
  return [
    bad('{"query": "list pods"'),
    bad('{"query": 5}'),
    bad('{}'),
    bad('[]'),
    bad('"list pods"'),
    bad('null'),
    bad(JSON.stringify({ query: 'x'.repeat(2001) })),
    bad(JSON.stringify({ query: 'list pods', execute: 'yes' })),
    bad('list pods', { 'content-type': 'text/plain', 'x-api-key': key }),
    post('bad body', '/execute', JSON.stringify({ execute: '' }), withKey(key), [400]),
    post('bad body', '/execute', JSON.stringify({ execute: ['kubectl', 'get', 'pods'] }), withKey(key), [400]),
    post('bad body', '/execute', JSON.stringify({ execute: 'kubectl get pods', dry_run: 'no' }), withKey(key), [400]),
    post('bad body', '/execute', JSON.stringify({ query: 'x'.repeat(3 * 1024 * 1024) }), withKey(key), [413]),
  ];
}

function wrongKeys(): MixedRequest[] {
  const body = JSON.stringify({ query: 'list pods' });
  return [
    post('wrong key', '/kubectl-command', body, json, [401]),
    post('wrong key', '/kubectl-command', body, withKey('not-the-key'), [401]),
    post('wrong key', '/execute', JSON.stringify({ execute: 'kubectl get pods' }), withKey(''), [401]),
    post('wrong key', '/execute', JSON.stringify({ execute: 'kubectl get pods' }), withKey('test-key,other'), [401]),
    post('wrong key', '/kubectl-command', 'not even json', withKey('nope'), [400, 401]),
  ];
}

function publicAndUnknown(): MixedRequest[] {
  return [
    { kind: 'public', method: 'GET', path: '/health', allowed: [200] },
    { kind: 'public', method: 'GET', path: '/metrics', allowed: [200] },
    { kind: 'public', method: 'GET', path: '/docs-json', allowed: [200] },
    { kind: 'unknown', method: 'GET', path: '/no-such-route', allowed: [404] },
    { kind: 'unknown', method: 'POST', path: '/health', body: '{}', headers: json, allowed: [404, 405] },
    { kind: 'unknown', method: 'DELETE', path: '/execute', allowed: [404, 405] },
    { kind: 'unknown', method: 'GET', path: '/kubectl-command', allowed: [404, 405] },
    { kind: 'unknown', method: 'PUT', path: '/%E0%A4%A', allowed: [400, 404, 405] },
  ];
}

/** Repeats `items` round-robin until `count` are taken. */
function cycle<T>(items: readonly T[], count: number): T[] {
  return Array.from({ length: count }, (_, i) => items[i % items.length]);
}

/**
 * 200 requests: generations (some identical), generations that run, reads, reads that hang
 * upstream, denials, bad bodies, wrong keys, public and unknown routes, in a fixed shuffled order.
 */
export function mixedLoad(key: string): MixedRequest[] {
  const requests = [
    ...Array.from({ length: 50 }, (_, i) => generation(key, i)),
    ...Array.from({ length: 10 }, (_, i) => generationAndRun(key, i)),
    ...cycle(READS, 30).map((command) => execution(key, command, RAN_OR_BUSY)),
    ...cycle(['kubectl get pods -n hang'], 6).map((command) => execution(key, command, RAN_OR_BUSY, 'execute (hangs)')),
    ...cycle(DENIED, 12).map(([command, status]) => execution(key, command, [status], 'execute (denied)')),
    ...cycle(badBodies(key), 30),
    ...cycle(wrongKeys(), 30),
    ...cycle(publicAndUnknown(), 32),
  ];
  // A fixed permutation (multiplying by a unit mod 200), so failures reproduce.
  return requests.map((_, i) => requests[(i * 77) % requests.length]);
}
