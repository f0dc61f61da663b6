import { displayWord } from './display-word';
import { denial, isDenial, PolicyDenial } from './policy-denial';
import { checkWriteTargets, readResourceArgs } from './resource-args';
import { CommandLine, Inspection } from './verb-rule';
import { VerdictCode } from './verdict';

const QUALIFIED_NAME = '[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?';
const LABEL_KEY = `([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?/)?${QUALIFIED_NAME}`;
const LABEL_VALUE = `(${QUALIFIED_NAME})?`;
const TAINT_EFFECT = '(NoSchedule|PreferNoSchedule|NoExecute)';

/** The `KEY=VALUE` words that follow the objects of label, annotate, set and taint. */
export interface PairRule {
  readonly describe: string;
  /** kubectl's own test for "this word is a pair, not an object". */
  readonly isPair: (word: string) => boolean;
  readonly valid: RegExp;
}

const hasEqualsOrDash = (word: string): boolean => word.includes('=') || word.endsWith('-');

export const LABEL_PAIRS: PairRule = {
  describe: 'KEY=VALUE or KEY-',
  isPair: hasEqualsOrDash,
  valid: new RegExp(`^${LABEL_KEY}(=${LABEL_VALUE}|-)$`),
};

export const ANNOTATION_PAIRS: PairRule = {
  describe: 'KEY=VALUE or KEY-',
  isPair: hasEqualsOrDash,
  valid: new RegExp(`^${LABEL_KEY}(=.*|-)$`),
};

export const ENV_PAIRS: PairRule = {
  describe: 'NAME=VALUE or NAME-',
  isPair: hasEqualsOrDash,
  valid: /^[A-Za-z_][A-Za-z0-9_.-]*(=.*|-)$/,
};

export const IMAGE_PAIRS: PairRule = {
  describe: 'CONTAINER=IMAGE',
  isPair: (word) => word.includes('='),
  valid: /^([a-z0-9]([-a-z0-9]*[a-z0-9])?|\*)=[A-Za-z0-9][A-Za-z0-9._/:@-]*$/,
};

export const TAINT_PAIRS: PairRule = {
  describe: 'KEY[=VALUE]:EFFECT or KEY[:EFFECT]-',
  isPair: (word) => word.includes('=') || word.includes(':') || word.endsWith('-'),
  valid: new RegExp(`^${LABEL_KEY}((=${LABEL_VALUE})?:${TAINT_EFFECT}|(:${TAINT_EFFECT})?-)$`),
};

export interface WriteTargetRule {
  /** Built-in resources (plural names) the verb may change. */
  readonly types: ReadonlySet<string>;
  /** Whether custom resources may be changed too (the generic verbs: delete, label, annotate, patch). */
  readonly custom?: boolean;
  readonly pairs?: PairRule;
  /** When pairs may be absent (`label --list`, `set env -e K=V`). */
  readonly pairsOptional?: (command: CommandLine) => boolean;
  /** Flags kubectl needs for the verb to mean anything (`scale --replicas`). */
  readonly required?: readonly string[];
}

function splitPairs(command: CommandLine, rule: PairRule): { objects: string[]; pairs: string[] } | PolicyDenial {
  const first = command.positionals.findIndex(rule.isPair);
  const objects = first < 0 ? [...command.positionals] : command.positionals.slice(0, first);
  const pairs = first < 0 ? [] : command.positionals.slice(first);
  const bad = pairs.find((pair) => !rule.valid.test(pair));
  if (bad !== undefined) {
    return denial(VerdictCode.INVALID_ARGUMENT, `${displayWord(bad)} is not ${rule.describe}`);
  }
  return { objects, pairs };
}

/** Inspection for writes: named objects of the types the verb may change, then well-formed pairs. */
export function writeTargets(rule: WriteTargetRule) {
  return (command: CommandLine): Inspection | PolicyDenial => {
    let objects = [...command.positionals];
    if (rule.pairs) {
      const split = splitPairs(command, rule.pairs);
      if (isDenial(split)) return split;
      if (split.pairs.length === 0 && !rule.pairsOptional?.(command)) {
        return denial(VerdictCode.INVALID_ARGUMENT, `kubectl ${command.verb} needs ${rule.pairs.describe}`);
      }
      objects = split.objects;
    }
    const resources = readResourceArgs(objects);
    if (isDenial(resources)) return resources;
    const refused = checkWriteTargets(command.verb, resources, { builtins: rule.types, custom: rule.custom });
    if (refused) return refused;
    const missing = (rule.required ?? []).find((flag) => !command.has(flag));
    if (missing) return denial(VerdictCode.INVALID_ARGUMENT, `kubectl ${command.verb} needs --${missing}`);
    return { types: resources.types };
  };
}
