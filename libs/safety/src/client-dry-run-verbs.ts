import { CREATE_FLAGS, IMAGE } from './create-verbs';
import { defineRule } from './define-rule';
import { displayWord } from './display-word';
import { boolFlag, deniedFlag, FlagSpec, invalidValue, ValueCheck, valueFlag } from './flag-spec';
import { anyValue, integerBetween, isObjectName, oneOf } from './flag-values';
import { argumentCount } from './inspections';
import { DRY_RUN_FLAG, FIELD_MANAGER_FLAG, FILE_FLAGS, OUTPUT_FLAGS } from './kubectl-flags';
import { denial, PolicyDenial } from './policy-denial';
import { CommandLine, Inspection, NamespaceScope, NO_TYPES, VerbRule } from './verb-rule';
import { VerdictCode } from './verdict';

const image: ValueCheck = (value) => (IMAGE.test(value) ? undefined : invalidValue('expected an image reference'));
const INTERACTIVE = 'it attaches a terminal to the pod';
const OVERRIDES = 'inline object overrides bypass the reviewed flags';

/** `NAME` (an object name) and, where kubectl needs one, a flag. */
function namedObject(required: readonly string[] = []) {
  return (command: CommandLine): Inspection | PolicyDenial => {
    const problem = argumentCount(command, 1, 1);
    if (problem) return problem;
    const [name] = command.positionals;
    if (!isObjectName(name)) return denial(VerdictCode.INVALID_ARGUMENT, `${displayWord(name)} is not a valid name`);
    const missing = required.find((flag) => !command.has(flag));
    if (missing) return denial(VerdictCode.INVALID_ARGUMENT, `kubectl ${command.verb} needs --${missing}`);
    return NO_TYPES;
  };
}

function printed(verb: string, scope: NamespaceScope, flags: readonly FlagSpec[], required?: readonly string[]): VerbRule {
  return defineRule({
    verb,
    tier: 'write',
    scope,
    dryRun: true,
    clientDryRunOnly: true,
    flags: [...CREATE_FLAGS, ...flags],
    inspect: namedObject(required),
  });
}

const SUBJECTS: readonly FlagSpec[] = [
  valueFlag('group', anyValue),
  valueFlag('serviceaccount', anyValue),
  valueFlag('user', anyValue),
];
const RULES: readonly FlagSpec[] = [valueFlag('resource', anyValue), valueFlag('resource-name', anyValue), valueFlag('verb', anyValue)];

/**
 * Commands allowed only as `--dry-run=client`, which prints the object and sends nothing: a
 * starting point for a manifest (`kubectl run web --image=nginx --dry-run=client -o yaml`).
 * Without it they would run processes in the cluster or change RBAC, so they are refused.
 */
export const CLIENT_DRY_RUN_RULES: ReadonlyMap<string, VerbRule> = new Map([
  [
    'run',
    defineRule({
      verb: 'run',
      tier: 'write',
      scope: 'namespaced',
      dryRun: true,
      clientDryRunOnly: true,
      flags: [
        ...OUTPUT_FLAGS,
        ...FILE_FLAGS,
        DRY_RUN_FLAG,
        FIELD_MANAGER_FLAG,
        boolFlag('save-config'),
        valueFlag('image', image),
        valueFlag('image-pull-policy', oneOf('Always', 'IfNotPresent', 'Never')),
        valueFlag('env', anyValue),
        valueFlag('labels', anyValue, 'l'),
        valueFlag('annotations', anyValue),
        valueFlag('port', integerBetween(1, 65535)),
        boolFlag('expose'),
        valueFlag('restart', oneOf('Always', 'OnFailure', 'Never')),
        boolFlag('command'),
        boolFlag('quiet', 'q'),
        deniedFlag('privileged', 'privileged containers are never allowed', undefined, 'bool'),
        deniedFlag('overrides', OVERRIDES),
        deniedFlag('override-type', OVERRIDES),
        deniedFlag('stdin', INTERACTIVE, 'i', 'bool'),
        deniedFlag('tty', INTERACTIVE, 't', 'bool'),
        deniedFlag('attach', INTERACTIVE, undefined, 'bool'),
        deniedFlag('leave-stdin-open', INTERACTIVE, undefined, 'bool'),
        deniedFlag('rm', INTERACTIVE, undefined, 'bool'),
      ],
      inspect: namedObject(['image']),
      afterDash: () => undefined,
    }),
  ],
  ['create role', printed('create role', 'namespaced', RULES, ['verb'])],
  ['create clusterrole', printed('create clusterrole', 'none', [...RULES, valueFlag('non-resource-url', anyValue), valueFlag('aggregation-rule', anyValue)])],
  ['create rolebinding', printed('create rolebinding', 'namespaced', [...SUBJECTS, valueFlag('role', anyValue), valueFlag('clusterrole', anyValue)])],
  ['create clusterrolebinding', printed('create clusterrolebinding', 'none', [...SUBJECTS, valueFlag('clusterrole', anyValue)])],
  ['create serviceaccount', printed('create serviceaccount', 'namespaced', [])],
]);
