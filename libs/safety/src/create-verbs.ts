import { defineRule } from './define-rule';
import { displayWord } from './display-word';
import { boolFlag, deniedFlag, FlagSpec, invalidValue, optionalFlag, ValueCheck, valueFlag } from './flag-spec';
import { anyValue, integerBetween, isDnsLabel, oneOf } from './flag-values';
import { argumentCount } from './inspections';
import { DRY_RUN_FLAG, FIELD_MANAGER_FLAG, FILE_FLAGS, OUTPUT_FLAGS } from './kubectl-flags';
import { denial, PolicyDenial } from './policy-denial';
import { CommandLine, Inspection, NamespaceScope, NO_TYPES, VerbRule } from './verb-rule';
import { VerdictCode } from './verdict';
import { MAX_REPLICAS } from './write-groups';

/** An image reference: registry, path, tag and digest characters only. */
export const IMAGE = /^[A-Za-z0-9][A-Za-z0-9._/:@-]*$/;

export const image: ValueCheck = (value) => (IMAGE.test(value) ? undefined : invalidValue('expected an image reference'));

const cronJobSource: ValueCheck = (value) =>
  /^(cronjob|cronjobs|cj)\/[a-z0-9][a-z0-9.-]*$/i.test(value) ? undefined : invalidValue('only cronjob/NAME is allowed');

const literal: ValueCheck = (value) =>
  /^[A-Za-z0-9_.-]+=/.test(value) ? undefined : invalidValue('expected KEY=VALUE');

/** Flags every `kubectl create <object>` subcommand shares. */
export const CREATE_FLAGS: readonly FlagSpec[] = [
  ...OUTPUT_FLAGS,
  DRY_RUN_FLAG,
  FIELD_MANAGER_FLAG,
  boolFlag('save-config'),
  optionalFlag('validate', 'strict', oneOf('strict', 'warn', 'ignore', 'true', 'false')),
];

export interface CreateNeeds {
  /** Flags kubectl needs for the object to mean anything (`--image`). */
  readonly required?: readonly string[];
  /** At least one of these (`--min-available` or `--max-unavailable`). */
  readonly oneOf?: readonly string[];
}

/** `create <object> NAME`: exactly one DNS-label name, plus flags the object needs. */
function oneName(needs: CreateNeeds) {
  return (command: CommandLine): Inspection | PolicyDenial => {
    const problem = argumentCount(command, 1, 1);
    if (problem) return problem;
    const [name] = command.positionals;
    if (!isDnsLabel(name)) return denial(VerdictCode.INVALID_ARGUMENT, `${displayWord(name)} is not a valid name`);
    const missing = (needs.required ?? []).find((flag) => !command.has(flag));
    if (missing) return denial(VerdictCode.INVALID_ARGUMENT, `kubectl ${command.verb} needs --${missing}`);
    const either = needs.oneOf ?? [];
    if (either.length > 0 && !either.some((flag) => command.has(flag))) {
      return denial(VerdictCode.INVALID_ARGUMENT, `kubectl ${command.verb} needs --${either.join(' or --')}`);
    }
    return NO_TYPES;
  };
}

/** The words after `--` become the container's command; they are printable ASCII already. */
const CONTAINER_COMMAND = (): undefined => undefined;

export function createRule(
  verb: string,
  scope: NamespaceScope,
  flags: readonly FlagSpec[],
  needs: CreateNeeds = {},
  command = false,
): VerbRule {
  return defineRule({
    verb: `create ${verb}`,
    tier: 'write',
    scope,
    dryRun: true,
    flags: [...CREATE_FLAGS, ...flags],
    inspect: oneName(needs),
    afterDash: command ? CONTAINER_COMMAND : undefined,
  });
}

const SERVICE_PORTS = valueFlag('tcp', anyValue);

/** Creatable objects, keyed by every name kubectl accepts for the subcommand. */
export const CREATE_RULES: ReadonlyMap<string, VerbRule> = new Map([
  ['namespace', createRule('namespace', 'cluster', [])],
  [
    'deployment',
    createRule(
      'deployment',
      'namespaced',
      [
        valueFlag('image', image),
        valueFlag('port', integerBetween(1, 65535)),
        valueFlag('replicas', integerBetween(0, MAX_REPLICAS), 'r'),
      ],
      { required: ['image'] },
      true,
    ),
  ],
  [
    'job',
    createRule('job', 'namespaced', [valueFlag('image', image), valueFlag('from', cronJobSource)], { oneOf: ['image', 'from'] }, true),
  ],
  [
    'configmap',
    createRule('configmap', 'namespaced', [
      valueFlag('from-literal', literal),
      boolFlag('append-hash'),
      deniedFlag('from-file', 'it reads files on the server'),
      deniedFlag('from-env-file', 'it reads files on the server'),
    ]),
  ],
]);

/** `kubectl create service <type> NAME`. */
export const CREATE_SERVICE_RULES: ReadonlyMap<string, VerbRule> = new Map([
  ['clusterip', createRule('service clusterip', 'namespaced', [SERVICE_PORTS, valueFlag('clusterip', anyValue)])],
  ['nodeport', createRule('service nodeport', 'namespaced', [SERVICE_PORTS, valueFlag('node-port', integerBetween(0, 65535))])],
  ['loadbalancer', createRule('service loadbalancer', 'namespaced', [SERVICE_PORTS])],
  [
    'externalname',
    createRule('service externalname', 'namespaced', [SERVICE_PORTS, valueFlag('external-name', anyValue)], { required: ['external-name'] }),
  ],
]);

/**
 * `kubectl create` itself creates from files: its flags are read (so the command lookup sees
 * them as kubectl does, and `-f` is refused by name), but the command never runs.
 */
export const CREATE_FROM_FILES: VerbRule = defineRule({
  verb: 'create',
  tier: 'write',
  scope: 'none',
  flags: [
    ...CREATE_FLAGS,
    ...FILE_FLAGS,
    boolFlag('edit'),
    deniedFlag('raw', 'raw API paths bypass the resource checks'),
    valueFlag('selector', anyValue, 'l'),
    boolFlag('windows-line-endings'),
  ],
  inspect: () => denial(VerdictCode.UNKNOWN_VERB, 'kubectl create needs a subcommand: creating from files is not allowed'),
});
