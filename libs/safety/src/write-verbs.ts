import { defineRule } from './define-rule';
import { displayWord } from './display-word';
import { boolFlag, deniedFlag, FlagSpec, invalidValue, optionalFlag, ValueCheck, valueFlag } from './flag-spec';
import { anyValue, duration, integerBetween, isDnsLabel, oneOf } from './flag-values';
import { namesOnly } from './inspections';
import {
  DRY_RUN_FLAG,
  FIELD_MANAGER_FLAG,
  FILE_FLAGS,
  LOCAL_FLAG,
  RAW_FLAG,
  WRITE_ALL_NAMESPACES_FLAG,
  WRITE_FIELD_SELECTOR_FLAG,
  WRITE_SELECTOR_FLAG,
} from './kubectl-flags';
import { LABEL_AND_SET_RULES } from './label-and-set-verbs';
import { checkPatchContent } from './patch-content';
import { denial, isDenial, PolicyDenial } from './policy-denial';
import { CommandLine, Inspection, VerbRule } from './verb-rule';
import { VerdictCode } from './verdict';
import {
  DELETABLE,
  EXPOSABLE,
  MAX_REPLICAS,
  NAMED_WRITE,
  NODES,
  PATCHABLE,
  PRINTING,
  ROLLOUT_FLAGS,
  ROLLOUTS,
  SCALABLE,
  WRITE_FLAGS,
} from './write-groups';
import { TAINT_PAIRS, writeTargets } from './write-targets';

const REPLICAS = integerBetween(0, MAX_REPLICAS);

const serviceName: ValueCheck = (value) => (isDnsLabel(value) ? undefined : invalidValue('expected a DNS label'));

const PATCH_TARGETS = writeTargets({ types: PATCHABLE, custom: true, required: ['patch'] });

function inspectPatch(command: CommandLine): Inspection | PolicyDenial {
  const targets = PATCH_TARGETS(command);
  return isDenial(targets) ? targets : (checkPatchContent(command) ?? targets);
}

const TAINT_TARGETS = writeTargets({ types: NODES, pairs: TAINT_PAIRS });

/**
 * A NoExecute taint evicts every pod on the node that does not tolerate it, ignoring
 * PodDisruptionBudgets: what `drain` is refused for. Removing one (`KEY:NoExecute-`) is fine.
 */
function noEviction(command: CommandLine): PolicyDenial | undefined {
  const evicting = command.positionals.find((word) => /:NoExecute$/.test(word));
  if (evicting === undefined) return undefined;
  return denial(
    VerdictCode.EVICTION_DENIED,
    `taint ${displayWord(evicting)} evicts every pod on the node without a toleration, ignoring PodDisruptionBudgets`,
  );
}

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
  ...LABEL_AND_SET_RULES,
  defineRule({
    verb: 'patch',
    tier: 'write',
    scope: 'resources',
    dryRun: true,
    flags: [
      ...WRITE_FLAGS,
      LOCAL_FLAG,
      // The body is judged by its decoded structure (patch-content.ts).
      valueFlag('patch', anyValue, 'p'),
      deniedFlag('patch-file', 'a patch read from a file on the server cannot be judged'),
      valueFlag('subresource', oneOf('scale')),
      valueFlag('type', oneOf('json', 'merge', 'strategic')),
    ],
    inspect: inspectPatch,
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
    inspect: (command) => noEviction(command) ?? TAINT_TARGETS(command),
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
    inspect: writeTargets({ types: DELETABLE, custom: true }),
  }),
];

