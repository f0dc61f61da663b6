import * as fc from 'fast-check';
import { ApprovedCommand } from './approved-command';
import { parseCommand } from './command-parser';
import { CommandPolicy } from './command-policy';
import { resolveCommand } from './command-resolver';
import { Verdict } from './verdict';

const SAFE_WORD = /^[\x20-\x7e]*$/;
const DENIED_LONG_FLAG =
  /^--(server|token|kubeconfig|context|cluster|user|username|password|as|as-group|as-uid|insecure-skip-tls-verify|certificate-authority|client-certificate|client-key|tls-server-name|cache-dir|kuberc|profile|profile-output|vmodule|raw|filename|kustomize|from-file|from-env-file|patch-file|force)(=|$)/;
const ALL_NAMESPACES = /^(-A|--all-namespaces(=(1|t|T|true|TRUE|True))?$)/;
const INTERNAL_ERROR = 'the command could not be evaluated';

const FRAGMENTS = [
  'get', 'describe', 'logs', 'delete', 'scale', 'label', 'create', 'rollout', 'restart', 'status', 'auth', 'can-i',
  'top', 'node', 'exec', 'config', 'view', 'cordon', 'api-resources', 'version', 'events', 'wait', 'set', 'env',
  'pods', 'po', 'deploy/web', 'node-1', 'ns', 'dev', 'all', 'secrets', 'secret/x', 'Secrets.v1', 'all,secrets', 'x=y',
  '-n', 'default', 'kube-system', 'team-a', '-nteam-a', '--namespace=team-a', '-A', '-Ao', '-o', 'yaml', 'wide',
  "jsonpath='{.items[*].metadata.name}'", "-l 'env in (a,b)'", '-l', 'app=web', '--all', '--replicas=2',
  '--dry-run=server', '--dry-run=none', '--dry_run=client', '--dry-run', '-w', '--watch=false', '-f', '-', '--follow',
  '--server=x', '-s', 'https://x', '--token', 'abc', "'--ser'ver=x", '--as=admin', '--kubeconfig', '/tmp/k', '-v=9',
  '-v=2', '--raw', '/api', '--', 'sh', '-c', '--help', '-h', '"$(id)"', ';', '|', '&&', '\\', "'", '"', '`', '#',
  '--all_namespaces', '--insecure-skip-tls-verify', '-o=jsonpath-file=/x', '--from-file=/etc/passwd', '--force',
];

const fragmentCommand = fc
  .array(fc.constantFrom(...FRAGMENTS), { maxLength: 8 })
  .map((words) => ['kubectl', ...words].join(' '));

const metacharCommand = fc
  .string({ unit: fc.constantFrom(...'kubectl getpods-n ;&|<>()$`\'"\\*?[]{}~#!^=,./:@%+_\t\n\u200b\u00a0'.split('')), maxLength: 60 })
  .map((tail) => `kubectl ${tail}`);

const PAYLOAD_ALPHABET = 'ab=,.-/: ;&|<>()$`\'"\\*?[]{}~#!^\t\n\u0000\u200b\u202e\u00a0\u0430'.split('');

/** Commands that are valid except for a payload in a slot that takes any value. */
const payloadCommand = fc
  .tuple(
    fc.constantFrom(
      "kubectl get pods -l '%'",
      'kubectl get pods -l "%"',
      'kubectl get pods -l %',
      "kubectl get pods -o jsonpath='%'",
      'kubectl get pods --sort-by=%',
      "kubectl get pods --template '%'",
      "kubectl annotate pod web note='%' --dry-run=server",
      'kubectl set env deploy/web A="%" --dry-run=client',
      "kubectl logs -l '%' --tail=5",
    ),
    fc.string({ unit: fc.constantFrom(...PAYLOAD_ALPHABET), minLength: 1, maxLength: 12 }),
  )
  .map(([template, payload]) => template.replace('%', payload));

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.string({ unit: 'binary', maxLength: 120 }).map((tail) => `kubectl ${tail}`),
  fc.string({ unit: 'grapheme', maxLength: 60 }).map((tail) => `kubectl get ${tail}`),
);

const secretSpelling = fc
  .tuple(
    fc.constantFrom('secret', 'secrets'),
    fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
    fc.constantFrom('', '.', '.v1', '.v1.', '.v1.core'),
    fc.constantFrom('', '/db'),
    fc.constantFrom('', 'pods,', 'all,'),
    fc.boolean(),
  )
  .map(([base, upper, suffix, name, before, spliced]) => {
    const cased = [...base].map((char, at) => (upper[at] ? char.toUpperCase() : char)).join('');
    const type = `${name ? '' : before}${cased}${suffix}${name}`;
    return spliced ? `${type.slice(0, 3)}"${type.slice(3)}"` : type;
  });

const writesOff = new CommandPolicy({ allowWrites: false });
const scoped = new CommandPolicy({ allowWrites: false, allowedNamespaces: ['team-a'], defaultNamespace: 'team-a' });

function expectSafe(verdict: Verdict, writesAllowed: boolean): void {
  expect(verdict.message).not.toBe(INTERNAL_ERROR);
  if (verdict.decision === 'deny') {
    expect(verdict.approved).toBeUndefined();
    return;
  }
  expect(ApprovedCommand.isGenuine(verdict.approved)).toBe(true);
  expect(verdict.approved?.argv).toEqual(verdict.argv);
  for (const word of verdict.argv) {
    expect(word).toMatch(SAFE_WORD);
    expect(word.replace(/_/g, '-')).not.toMatch(DENIED_LONG_FLAG);
  }
  // Quoted shell characters are data in argv; the display form must mean the same argv to a shell.
  expect(parseCommand(String(verdict.approved))).toEqual({ ok: true, argv: verdict.argv });
  if (verdict.decision === 'write' && !writesAllowed) {
    expect(verdict.approved?.dryRun).toBe(true);
    const dryRun = verdict.argv.filter((word) => /^--dry[-_]run=/.test(word)).at(-1);
    expect(dryRun?.replace('_', '-')).toMatch(/^--dry-run=(server|client)$/);
  }
}

function expectScoped(verdict: Verdict): void {
  if (verdict.decision === 'deny') return;
  expect(verdict.argv.some((word) => ALL_NAMESPACES.test(word.replace(/_/g, '-')))).toBe(false);
  verdict.argv.forEach((word, at) => {
    const attached = /^(?:-n=?|--namespace=)(.+)$/.exec(word)?.[1];
    const detached = word === '-n' || word === '--namespace' ? verdict.argv[at + 1] : undefined;
    for (const namespace of [attached, detached]) if (namespace !== undefined) expect(namespace).toBe('team-a');
  });
}

describe(`${CommandPolicy.name} properties`, () => {
  it('never throws while parsing or resolving any text', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, metacharCommand, fragmentCommand, payloadCommand), (text) => {
        const parsed = parseCommand(text);
        if (parsed.ok) resolveCommand(parsed.argv);
      }),
      { numRuns: 1500 },
    );
  });

  it('never allows control or non-ASCII characters or denied flags, and displays what it approves unambiguously', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, metacharCommand, fragmentCommand, payloadCommand), fc.boolean(), (text, dryRun) => {
        expectSafe(writesOff.evaluate(text, { dryRun }), false);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps scoped commands inside the allowed namespaces', () => {
    fc.assert(
      fc.property(fragmentCommand, fc.boolean(), (text, dryRun) => {
        const verdict = scoped.evaluate(text, { dryRun });
        expectSafe(verdict, false);
        expectScoped(verdict);
      }),
      { numRuns: 1500 },
    );
  });

  it('denies Secrets in every spelling', () => {
    fc.assert(
      fc.property(fc.constantFrom('get', 'describe', 'delete', 'get -A', 'get -o yaml'), secretSpelling, (verb, type) => {
        expect(writesOff.evaluate(`kubectl ${verb} ${type}`, { dryRun: true }).decision).toBe('deny');
      }),
      { numRuns: 500 },
    );
  });
});
