import { defineRule } from './define-rule';
import { boolFlag, deniedFlag, invalidValue, ValueCheck, valueFlag } from './flag-spec';
import { anyValue } from './flag-values';
import { LOCAL_FLAG } from './kubectl-flags';
import { displayWord } from './display-word';
import { denial, PolicyDenial } from './policy-denial';
import { listTargets } from './resource-args';
import { CommandLine, Inspection, VerbRule } from './verb-rule';
import { VerdictCode } from './verdict';
import { LABEL_FLAGS, LABELABLE, POD_TEMPLATES, SET_FLAGS, WRITE_FLAGS } from './write-groups';
import { ANNOTATION_PAIRS, ENV_PAIRS, IMAGE_PAIRS, LABEL_PAIRS, PairRule, writeTargets } from './write-targets';

const configMapSource: ValueCheck = (value) =>
  /^(configmap|configmaps|cm)\/[a-z0-9][a-z0-9.-]*$/i.test(value)
    ? undefined
    : invalidValue('only configmap/NAME is allowed (Secrets are never read)');

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

const ANNOTATE_TARGETS = writeTargets({ types: LABELABLE, custom: true, pairs: ANNOTATION_PAIRS, pairsOptional: (command) => command.isTrue('list') });

/** Ingress configuration snippets run in the ingress controller, which can read every Secret (CVE-2021-25742, CVE-2025-1974). */
function noSnippet(command: CommandLine): PolicyDenial | undefined {
  // Removing one (`KEY-`) is fine.
  const snippet = command.positionals.find((word) => word.includes('=') && /snippet/i.test(word.split('=')[0]));
  return snippet === undefined
    ? undefined
    : denial(VerdictCode.PATCH_DENIED, `annotation ${displayWord(snippet.split('=')[0])}: ingress configuration snippets run in the ingress controller`);
}

/** label, annotate and set: writes that change fields of named objects, with print-only forms. */
export const LABEL_AND_SET_RULES: readonly VerbRule[] = [
  defineRule({
    verb: 'label',
    tier: 'write',
    scope: 'resources',
    dryRun: true,
    flags: LABEL_FLAGS,
    inspect: writeTargets({ types: LABELABLE, custom: true, pairs: LABEL_PAIRS, pairsOptional: (command) => command.isTrue('list') }),
    printsOnly: listsOnly(LABEL_PAIRS),
  }),
  defineRule({
    verb: 'annotate',
    tier: 'write',
    scope: 'resources',
    dryRun: true,
    flags: LABEL_FLAGS,
    inspect: (command) => noSnippet(command) ?? ANNOTATE_TARGETS(command),
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
];
