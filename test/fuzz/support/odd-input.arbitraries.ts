import * as fc from 'fast-check';

/** One character of trouble: lone surrogates, bidi controls, zero-width and control characters, emoji. */
export const ODD_CHARACTER: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '\ud800', '\udfff', '\udc00\ud800', // lone and reversed surrogates
    '\u202e', '\u202d', '\u200f', '\u061c', // bidi overrides and marks
    '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', // zero-width
    '\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u2028', '\u2029', '\u00a0', '\u3000', '\n', '\r', '\t',
    '\u0301', '👩‍👩‍👧‍👦', '🏳️‍🌈', '🇺🇳', '𝕏', 'א', 'ب', '中', 'é',
    '\\', '"', "'", '`', '$', '{', '}', '%', ';', '|', '&',
  ),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }),
);

export const oddString = (maxLength = 40): fc.Arbitrary<string> => fc.string({ unit: ODD_CHARACTER, maxLength });

/** Up to 100k characters (several hundred KB of JSON): over every field limit, under the 2 MB body limit. */
export const LONG_STRING: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 2_000, max: 100_000 }), fc.constantFrom('x', 'é', '𝕏', ' ', '\u200b', 'list pods '))
  .map(([count, unit]) => unit.repeat(Math.ceil(count / unit.length)).slice(0, count));

/**
 * Arrays or objects nested up to 200 deep: past the API's depth limit, below the depth that used to
 * overflow the validation pipe's stack (found-defects.e2e-spec.ts tests that one by name).
 */
export const NESTED_VALUE: fc.Arbitrary<unknown> = fc
  .tuple(fc.integer({ min: 1, max: 200 }), fc.boolean())
  .map(([depth, asArray]) => {
    let value: unknown = 'list pods';
    for (let i = 0; i < depth; i++) value = asArray ? [value] : { query: value };
    return value;
  });

const VERBS = [
  'get', 'describe', 'logs', 'top', 'explain', 'version', 'api-resources', 'config', 'auth', 'events', 'rollout',
  'delete', 'apply', 'exec', 'port-forward', 'proxy', 'cp', 'scale', 'run', 'create', 'edit', 'patch', 'label',
];
const WORDS = [
  'pods', 'po', 'deployments', 'svc', 'ns', 'nodes', 'secrets', 'configmaps', 'all', 'web-0', 'nginx',
  '-n', 'default', 'x', 'kube-system', '-A', '--all-namespaces', '-o', 'json', 'yaml', 'wide', 'name',
  'jsonpath={.items[*].metadata.name}', '--server=http://127.0.0.1:1', '--kubeconfig=/etc/passwd', '--token=abc',
  '--as=admin', '-w', '--raw', '/api', '$(id)', '`id`', '|', ';', '&&', '>', '/etc/passwd', '--', '-it', 'sh',
  '--v=9', '-l', 'app=nginx', '--sort-by=.metadata.name', '--help', '-f', '-', '--context=other', '--dry-run=server',
];

/** Command lines near what the policy accepts: real verbs and flags, shell syntax, odd words. */
export const KUBECTLISH_COMMAND: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof({ weight: 6, arbitrary: fc.constant('kubectl') }, fc.constantFrom(' kubectl', 'kubectl\t', 'KUBECTL', '/usr/bin/kubectl', 'k', '')),
    fc.constantFrom(...VERBS),
    fc.array(fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...WORDS) }, { weight: 1, arbitrary: oddString(12) }), { maxLength: 5 }),
  )
  .map(([kubectl, verb, rest]) => [kubectl, verb, ...rest].join(' '));

/** Values of any JSON type, odd ones favoured. */
export const ODD_VALUE: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: oddString() },
  { weight: 2, arbitrary: KUBECTLISH_COMMAND },
  { weight: 1, arbitrary: LONG_STRING },
  { weight: 1, arbitrary: NESTED_VALUE },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, 1, -1, 1e308, -1e-308, 2 ** 53 + 1, true, false, null, '', ' ', 'true', 'false', '1', [], {}) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3, stringUnit: ODD_CHARACTER }) },
);

const FIELD_NAMES = ['query', 'execute', 'dry_run'];
const ODD_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '', ' query', 'QUERY', 'query\u0000'];

/**
 * JSON object text built by hand, so it can hold what JSON.stringify would not produce from an
 * object literal: duplicate keys, an own `__proto__` key.
 */
export const DTO_LIKE_BODY: fc.Arbitrary<string> = fc
  .array(fc.tuple(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...FIELD_NAMES) }, fc.constantFrom(...ODD_KEYS), oddString(8)), ODD_VALUE), { maxLength: 5 })
  .map((entries) => `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value) ?? 'null'}`).join(',')}}`);

/** Bodies that are not JSON at all, or broken JSON, as raw bytes. */
export const RAW_BODY: fc.Arbitrary<Buffer> = fc.oneof(
  fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
  fc.constantFrom('{', '{"query":', '{"query": "list pods"', 'nul', 'NaN', '{"query": NaN}', '[1,]', "{'query': 'x'}", '\ufeff{"query":"list pods"}', '{"query":"\\ud800"}', '{"query":"\\u0000\\u0000\\u0000"}')
    .map((text) => Buffer.from(text)),
  // Invalid UTF-8 inside an otherwise valid JSON string.
  fc.uint8Array({ minLength: 1, maxLength: 8 }).map((bytes) => Buffer.concat([Buffer.from('{"query":"list '), Buffer.from(bytes.map((b) => b | 0x80)), Buffer.from('"}')])),
);
