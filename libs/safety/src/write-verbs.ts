import { defineRule } from './define-rule';
import { boolFlag, deniedFlag, FlagSpec, invalidValue, optionalFlag, ValueCheck, valueFlag } from './flag-spec';
import { anyValue, duration, integerBetween, isDnsLabel, notAboutSecrets, oneOf } from './flag-values';
import { namesOnly } from './inspections';
import {
  DRY_RUN_FLAG,
  FIELD_MANAGER_FLAG,
  FILE_FLAGS,
  LOCAL_FLAG,
  OUTPUT_FLAGS,
  RAW_FLAG,
  WRITE_ALL_FLAG,
  WRITE_ALL_NAMESPACES_FLAG,
  WRITE_FIELD_SELECTOR_FLAG,
  WRITE_SELECTOR_FLAG,
} from './kubectl-flags';
import { denial, PolicyDenial } from './policy-denial';
import { CommandLine, Inspection, VerbRule } from './verb-rule';
import { VerdictCode } from './verdict';
import { listTargets } from './resource-args';
import { ANNOTATION_PAIRS, ENV_PAIRS, IMAGE_PAIRS, LABEL_PAIRS, PairRule, TAINT_PAIRS, writeTargets } from './write-targets';

/** Most replicas a write may ask for: a typo should not schedule thousands of pods. */
export const MAX_REPLICAS = 100;

const WORKLOADS = ['deployments', 'replicasets', 'statefulsets', 'daemonsets', 'replicationcontrollers'];
const SCALABLE = new Set(['deployments', 'replicasets', 'statefulsets', 'replicationcontrollers']);
const ROLLOUTS = new Set(['deployments', 'daemonsets', 'statefulsets']);
const POD_TEMPLATES = new Set(['pods', ...WORKLOADS, 'jobs', 'cronjobs']);
const EXPOSABLE = new Set(['pods', 'services', 'deployments', 'replicasets', 'replicationcontrollers']);
const NODES = new Set(['nodes']);
/** Everyday objects. Not here on purpose: Secrets, RBAC, service accounts, namespaces, CRDs, webhooks, volumes. */
const EVERYDAY = [
  ...POD_TEMPLATES,
  'services',
  'configmaps',
  'ingresses',
  'persistentvolumeclaims',
  'horizontalpodautoscalers',
  'poddisruptionbudgets',
];
const DELETABLE = new Set(EVERYDAY);
const PATCHABLE = new Set(EVERYDAY);
const LABELABLE = new Set([...EVERYDAY, 'nodes']);

const REPLICAS = integerBetween(0, MAX_REPLICAS);
const PRINTING: readonly FlagSpec[] = OUTPUT_FLAGS;
const NAMED_WRITE: readonly FlagSpec[] = [WRITE_ALL_FLAG, WRITE_SELECTOR_FLAG];

const configMapSource: ValueCheck = (value) =>
  /^(configmap|configmaps|cm)\/[a-z0-9][a-z0-9.-]*$/i.test(value)
    ? undefined
    : invalidValue('only configmap/NAME is allowed (Secrets are never read)');

const serviceName: ValueCheck = (value) => (isDnsLabel(value) ? undefined : invalidValue('expected a DNS label'));

const ROLLOUT_FLAGS: readonly FlagSpec[] = [...FILE_FLAGS, ...PRINTING, WRITE_SELECTOR_FLAG];
/** What most write verbs share: refused file input, output printing, dry run and field manager. */
const WRITE_FLAGS: readonly FlagSpec[] = [...FILE_FLAGS, ...PRINTING, DRY_RUN_FLAG, FIELD_MANAGER_FLAG];
const LABEL_FLAGS: readonly FlagSpec[] = [
  ...WRITE_FLAGS,
  ...NAMED_WRITE,
  WRITE_ALL_NAMESPACES_FLAG,
  WRITE_FIELD_SELECTOR_FLAG,
  LOCAL_FLAG,
  boolFlag('list'),
  boolFlag('overwrite'),
  valueFlag('resource-version', anyValue),
];
const SET_FLAGS: readonly FlagSpec[] = [...WRITE_FLAGS, ...NAMED_WRITE, LOCAL_FLAG];

/** `label --list` and `annotate --list` without KEY=VALUE words only print what is there. */
const listsOnly = (pairs: PairRule) => (command: CommandLine): boolean =>
  command.isTrue('list') && !command.positionals.some(pairs.isPair);

/** `set env --list` prints the variables, even of every pod (`--all`, `-l`): kubectl returns before changing anything. */
const listsEnv = (command: CommandLine): boolean =>
  listsOnly(ENV_PAIRS)(command) && !command.has('env') && !command.has('from');

function inspectSetEnv(command: CommandLine): Inspection | PolicyDenial {
  if (listsEnv(command)) return listTargets(command, POD_TEMPLATES);
  if (command.isTrue('all') || command.has('selector')) {
    return denial(VerdictCode.FLAG_DENIED, 'kubectl set env may use --all and -l only with --list: writes must name their objects');
  }
  return SET_ENV_TARGETS(command);
}

const SET_ENV_TARGETS = writeTargets({
  types: POD_TEMPLATES,
  pairs: ENV_PAIRS,
  pairsOptional: (command) => command.has('env') || command.has('from'),
});

const rollout = (verb: string, dryRun: boolean, extra: readonly FlagSpec[] = []): VerbRule =>
  defineRule({
    verb,
    tier: 'write',
    scope: 'resources',
    dryRun,
    flags: [...ROLLOUT_FLAGS, ...extra],
    inspect: writeTargets({ types: ROLLOUTS }),
  });

export const WRITE_RULES: readonly VerbRule[] = [
  defineRule({
    verb: 'scale',
    tier: 'write',
    scope: 'resources',
    dryRun: true,
    flags: [
      ...FILE_FLAGS,
      ...PRINTING,
      ...NAMED_WRITE,
      DRY_RUN_FLAG,
      valueFlag('replicas', REPLICAS),
      valueFlag('current-replicas', integerBetween(-1, 1e6)),
      valueFlag('resource-version', anyValue),
      valueFlag('timeout', duration),
    ],
    inspect: writeTargets({ types: SCALABLE, required: ['replicas'] }),
  }),
  // kubectl 1.32 has no --dry-run for these three, so a dry run of them is refused.
  rollout('rollout restart', false, [FIELD_MANAGER_FLAG]),
  rollout('rollout pause', false, [FIELD_MANAGER_FLAG]),
  rollout('rollout resume', false, [FIELD_MANAGER_FLAG]),
  rollout('rollout undo', true, [DRY_RUN_FLAG, valueFlag('to-revision', integerBetween(0, 1e9))]),
  defineRule({
    verb: 'label',
    tier: 'write',
    scope: 'resources',
    dryRun: true,
    flags: LABEL_FLAGS,
    inspect: writeTargets({ types: LABELABLE, pairs: LABEL_PAIRS, pairsOptional: (command) => command.isTrue('list') }),
    printsOnly: listsOnly(LABEL_PAIRS),
  }),
  defineRule({
    verb: 'annotate',
    tier: 'write',
    scope: 'resources',
    dryRun: true,
    flags: LABEL_FLAGS,
    inspect: writeTargets({ types: LABELABLE, pairs: ANNOTATION_PAIRS, pairsOptional: (command) => command.isTrue('list') }),
    printsOnly: listsOnly(ANNOTATION_PAIRS),
  }),
  defineRule({
    verb: 'set image',
    tier: 'write',
    scope: 'resources',
    dryRun: true,
    flags: SET_FLAGS,
    inspect: writeTargets({ types: POD_TEMPLATES, pairs: IMAGE_PAIRS }),
  }),
  defineRule({
    verb: 'set env',
    tier: 'write',
    scope: 'resources',
    dryRun: true,
    flags: [
      ...WRITE_FLAGS,
      LOCAL_FLAG,
      boolFlag('all'),
      valueFlag('selector', anyValue, 'l'),
      valueFlag('containers', anyValue, 'c'),
      valueFlag('env', (value) => (ENV_PAIRS.valid.test(value) ? undefined : invalidValue('expected NAME=VALUE')), 'e'),
      valueFlag('from', configMapSource),
      valueFlag('keys', anyValue),
      boolFlag('list'),
      boolFlag('overwrite'),
      valueFlag('prefix', anyValue),
      deniedFlag('resolve', 'it prints the values of Secrets', undefined, 'bool'),
    ],
    inspect: inspectSetEnv,
    printsOnly: listsEnv,
  }),
  defineRule({
    verb: 'set resources',
    tier: 'write',
    scope: 'resources',
    dryRun: true,
    flags: [
      ...SET_FLAGS,
      valueFlag('containers', anyValue, 'c'),
      valueFlag('limits', anyValue),
      valueFlag('requests', anyValue),
    ],
    inspect: writeTargets({ types: POD_TEMPLATES }),
  }),
  defineRule({
    verb: 'patch',
    tier: 'write',
    scope: 'resources',
    dryRun: true,
    flags: [
      ...WRITE_FLAGS,
      LOCAL_FLAG,
      // Cheap hardening, not a guarantee: a patch could still mount a Secret through an escape or an image.
      valueFlag('patch', notAboutSecrets, 'p'),
      deniedFlag('patch-file', 'patches are read from the command line only'),
      valueFlag('subresource', oneOf('scale')),
      valueFlag('type', oneOf('json', 'merge', 'strategic')),
    ],
    inspect: writeTargets({ types: PATCHABLE, required: ['patch'] }),
  }),
  ...['cordon', 'uncordon'].map((verb) =>
    defineRule({
      verb,
      tier: 'write',
      scope: 'cluster',
      dryRun: true,
      flags: [DRY_RUN_FLAG, WRITE_SELECTOR_FLAG],
      inspect: namesOnly(1, 20),
    }),
  ),
  defineRule({
    verb: 'taint',
    tier: 'write',
    scope: 'cluster',
    dryRun: true,
    flags: [
      ...PRINTING,
      ...NAMED_WRITE,
      DRY_RUN_FLAG,
      FIELD_MANAGER_FLAG,
      boolFlag('overwrite'),
      optionalFlag('validate', 'strict', oneOf('strict', 'warn', 'ignore', 'true', 'false')),
    ],
    inspect: writeTargets({ types: NODES, pairs: TAINT_PAIRS }),
  }),
  defineRule({
    verb: 'autoscale',
    tier: 'write',
    scope: 'resources',
    dryRun: true,
    flags: [
      ...WRITE_FLAGS,
      valueFlag('cpu-percent', integerBetween(1, 100)),
      valueFlag('max', integerBetween(1, MAX_REPLICAS)),
      valueFlag('min', integerBetween(1, MAX_REPLICAS)),
      valueFlag('name', serviceName),
      boolFlag('save-config'),
    ],
    inspect: writeTargets({ types: SCALABLE, required: ['max'] }),
  }),
  defineRule({
    verb: 'expose',
    tier: 'write',
    scope: 'resources',
    dryRun: true,
    flags: [
      ...WRITE_FLAGS,
      valueFlag('cluster-ip', anyValue),
      deniedFlag('external-ip', 'external IPs can intercept cluster traffic (CVE-2020-8554)'),
      valueFlag('labels', anyValue, 'l'),
      valueFlag('load-balancer-ip', anyValue),
      valueFlag('name', serviceName),
      deniedFlag('overrides', 'inline object overrides bypass the reviewed flags'),
      deniedFlag('override-type', 'inline object overrides bypass the reviewed flags'),
      valueFlag('port', anyValue),
      valueFlag('protocol', oneOf('TCP', 'UDP', 'SCTP')),
      boolFlag('save-config'),
      valueFlag('selector', anyValue),
      valueFlag('session-affinity', oneOf('None', 'ClientIP')),
      valueFlag('target-port', anyValue),
      valueFlag('type', oneOf('ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName')),
    ],
    inspect: writeTargets({ types: EXPOSABLE }),
  }),
  defineRule({
    verb: 'delete',
    tier: 'write',
    scope: 'resources',
    dryRun: true,
    flags: [
      ...FILE_FLAGS,
      ...NAMED_WRITE,
      WRITE_ALL_NAMESPACES_FLAG,
      WRITE_FIELD_SELECTOR_FLAG,
      RAW_FLAG,
      DRY_RUN_FLAG,
      optionalFlag('cascade', 'background', oneOf('background', 'foreground', 'orphan')),
      deniedFlag('force', 'forced deletion skips graceful termination', undefined, 'bool'),
      valueFlag('grace-period', integerBetween(-1, 3600)),
      boolFlag('ignore-not-found'),
      deniedFlag('interactive', 'interactive prompts need a terminal', 'i', 'bool'),
      boolFlag('now'),
      valueFlag('output', oneOf('name'), 'o'),
      valueFlag('timeout', duration),
      boolFlag('wait'),
    ],
    inspect: writeTargets({ types: DELETABLE }),
  }),
];

